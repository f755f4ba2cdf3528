/**
 * Private keys in environment variables, for CI secrets. The value is a JSON
 * document (or the same JSON, base64-encoded, which survives secret stores that
 * mangle quotes and newlines):
 *
 *     {"laurelPrivateKeys":1,"issuers":{"<issuer-slug>":[<PrivateKeyRecord>, ...]}}
 *
 * It may sit in `LAUREL_PRIVATE_KEYS` (any number of issuers) or in
 * `LAUREL_PRIVATE_KEYS_<SLUG>` (one issuer per secret; the slug upper-cased, other
 * characters than A-Z and 0-9 written `_`). Error messages name the variable but
 * never repeat its value.
 */
import { z } from 'zod';
import { LaurelError } from '../errors.ts';
import { describeIssues, type PrivateKeyRecord, privateKeyRecordSchema } from './key-records.ts';

export const PRIVATE_KEYS_ENV = 'LAUREL_PRIVATE_KEYS';

const blobSchema = z.object({
  laurelPrivateKeys: z.literal(1),
  issuers: z.record(z.string(), z.array(privateKeyRecordSchema)),
});

/** The variable that holds only `issuerSlug`'s keys, e.g. `LAUREL_PRIVATE_KEYS_ACME_LABS`. */
export function issuerPrivateKeysEnv(issuerSlug: string): string {
  return `${PRIVATE_KEYS_ENV}_${issuerSlug.toUpperCase().replaceAll(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The value to store in a CI secret for the given private keys: base64 of compact
 * JSON, one line. The fixed first member makes the encoded form always start with
 * the same characters, so the leak scanner recognises it in published files.
 */
export function encodePrivateKeysEnv(
  issuers: Readonly<Record<string, PrivateKeyRecord[]>>,
): string {
  const json = JSON.stringify({ laurelPrivateKeys: 1, issuers });
  return bytesToBase64(new TextEncoder().encode(json));
}

/**
 * The private keys of `issuerSlug` found in `env`, by key name: first from
 * `LAUREL_PRIVATE_KEYS_<SLUG>`, then from `LAUREL_PRIVATE_KEYS`. Throws ERR_KEYS,
 * naming the variable, when a value is set but cannot be read.
 */
export function privateKeysFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  issuerSlug: string,
): Map<string, PrivateKeyRecord> {
  const found = new Map<string, PrivateKeyRecord>();
  for (const name of [issuerPrivateKeysEnv(issuerSlug), PRIVATE_KEYS_ENV]) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    for (const record of decode(name, value).issuers[issuerSlug] ?? []) {
      if (!found.has(record.name)) found.set(record.name, record);
    }
  }
  return found;
}

function decode(name: string, value: string): z.infer<typeof blobSchema> {
  const trimmed = value.trim();
  let parsed: unknown;
  try {
    const json = trimmed.startsWith('{')
      ? trimmed
      : new TextDecoder().decode(base64ToBytes(trimmed));
    parsed = JSON.parse(json);
  } catch {
    // No cause on purpose: a JSON parse error quotes part of the secret.
    throw new LaurelError('ERR_KEYS', `${name} is neither JSON nor base64-encoded JSON.`, {
      hint: `Copy the value printed by \`npm run keys -- new\` into ${name} again, unchanged.`,
    });
  }
  const result = blobSchema.safeParse(parsed);
  if (!result.success) {
    throw new LaurelError('ERR_KEYS', `${name} does not hold Laurel private keys.`, {
      hint: `Problems: ${describeIssues(result.error).replaceAll(/"[^"]{40,}"/g, '"…"')}.`,
    });
  }
  return result.data;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replaceAll(/\s/g, ''));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
