/**
 * Reads and writes the data of PNG text chunks (`iTXt`, `tEXt`, `zTXt`), the
 * carriers of a baked credential. Browser-safe: compressed text is handed back as
 * it is, for the caller to inflate.
 */

/** Keywords are 1 to 79 Latin-1 bytes (PNG spec, 11.3.3). */
const MAX_KEYWORD_LENGTH = 79;

export const TEXT_CHUNK_TYPES: ReadonlySet<string> = new Set(['iTXt', 'tEXt', 'zTXt']);

export interface PngTextEntry {
  keyword: string;
  /** True for `zTXt`, and for `iTXt` with its compression flag set. */
  compressed: boolean;
  /**
   * The stored text: UTF-8 for `iTXt`, Latin-1 for `tEXt`, zlib data when
   * compressed.
   */
  text: Uint8Array;
  /** Set when the keyword was readable but the fields after it are not. */
  problem: string | undefined;
}

/**
 * Parses the data of an `iTXt`, `tEXt` or `zTXt` chunk. Returns undefined when even
 * the keyword cannot be read; a damaged entry with a readable keyword comes back
 * with `problem` set, so that a reader looking for one keyword can tell "absent"
 * from "present but broken".
 */
export function readTextChunk(type: string, data: Uint8Array): PngTextEntry | undefined {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd > MAX_KEYWORD_LENGTH) return undefined;
  const keyword = decodeLatin1(data.subarray(0, keywordEnd));
  const entry = (compressed: boolean, text: Uint8Array, problem?: string): PngTextEntry => ({
    keyword,
    compressed,
    text,
    problem,
  });
  if (type === 'tEXt') return entry(false, data.subarray(keywordEnd + 1));
  if (type === 'zTXt') return entry(true, data.subarray(keywordEnd + 2));
  if (type !== 'iTXt') return undefined;
  // Layout: keyword NUL, flag, method, language tag NUL, translated keyword NUL, text.
  const flag = data[keywordEnd + 1];
  const method = data[keywordEnd + 2];
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (flag === undefined || method === undefined || translatedEnd < 0) {
    return entry(false, new Uint8Array(0), 'its iTXt header is cut short');
  }
  if (flag > 1 || method !== 0) {
    return entry(false, new Uint8Array(0), 'its iTXt compression fields are invalid');
  }
  return entry(flag === 1, data.subarray(translatedEnd + 1));
}

/**
 * Builds the data of an uncompressed `iTXt` chunk as Open Badges requires:
 * compression flag and method 0, empty language tag, empty translated keyword,
 * UTF-8 text. The caller adds the length, type and CRC around it.
 */
export function encodeITxt(keyword: string, text: string): Uint8Array {
  const textBytes = new TextEncoder().encode(text);
  const data = new Uint8Array(keyword.length + 5 + textBytes.length);
  for (let index = 0; index < keyword.length; index++) data[index] = keyword.charCodeAt(index);
  // The five bytes after the keyword stay 0: its NUL, flag, method, two empty strings.
  data.set(textBytes, keyword.length + 5);
  return data;
}

/**
 * Decodes Latin-1 (`tEXt` text and all keywords), in slices to keep spread
 * arguments few.
 */
export function decodeLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  }
  return text;
}
