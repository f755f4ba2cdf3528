/**
 * Making a new key set for an issuer: an Ed25519 Multikey and a 2048-bit RSA JWK,
 * named for the algorithm and the day, e.g. `ed25519-2026-12-03` and
 * `rsa-2026-12-03`. Key generation is the one place randomness enters Laurel;
 * everything signed with the keys afterwards is deterministic.
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { exportJWK, generateKeyPair } from 'jose';
import { LaurelError } from '../errors.ts';
import type { KeySet, RsaPrivateJwk } from './key-records.ts';

export interface GenerateKeySetOptions {
  /** Put before each name, e.g. `dev-` for throwaway development keys. */
  namePrefix?: string;
  /** Names already used by the issuer; a clash gets a `-2`, `-3`... suffix. */
  taken?: ReadonlySet<string>;
}

/**
 * A new key set for `issuerSlug`, both keys `active` and dated `date` (a
 * `YYYY-MM-DD` string or a Date, read in UTC). Nothing is written: the caller
 * stores the public halves in `keys/` and the private halves in the environment or
 * an ignored file.
 */
export async function generateKeySet(
  issuerSlug: string,
  date: string | Date,
  options: GenerateKeySetOptions = {},
): Promise<KeySet> {
  const created = toDay(date);
  const prefix = options.namePrefix ?? '';
  const taken = options.taken ?? new Set<string>();
  const suffix = uniqueSuffix([`${prefix}ed25519-${created}`, `${prefix}rsa-${created}`], taken);
  const edName = `${prefix}ed25519-${created}${suffix}`;
  const rsaName = `${prefix}rsa-${created}${suffix}`;

  const edPair = await Ed25519Multikey.generate();
  const edExport = await edPair.export({ publicKey: true, secretKey: true, includeContext: false });
  const publicKeyMultibase = edPair.publicKeyMultibase;
  const secretKeyMultibase = edExport.secretKeyMultibase;
  if (secretKeyMultibase === undefined) {
    throw new LaurelError('ERR_KEYS', 'The Ed25519 library returned no secret key.');
  }

  const rsa = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const rsaJwk = (await exportJWK(rsa.privateKey)) as RsaPrivateJwk;
  const { kty, n, e, d, p, q, dp, dq, qi } = rsaJwk;

  return {
    issuerSlug,
    publicKeys: [
      {
        name: edName,
        type: 'Multikey',
        algorithm: 'Ed25519',
        status: 'active',
        created,
        publicKeyMultibase,
      },
      {
        name: rsaName,
        type: 'JsonWebKey',
        algorithm: 'RS256',
        status: 'active',
        created,
        publicKeyJwk: { kty, n, e },
      },
    ],
    privateKeys: [
      {
        name: edName,
        type: 'Multikey',
        algorithm: 'Ed25519',
        publicKeyMultibase,
        secretKeyMultibase,
      },
      {
        name: rsaName,
        type: 'JsonWebKey',
        algorithm: 'RS256',
        privateKeyJwk: { kty, n, e, d, p, q, dp, dq, qi },
      },
    ],
  };
}

/** `YYYY-MM-DD` of a Date (UTC) or a date string; throws ERR_KEYS for anything else. */
export function toDay(date: string | Date): string {
  const day = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    throw new LaurelError('ERR_KEYS', `"${String(date)}" is not a date.`, {
      hint: 'Write the key date as YYYY-MM-DD.',
    });
  }
  return day;
}

function uniqueSuffix(names: readonly string[], taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    if (names.every((name) => !taken.has(`${name}${suffix}`))) return suffix;
  }
}
