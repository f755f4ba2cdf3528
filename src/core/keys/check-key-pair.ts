/**
 * Proving that a private key belongs to its committed public half before anything
 * is signed with it. A mismatch would publish credentials that no verifier accepts,
 * so it stops the build. The check signs a fixed message with the private key and
 * verifies it with the committed public key, which catches every kind of mismatch,
 * including a private file whose copy of the public key was edited to match.
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { LaurelError } from '../errors.ts';
import type { PrivateKeyRecord, PublicKeyRecord } from './key-records.ts';

const PROBE = new TextEncoder().encode('laurel key pair check');

/**
 * Resolves when `privateKey` is the private half of `publicKey`; throws ERR_KEYS
 * naming the key and where the private half came from (`source`, e.g.
 * `LAUREL_PRIVATE_KEYS` or a file path).
 */
export async function assertKeyPairMatches(
  publicKey: PublicKeyRecord,
  privateKey: PrivateKeyRecord,
  source: string,
): Promise<void> {
  let matches = false;
  try {
    matches = await pairMatches(publicKey, privateKey);
  } catch (cause) {
    throw mismatch(publicKey, source, cause);
  }
  if (!matches) throw mismatch(publicKey, source);
}

async function pairMatches(publicKey: PublicKeyRecord, privateKey: PrivateKeyRecord) {
  if (publicKey.type === 'Multikey' && privateKey.type === 'Multikey') {
    const signing = await Ed25519Multikey.from({
      publicKeyMultibase: privateKey.publicKeyMultibase,
      secretKeyMultibase: privateKey.secretKeyMultibase,
    });
    const verifying = await Ed25519Multikey.from({
      publicKeyMultibase: publicKey.publicKeyMultibase,
    });
    const signature = await signing.signer().sign({ data: PROBE });
    return verifying.verifier().verify({ data: PROBE, signature });
  }
  if (publicKey.type === 'JsonWebKey' && privateKey.type === 'JsonWebKey') {
    const signing = await importJWK(privateKey.privateKeyJwk, 'RS256');
    const verifying = await importJWK(publicKey.publicKeyJwk, 'RS256');
    const jws = await new CompactSign(PROBE).setProtectedHeader({ alg: 'RS256' }).sign(signing);
    await compactVerify(jws, verifying);
    return true;
  }
  return false;
}

function mismatch(publicKey: PublicKeyRecord, source: string, cause?: unknown): LaurelError {
  return new LaurelError(
    'ERR_KEYS',
    `The private key "${publicKey.name}" from ${source} does not match its public key.`,
    {
      hint:
        'Restore the private key that was made together with this public key, or make a new ' +
        'key set with `npm run keys -- rotate`.',
      cause,
    },
  );
}
