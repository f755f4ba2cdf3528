/**
 * Names the format of a file from its first bytes, so that "not a PNG" errors can
 * say what the file is instead (a JPEG renamed to .png is the common case).
 * Browser-safe.
 */

interface Signature {
  name: string;
  matches: (bytes: Uint8Array) => boolean;
}

const ascii = (bytes: Uint8Array, start: number, text: string): boolean =>
  [...text].every((char, index) => bytes[start + index] === char.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { name: 'a PNG image', matches: (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n') },
  { name: 'a JPEG image', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'a GIF image', matches: (b) => ascii(b, 0, 'GIF8') },
  { name: 'a WebP image', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { name: 'an AVIF or HEIC image', matches: (b) => ascii(b, 4, 'ftyp') },
  { name: 'a TIFF image', matches: (b) => ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*') },
  { name: 'a PDF document', matches: (b) => ascii(b, 0, '%PDF') },
  { name: 'a ZIP archive', matches: (b) => ascii(b, 0, 'PK\x03\x04') },
];

/**
 * Returns a phrase such as "a JPEG image" or "an empty file" for the format the
 * bytes start with, "text or XML" for something that looks like markup, or
 * undefined when unrecognised.
 */
export function sniffImageFormat(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'an empty file';
  const found = SIGNATURES.find((signature) => signature.matches(bytes));
  if (found) return found.name;
  return looksLikeMarkup(bytes) ? 'text or XML (an SVG?)' : undefined;
}

/**
 * True when the bytes, after an optional UTF-8 BOM and whitespace, start with `<`.
 */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  let index = ascii(bytes, 0, '\xef\xbb\xbf') ? 3 : 0;
  while (index < bytes.length && [9, 10, 13, 32].includes(bytes[index] ?? 0)) index++;
  return bytes[index] === 0x3c;
}
