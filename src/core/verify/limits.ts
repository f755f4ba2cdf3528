/**
 * Size limits for what the verifier reads. Everything comes from strangers (uploads, other
 * people's sites), so each read has a ceiling far above any real badge and far below what would
 * hang a browser tab.
 */

/** A file, pasted text or fetched credential: baked images of a few MB are already unusual. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A fetched JSON document: DID document, key, schema or status list credential. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** How long one fetch may take before it counts as failed. */
export const FETCH_TIMEOUT_MS = 10_000;

/** Sizes for messages: `16 MiB`, `2.5 MiB`, `900 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}
