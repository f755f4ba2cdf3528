/**
 * The last line of defence against publishing a private key: a scan of the build
 * output for anything that looks like private key material. It looks for the forms
 * Laurel's own keys take (a JWK with `d`, a Multikey `secretKeyMultibase`, the
 * LAUREL_PRIVATE_KEYS value) and for PEM private key blocks, in every file, binary
 * ones included, since a PNG's iTXt chunk is plain text. These patterns find any key,
 * known or not; the build also searches for its issuers' own secret values in every
 * form they can be copied in (issuer-secrets-node.ts). In a PNG, every chunk but the
 * compressed pixel data (IDAT) is read, and anything after its end; a PNG whose chunks
 * cannot be walked is read whole. Compressed files (.gz, .br, zTXt chunks) are not
 * unpacked: a key inside one is not found.
 */
import { hasPngSignature, readPngChunks } from '../bake/png-chunks.ts';
import { LaurelError } from '../errors.ts';
import { encodePrivateKeysEnv } from './private-keys-env.ts';

export type PrivateKeyKind =
  | 'jwk-private'
  | 'pem-private'
  | 'multikey-secret'
  | 'laurel-env-value'
  | 'issuer-private-key';

export interface PrivateKeyFinding {
  /** Path relative to the scanned folder, with `/` separators. */
  file: string;
  kind: PrivateKeyKind;
  /** For `issuer-private-key`: which forms of which key, e.g. `d of test-club's key rsa-…`. */
  detail?: string;
}

// The encoded env value always starts `{"laurelPrivateKeys":1,` in base64.
const ENV_VALUE_PREFIX = encodePrivateKeysEnv({})
  .slice(0, 24)
  .replaceAll(/[+/=]/g, (char) => `\\${char}`);

const PATTERNS: ReadonlyArray<[PrivateKeyKind, RegExp]> = [
  // A JWK's private exponent or scalar `d`, next to the `kty` of the same object.
  [
    'jwk-private',
    /"kty"\s*:\s*"[^"]*"[^{}]*"d"\s*:\s*"[\w-]{16,}"|"d"\s*:\s*"[\w-]{16,}"[^{}]*"kty"/,
  ],
  ['pem-private', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
  [
    'multikey-secret',
    // Quoted as JSON, or as a YAML line, where the value must look like base58 to count.
    /"(?:secretKeyMultibase|privateKeyMultibase|privateKeyBase58|privateKeyPem)"\s*:\s*"[^"]{16,}"|(?:secretKeyMultibase|privateKeyMultibase|privateKeyBase58)['"]?\s*:\s*['"]?[1-9A-HJ-NP-Za-km-z]{32,}/,
  ],
  ['laurel-env-value', new RegExp(ENV_VALUE_PREFIX)],
];

/** `\"` in JS and JSON strings; `&quot;`, `&#34;` and `&#x22;` in HTML (Astro writes `&quot;`). */
const ESCAPED_QUOTE = /\\"|&quot;|&#34;|&#x22;/gi;
const ESCAPED_QUOTE_HINTS = ['\\"', '&quot;', '&#34;', '&#x22;', '&#X22;'];

/** The kinds of private key material in `text`; empty when there is none. */
export function privateKeyKinds(text: string): PrivateKeyKind[] {
  // JSON inside a JS string or an HTML attribute has escaped quotes: look twice.
  const unescaped = ESCAPED_QUOTE_HINTS.some((hint) => text.includes(hint))
    ? text.replaceAll(ESCAPED_QUOTE, '"')
    : text;
  return PATTERNS.filter(
    ([, pattern]) => pattern.test(text) || (unescaped !== text && pattern.test(unescaped)),
  ).map(([kind]) => kind);
}

/** Whether `text` contains private key material of any kind Laurel recognises. */
export function findPrivateKeyMaterial(text: string): boolean {
  return privateKeyKinds(text).length > 0;
}

/**
 * The text of a file as the scan reads it: latin1, which maps each byte to one character so
 * binary files scan without errors; for a PNG, only the parts that can hold text (see above).
 */
export function privateKeyText(bytes: Uint8Array): string {
  const latin1 = (part: Uint8Array) =>
    Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1');
  if (!hasPngSignature(bytes)) return latin1(bytes);
  const { chunks, problem } = readPngChunks(bytes);
  const last = chunks.at(-1);
  if (problem !== undefined || last === undefined) return latin1(bytes);
  const parts = chunks.filter((chunk) => chunk.type !== 'IDAT').map((chunk) => latin1(chunk.data));
  parts.push(latin1(bytes.subarray(last.end)));
  return parts.join('\n');
}

/** The ERR_LEAK error for `findings` in the folder `dir`. */
export function privateKeyLeak(dir: string, findings: readonly PrivateKeyFinding[]): LaurelError {
  const list = findings
    .map(({ file, kind, detail }) => `${file} (${kind}${detail ? `: ${detail}` : ''})`)
    .join(', ');
  return new LaurelError('ERR_LEAK', `Private key material found in ${dir}: ${list}.`, {
    hint:
      'Find what copied the key there (a content file, a public/ asset, a custom page) and ' +
      'remove it; if the key ever left your machine, run `npm run keys -- rotate`.',
  });
}
