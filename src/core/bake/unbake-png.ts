/**
 * Finds the baked text in a PNG: the one `iTXt` chunk with the credential keyword.
 * Forgiving where it can be (CRCs are not checked: a tampered credential fails
 * verification anyway), and browser-safe, so compressed text is handed back for the
 * caller to inflate.
 */
import { BAKE_NAMES, type BakeVersion } from './bake-names.ts';
import { readPngChunks } from './png-chunks.ts';
import { decodeLatin1, type PngTextEntry, readTextChunk } from './png-text-chunks.ts';
import { failure, type UnbakeFailure } from './unbake-result.ts';

export type PngBakedText =
  | { ok: true; text: string }
  | { ok: 'compressed'; data: Uint8Array; keyword: string }
  | UnbakeFailure;

/**
 * Returns the text of the PNG's credential chunk (`openbadgecredential`, or
 * `openbadges` for OB 2.0, which may also be a legacy `tEXt` chunk). A damaged
 * chunk structure, a missing or repeated chunk and text that is not UTF-8 come back
 * as failures with a plain message.
 */
export function readPngBakedText(bytes: Uint8Array, version: BakeVersion): PngBakedText {
  const { chunks, problem } = readPngChunks(bytes);
  if (problem) return failure('unreadable', `The PNG is damaged: ${problem}.`);
  const keyword = BAKE_NAMES[version].pngKeyword;
  const carriers = version === '2.0' ? ['iTXt', 'tEXt'] : ['iTXt'];
  const entries: { type: string; entry: PngTextEntry }[] = [];
  for (const chunk of chunks) {
    if (!carriers.includes(chunk.type)) continue;
    const entry = readTextChunk(chunk.type, chunk.data);
    if (entry?.keyword === keyword) entries.push({ type: chunk.type, entry });
  }
  const [first, second] = entries;
  if (!first) return failure('no-credential', missingMessage(chunks, version));
  if (second) {
    return failure(
      'multiple-credentials',
      `The PNG has ${entries.length} "${keyword}" chunks; a baked image must hold exactly one.`,
    );
  }
  const { type, entry } = first;
  if (entry.problem) {
    return failure('unreadable', `The "${keyword}" chunk is damaged: ${entry.problem}.`);
  }
  if (entry.compressed) return { ok: 'compressed', data: entry.text, keyword };
  if (type === 'tEXt') return { ok: true, text: decodeLatin1(entry.text) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(entry.text) };
  } catch {
    return failure('unreadable', `The text in the "${keyword}" chunk is not valid UTF-8.`);
  }
}

function missingMessage(
  chunks: { type: string; data: Uint8Array }[],
  version: BakeVersion,
): string {
  const other = version === '3.0' ? '2.0' : '3.0';
  const otherKeyword = BAKE_NAMES[other].pngKeyword;
  const hasOther = chunks.some(
    (chunk) =>
      chunk.type === 'iTXt' && readTextChunk(chunk.type, chunk.data)?.keyword === otherKeyword,
  );
  const keyword = BAKE_NAMES[version].pngKeyword;
  const base = `The PNG has no "${keyword}" text chunk, so no Open Badges ${version} credential.`;
  const hint = ` It does hold an Open Badges ${other} "${otherKeyword}" chunk.`;
  return hasOther ? base + hint : base;
}
