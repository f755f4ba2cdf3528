/**
 * The issuers' own private keys, as the leak scan looks for them in the output. The patterns of
 * scan-private-keys.ts find a key only in the shapes keys are written in (a JWK with `kty` and
 * `d`, a PEM block); a secret value on its own, in YAML or in an HTML attribute slips past them.
 * The build holds its issuers' keys while it scans, so it also looks for the secret values
 * themselves, in the forms they can be copied in:
 *
 * - `secretKeyMultibase`, verbatim;
 * - every private JWK member (`d` of Ed25519, as the 32-byte seed or the 64-byte form the
 *   Multikey library exports; `d`, `p`, `q`, `dp`, `dq`, `qi` of RSA), in base64url or standard
 *   base64, padded or not;
 * - the base64 body of the key's PKCS#8 DER (and PKCS#1 for RSA), with or without its PEM
 *   header, on one line or broken every 64 or 76 characters.
 *
 * Other encodings (hex, decimal), base64 broken at other widths and compressed files are not
 * searched.
 *
 * Each value is found through a needle: a run of its letters and digits, which look the same in
 * both base64 alphabets and which no JSON, YAML, HTML or URL escaping changes. A hit is then
 * confirmed around it, with the escapes, line breaks and alphabet differences undone, so what is
 * reported is the whole value, not a coincidence of a few characters.
 */
import { createPrivateKey } from 'node:crypto';
import type { IssuerKeys } from './load-issuer-keys.ts';

/** The keys the build signs with, as the publishing workers hold them. */
export type ScannedKeys = Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>;

interface Secret {
  /** Names the key in findings, e.g. `test-club's key rsa-2026-01-01`; never the value. */
  key: string;
  /** The form found, e.g. `d` or `PKCS#8`. */
  form: string;
  /** Searched for first: part of the value (see above). */
  needle: string;
  /** The characters of the value that do not depend on its surroundings, base64url alphabet. */
  target: string;
}

/** The issuers' secrets, ready to be searched for in every file of a scan. */
export interface IssuerSecrets {
  /** Each needle, and the secrets it may be part of. */
  byNeedle: ReadonlyMap<string, readonly Secret[]>;
}

/**
 * The longest needle. A string search skips ahead by about a needle's length at a time, so the
 * longer the faster: an issuer's needles (eleven, mostly 30 to 64 characters) together cost
 * about a third of what the patterns of scan-private-keys.ts cost.
 */
const NEEDLE_LENGTH = 64;
/** A run shorter than this would hit too often; such a value is searched for verbatim. */
const SHORTEST_RUN = 10;
/** PEM bodies break every 64 characters, MIME base64 every 76: needles sit within one line. */
const LINE_LENGTHS = [64, 76];
/** Bytes before a member in a DER container that its target includes: an INTEGER's header. */
const DER_CONTEXT = 4;
const RSA_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;
/** PKCS#8 of an Ed25519 key is these 16 bytes, then the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** The multicodec header of an Ed25519 private key in `secretKeyMultibase`. */
const ED25519_SECRET_HEADER = [0x80, 0x26];

export function issuerSecrets(keys: readonly ScannedKeys[]): IssuerSecrets {
  const secrets: Secret[] = [];
  for (const { issuerSlug, ed25519, rsa } of keys) {
    const edKey = `${issuerSlug}'s key ${ed25519.privateKey.name}`;
    const multibase = ed25519.privateKey.secretKeyMultibase;
    // Its first characters encode the header every such key shares: the needle comes after.
    const needle = multibase.slice(8, 8 + NEEDLE_LENGTH);
    secrets.push({
      key: edKey,
      form: 'secretKeyMultibase',
      needle: needle.length >= SHORTEST_RUN ? needle : multibase,
      target: multibase,
    });
    const seed = ed25519Seed(multibase);
    if (seed !== undefined) {
      secrets.push(...secretIn(seed, seed, edKey, 'd'));
      secrets.push(...secretIn(Buffer.concat([ED25519_PKCS8_PREFIX, seed]), seed, edKey, 'PKCS#8'));
    }

    const rsaKey = `${issuerSlug}'s key ${rsa.privateKey.name}`;
    const jwk = rsa.privateKey.privateKeyJwk;
    const members = RSA_MEMBERS.map((member) => Buffer.from(jwk[member], 'base64url'));
    for (const [index, bytes] of members.entries()) {
      secrets.push(...secretIn(bytes, bytes, rsaKey, RSA_MEMBERS[index] ?? ''));
    }
    // A whole key holds every member: the needle of one, whichever has the longest, will do.
    const keyObject = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    for (const [type, form] of [
      ['pkcs8', 'PKCS#8'],
      ['pkcs1', 'PKCS#1'],
    ] as const) {
      const der = keyObject.export({ type, format: 'der' });
      const choices = members.map((member) => secretIn(der, member, rsaKey, form));
      const longest = (choice: Secret[]) => choice[0]?.needle.length ?? 0;
      choices.sort((a, b) => longest(b) - longest(a));
      secrets.push(...(choices[0] ?? []));
    }
  }
  const byNeedle = new Map<string, Secret[]>();
  for (const secret of secrets) {
    // No real key has so short a value; searching for one would find it everywhere.
    if (secret.target.length < SHORTEST_RUN) continue;
    byNeedle.set(secret.needle, [...(byNeedle.get(secret.needle) ?? []), secret]);
  }
  return { byNeedle };
}

/**
 * The issuers' keys whose secrets `text` holds, one line per key naming the forms found, e.g.
 * `d, p of test-club's key rsa-2026-01-01`; empty when there are none.
 */
export function issuerSecretsIn(text: string, secrets: IssuerSecrets): string[] {
  const found = new Set<Secret>();
  for (const [needle, candidates] of secrets.byNeedle) {
    // Almost always no hit at all; a hit is confirmed, and each secret needs confirming once.
    let at = text.indexOf(needle);
    while (at >= 0 && candidates.some((secret) => !found.has(secret))) {
      for (const secret of candidates) {
        if (!found.has(secret) && holdsAround(text, at, secret.target)) found.add(secret);
      }
      at = text.indexOf(needle, at + 1);
    }
  }
  const forms = new Map<string, string[]>();
  for (const { key, form } of found) forms.set(key, [...(forms.get(key) ?? []), form]);
  return [...forms].map(([key, list]) => `${list.join(', ')} of ${key}`);
}

/**
 * How `member`, a byte string inside `container`, is searched for when `container` is written in
 * base64: one secret, or two (one per alphabet) when it has no run long enough for a needle;
 * none when it is not in `container`. Inside a DER container the target starts with the last
 * bytes of the DER header before the member, so that the member written on its own (a JWK `d`)
 * is not taken for the whole container.
 */
function secretIn(container: Uint8Array, member: Uint8Array, key: string, form: string): Secret[] {
  const bytes = Buffer.from(container.buffer, container.byteOffset, container.byteLength);
  const offset = bytes.indexOf(member);
  if (offset < 0 || member.length === 0) return [];
  const encoded = bytes.toString('base64url');
  // Whole characters only: the first and the last may share bits with whatever surrounds the
  // value where it is written.
  const start = Math.ceil((Math.max(0, offset - DER_CONTEXT) * 4) / 3);
  const end = Math.floor(((offset + member.length) * 4) / 3);
  const target = encoded.slice(start, end);
  const run = longestRun(encoded, start, end);
  if (run.length >= SHORTEST_RUN) {
    const needle = encoded.slice(run.start, run.start + Math.min(run.length, NEEDLE_LENGTH));
    return [{ key, form, needle, target }];
  }
  // Verbatim in either alphabet: such a value, escaped, is not found.
  const standard = target.replaceAll('-', '+').replaceAll('_', '/');
  return [...new Set([target, standard])].map((needle) => ({ key, form, needle, target }));
}

/** The longest run of letters and digits in `encoded[start, end)` that no line break can split. */
function longestRun(encoded: string, start: number, end: number) {
  let best = { start, length: 0 };
  let runStart = start;
  for (let index = start; index <= end; index++) {
    const lineStart = LINE_LENGTHS.some((length) => index % length === 0);
    const special = index === end || encoded[index] === '-' || encoded[index] === '_';
    if (special || lineStart) {
      if (index - runStart > best.length) best = { start: runStart, length: index - runStart };
      runStart = special ? index + 1 : index;
    }
  }
  return best;
}

/** Escapes that may stand for a base64 character in HTML, URLs, JSON and JavaScript strings. */
const BREAKS = /\s|\\[nr]|&#x0*[ad];|&#0*1[03];|%0[ad]/gi;
const PLUS = /\+|&#x0*2b;|&#0*43;|&plus;|%2b|\\u002b/gi;
const SLASH = /\\?\/|&#x0*2f;|&#0*47;|&sol;|%2f|\\u002f/gi;
const PADDING = /=|&#x0*3d;|&#0*61;|&equals;|%3d|\\u003d/gi;

/**
 * Whether `target` is in `text` around `index`, once escapes, line breaks and padding are undone
 * and standard base64 is read as base64url. The span allows for the longest escape (`&#x2F;`)
 * in place of every character.
 */
function holdsAround(text: string, index: number, target: string): boolean {
  const span = target.length * 8 + 64;
  const window = text
    .slice(Math.max(0, index - span), index + span)
    .replace(BREAKS, '')
    .replace(PLUS, '-')
    .replace(SLASH, '_')
    .replace(PADDING, '');
  return window.includes(target);
}

/** The 32-byte seed of an Ed25519 `secretKeyMultibase`, or undefined if it is not one. */
function ed25519Seed(multibase: string): Buffer | undefined {
  if (!multibase.startsWith('z')) return undefined;
  const bytes = base58Decode(multibase.slice(1));
  if (bytes === undefined || bytes[0] !== ED25519_SECRET_HEADER[0]) return undefined;
  if (bytes[1] !== ED25519_SECRET_HEADER[1] || bytes.length < 34) return undefined;
  return bytes.subarray(2, 34);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Buffer | undefined {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const hex = value === 0n ? '' : value.toString(16);
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([
    Buffer.alloc(zeros),
    Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex'),
  ]);
}
