/**
 * Answers a site's own URLs from its built folder, so a freshly built site (or a copy of one) can
 * be verified before it is deployed, with no network: `https://example.org/badges/issuers/a/did.json`
 * is read from `<outDir>/issuers/a/did.json`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJson } from './fetch-http.ts';
import { formatBytes, MAX_DOCUMENT_BYTES, MAX_INPUT_BYTES } from './limits.ts';
import type { FetchBytes, FetchJson } from './types.ts';

/** The file under `outDir` that a URL under `siteUrl` names, or undefined for other URLs. */
export function siteFile(outDir: string, siteUrl: string, url: string): string | undefined {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  const bare = url.split(/[?#]/, 1)[0] ?? url;
  if (!bare.startsWith(base)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(bare.slice(base.length));
  } catch {
    return undefined;
  }
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = path.resolve(outDir);
  const file = path.resolve(root, relative);
  return file.startsWith(`${root}${path.sep}`) ? file : undefined;
}

/** Reads URLs under `siteUrl` from `outDir`; rejects for any other URL or a missing file. */
export function fetchBytesFromSite(outDir: string, siteUrl: string): FetchBytes {
  return async (url) => readSiteFile(outDir, siteUrl, url, MAX_INPUT_BYTES);
}

/** Like `fetchBytesFromSite`, parsing the file as JSON. */
export function fetchJsonFromSite(outDir: string, siteUrl: string): FetchJson {
  return async (url) => parseJson(readSiteFile(outDir, siteUrl, url, MAX_DOCUMENT_BYTES), url);
}

function readSiteFile(outDir: string, siteUrl: string, url: string, maxBytes: number): Uint8Array {
  const file = siteFile(outDir, siteUrl, url);
  if (file === undefined) throw new Error(`${url} is not under ${siteUrl}`);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new Error(`the built site has no ${path.relative(outDir, file)}`);
  }
  if (size > maxBytes)
    throw new Error(`${path.relative(outDir, file)} is larger than ${formatBytes(maxBytes)}`);
  return new Uint8Array(readFileSync(file));
}
