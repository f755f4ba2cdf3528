/**
 * The last line of defence for earners' privacy: a scan of the build output for anything shaped
 * like a plaintext e-mail address. Award files may hold an address only hashed, and the loader
 * refuses a plaintext one there, but an address can still slip in through an achievement's
 * criteria, an issuer's description or a file in `public/`. Only the issuers' own public
 * addresses (and an achievement creator's) may appear.
 *
 * It reads every file as a person or a program would: text files as UTF-8 with HTML entities,
 * JSON `\u` escapes and percent-encoding undone; VC-JWTs with their header and payload decoded;
 * PNGs through their text chunks (inflated when compressed). Other binary files (fonts, JPEGs)
 * are not read: an address inside one is not found.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { hasPngSignature, readPngChunks } from '../bake/png-chunks.ts';
import { readTextChunk, TEXT_CHUNK_TYPES } from '../bake/png-text-chunks.ts';
import { findEmailAddresses } from '../content/plaintext-email.ts';
import { LaurelError } from '../errors.ts';

export interface EarnerEmailFinding {
  /** Path relative to the scanned folder, with `/` separators. */
  file: string;
  /** The address with most of its local part masked, safe to print in a public CI log. */
  address: string;
}

const JWT = /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g;

/** The addresses not in `allowed` in one file's bytes, masked, sorted; `file` names it. */
export function earnerEmailsIn(
  file: string,
  bytes: Uint8Array,
  allowed: ReadonlySet<string>,
): EarnerEmailFinding[] {
  const addresses = new Set(textsOf(bytes).flatMap(addressesIn));
  return [...addresses]
    .sort()
    .filter((address) => !allowed.has(address))
    .map((address) => ({ file, address: mask(address) }));
}

/**
 * The addresses a site may publish: the `email` of every issuer Profile in `issuers/*.json` and
 * of every achievement's `creator` in `achievements/*.json`, as the build wrote them from the
 * issuers' and achievements' front matter. Lower-cased.
 */
export async function publicEmails(dir: string): Promise<Set<string>> {
  const allowed = new Set<string>();
  for (const folder of ['issuers', 'achievements']) {
    const files = await readdir(path.join(dir, folder)).catch(() => [] as string[]);
    for (const name of files.filter((file) => file.endsWith('.json'))) {
      const json: unknown = JSON.parse(await readFile(path.join(dir, folder, name), 'utf8'));
      collectEmails(json, allowed);
    }
  }
  return allowed;
}

/** The ERR_LEAK error for `findings`. */
export function earnerEmailLeak(findings: readonly EarnerEmailFinding[]): LaurelError {
  const list = findings.map((finding) => `${finding.file} (${finding.address})`).join(', ');
  return new LaurelError('ERR_LEAK', `plaintext e-mail address(es) in the output: ${list}`, {
    hint:
      "Only the issuers' own addresses may be published. Remove the address from the content " +
      'or public/ file it came from; an earner is named by `hashedEmail` (run ' +
      "`npm run laurel -- hash-email`), an issuer contact belongs in the issuer's `email`.",
  });
}

/** The texts a reader could get out of one file's bytes. */
export function textsOf(bytes: Uint8Array): string[] {
  if (hasPngSignature(bytes)) return pngTexts(bytes).flatMap(withDecoded);
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return [];
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return withDecoded(text);
}

function withDecoded(text: string): string[] {
  const texts = [text];
  const decoded = decodeEscapes(text);
  if (decoded !== text) texts.push(decoded);
  for (const [token] of text.matchAll(JWT)) {
    for (const part of token.split('.').slice(0, 2)) {
      texts.push(decodeEscapes(Buffer.from(part, 'base64url').toString('utf8')));
    }
  }
  return texts;
}

/** Undoes the encodings that hide an `@` or a `.` from a plain search but not from a reader. */
function decodeEscapes(text: string): string {
  return text
    .replaceAll(/&#(\d{1,7});?/g, (_, code: string) => fromCode(Number(code)))
    .replaceAll(/&#x([0-9a-f]{1,6});?/gi, (_, code: string) => fromCode(Number.parseInt(code, 16)))
    .replaceAll(/&commat;/gi, '@')
    .replaceAll(/&period;/gi, '.')
    .replaceAll(/\\u([0-9a-f]{4})/gi, (_, code: string) => fromCode(Number.parseInt(code, 16)))
    .replaceAll(/%([0-9a-f]{2})/gi, (match, code: string) => {
      const value = Number.parseInt(code, 16);
      return value < 0x80 ? String.fromCharCode(value) : match;
    });
}

function fromCode(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function pngTexts(bytes: Uint8Array): string[] {
  const texts: string[] = [];
  for (const chunk of readPngChunks(bytes).chunks) {
    if (!TEXT_CHUNK_TYPES.has(chunk.type)) continue;
    const entry = readTextChunk(chunk.type, chunk.data);
    if (!entry) continue;
    let data = entry.text;
    if (entry.compressed) {
      try {
        data = inflateSync(data);
      } catch {
        continue;
      }
    }
    // tEXt is Latin-1, iTXt UTF-8; both agree on the ASCII an address is made of.
    texts.push(`${entry.keyword}\n${new TextDecoder().decode(data)}`);
  }
  return texts;
}

function addressesIn(text: string): string[] {
  return findEmailAddresses(text).map(({ address }) => address.toLowerCase());
}

function collectEmails(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectEmails(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'email' && typeof item === 'string') into.add(item.trim().toLowerCase());
      else collectEmails(item, into);
    }
  }
}

function mask(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Every file under `dir`, relative with `/` separators, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}
