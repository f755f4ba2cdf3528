/**
 * Key rotation: the issuer's active keys become `retired` and a new active set
 * takes their place. Retired public keys are never deleted, because the DID
 * document and the JWKS must keep listing them for as long as credentials they
 * signed are in circulation.
 */
import { generateKeySet, toDay } from './generate-key-set.ts';
import type { KeySet, PublicKeyRecord } from './key-records.ts';

export interface RotatedKeys {
  /** The new active key set, public and private halves. */
  keySet: KeySet;
  /** The keys that were active and are now retired, with their `retired` day set. */
  retired: PublicKeyRecord[];
  /** Every public key of the issuer after the rotation: what to write back to `keys/`. */
  publicKeys: PublicKeyRecord[];
}

/**
 * Retires every active key in `current` as of `date` and adds a new key set dated
 * `date`. Names stay unique: a second rotation on the same day gets `-2` names.
 * Nothing is written.
 */
export async function rotateKeySet(
  issuerSlug: string,
  current: readonly PublicKeyRecord[],
  date: string | Date,
): Promise<RotatedKeys> {
  const day = toDay(date);
  const taken = new Set(current.map((key) => key.name));
  const keySet = await generateKeySet(issuerSlug, day, { taken });
  const retired = current
    .filter((key) => key.status === 'active')
    .map((key): PublicKeyRecord => ({ ...key, status: 'retired', retired: day }));
  const publicKeys = [
    ...current.map((key) => retired.find((old) => old.name === key.name) ?? key),
    ...keySet.publicKeys,
  ];
  return { keySet, retired, publicKeys };
}
