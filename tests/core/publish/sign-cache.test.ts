import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnsignedCredential } from '../../../src/core/credential/types.ts';
import {
  cacheSecret,
  openSignCache,
  type SignCache,
  signAwardCached,
  signCacheKey,
  signingFingerprint,
  signingIdentity,
} from '../../../src/core/publish/sign-cache-node.ts';
import { type SignedAward, signAward } from '../../../src/core/publish/sign-site.ts';
import { KEYS_A, KEYS_B, SITE, sampleCredential } from '../../fixtures/keys/test-keys.ts';
import { issuerKeys } from './test-issuer-keys.ts';

const keysA = issuerKeys(KEYS_A);
const keysB = issuerKeys(KEYS_B);
const keyOf = (credential: UnsignedCredential, keys = keysA, fingerprint?: string) =>
  signCacheKey(credential, signingIdentity(credential, keys, SITE), fingerprint);
const secretA = cacheSecret(keysA);
const secretB = cacheSecret(keysB);
const expectation = (credential: UnsignedCredential, keys = keysA) => ({
  credential,
  ...signingIdentity(credential, keys, SITE),
  secret: cacheSecret(keys),
});
/** Options for signAwardCached that record which results were verified. */
function verifying(seen: string[] = [], secret = secretA) {
  return {
    secret,
    verify: async (award: SignedAward) => {
      seen.push(award.jwt);
    },
  };
}

let dir: string | undefined;
let cache: SignCache;
let signed: SignedAward;
const credential = sampleCredential();
const key = keyOf(credential);

beforeAll(async () => {
  signed = await signAward(credential, keysA, SITE);
});

/** The same members, `name` moved to the front. */
function nameFirst(source: UnsignedCredential): UnsignedCredential {
  const { name, ...rest } = source;
  return { name, ...rest };
}

/** A cache in a new temporary folder; returns the folder. */
function freshCache(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'laurel-sign-cache-'));
  dir = folder;
  cache = openSignCache(folder);
  return folder;
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('signCacheKey', () => {
  it('is the same for the same inputs, and differs when any one of them changes', () => {
    const changedField = { ...sampleCredential(), name: 'Helper!' };
    const reordered = nameFirst(sampleCredential());
    const otherLibraries = signingFingerprint().replace(/jsonld@[^ ]+/, 'jsonld@99.0.0');
    expect(keyOf(sampleCredential())).toBe(key);
    const keys = [
      keyOf(changedField),
      keyOf(reordered),
      keyOf(credential, keysB),
      keyOf(credential, { ...keysA, issuerSlug: 'other-club' }),
      keyOf(credential, keysA, otherLibraries),
    ];
    expect(new Set([key, ...keys]).size).toBe(keys.length + 1);
  });

  it('names every library that decides the signed bytes, with its version', () => {
    const fingerprint = signingFingerprint();
    for (const name of ['@digitalbazaar/vc', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite']) {
      expect(fingerprint).toMatch(new RegExp(`${name}@\\d+\\.\\d+\\.\\d+`));
    }
    expect(fingerprint).toMatch(/ jose@\d/);
    expect(fingerprint).toMatch(/ jsonld@\d/);
    expect(fingerprint).toMatch(/ laurel:[0-9a-f]{16}$/);
  });
});

describe('openSignCache', () => {
  it('returns what was stored, as an entry in a sharded folder', () => {
    const dir = freshCache();
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    expect(cache.set(key, signed, secretA)).toBe(true);
    expect(readdirSync(dir)).toEqual([key.slice(0, 2)]);
    expect(readdirSync(path.join(dir, key.slice(0, 2)))).toEqual([`${key}.json`]);
    const hit = cache.get(key, expectation(credential));
    expect(hit).toEqual(signed);
    expect(JSON.stringify(hit?.credential)).toBe(JSON.stringify(signed.credential));
  });

  it('misses when the credential or the key ids differ from the stored entry', () => {
    freshCache();
    cache.set(key, signed, secretA);
    const changed = { ...sampleCredential(), name: 'Helper!' };
    expect(cache.get(key, expectation(changed))).toBeUndefined();
    expect(cache.get(key, expectation(credential, keysB))).toBeUndefined();
    expect(cache.get(key, { ...expectation(credential), kid: 'https://x/k.json' })).toBeUndefined();
    // Same members in another order are another credential: the published JSON would differ.
    const reordered = nameFirst(sampleCredential());
    expect(cache.get(key, expectation(reordered))).toBeUndefined();
  });

  it('misses under another key, e.g. after a library upgrade', () => {
    freshCache();
    cache.set(key, signed, secretA);
    const upgraded = keyOf(credential, keysA, 'jsonld@99.0.0');
    expect(cache.get(upgraded, expectation(credential))).toBeUndefined();
  });

  it('ignores corrupt entries: torn, not JSON, or with a token for another credential', () => {
    const dir = freshCache();
    cache.set(key, signed, secretA);
    const file = path.join(dir, key.slice(0, 2), `${key}.json`);
    const text = readFileSync(file, 'utf8');
    const corrupt = [
      text.slice(0, text.length / 2),
      'not json',
      '[]',
      text.replace(signed.credential.proof[0]?.verificationMethod ?? '', 'did:web:x#k'),
      text.replace(signed.jwt.split('.')[1] ?? '', 'e30'),
      text.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`),
    ];
    for (const entry of corrupt) {
      writeFileSync(file, entry);
      expect(cache.get(key, expectation(credential))).toBeUndefined();
    }
    expect(cache.get('not a key', expectation(credential))).toBeUndefined();
  });

  it("accepts only entries whose MAC was made with the issuer's own secret", () => {
    const dir = freshCache();
    expect(cacheSecret(keysA)).toEqual(secretA);
    expect(secretB).not.toEqual(secretA);
    // Written by a build holding other keys, e.g. planted in a shared CI cache.
    cache.set(key, signed, secretB);
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    // A signature swapped in a good entry: still well-formed, but the MAC no longer matches.
    cache.set(key, signed, secretA);
    const file = path.join(dir, key.slice(0, 2), `${key}.json`);
    const proofValue = signed.credential.proof[0]?.proofValue ?? '';
    const forged = `${proofValue.slice(0, -4)}${[...proofValue.slice(-4)].reverse().join('')}`;
    expect(forged).not.toBe(proofValue);
    writeFileSync(file, readFileSync(file, 'utf8').replace(proofValue, forged));
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    // The same entry with its own signature back is accepted again; without its MAC it is not.
    writeFileSync(file, readFileSync(file, 'utf8').replace(forged, proofValue));
    expect(cache.get(key, expectation(credential))).toEqual(signed);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    delete entry.mac;
    writeFileSync(file, JSON.stringify(entry));
    expect(cache.get(key, expectation(credential))).toBeUndefined();
  });

  it('forgets a discarded entry, and discarding a missing one is harmless', () => {
    freshCache();
    cache.set(key, signed, secretA);
    cache.discard(key);
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    expect(() => cache.discard(key)).not.toThrow();
  });

  it('leaves no temporary files behind', () => {
    const dir = freshCache();
    cache.set(key, signed, secretA);
    cache.set(key, signed, secretA);
    const files = readdirSync(dir, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('passes over a folder or a FIFO at an entry’s path, and replaces it', () => {
    const dir = freshCache();
    const file = path.join(dir, key.slice(0, 2), `${key}.json`);
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    expect(cache.set(key, signed, secretA)).toBe(true);
    expect(cache.get(key, expectation(credential))).toEqual(signed);
    rmSync(file);
    execFileSync('mkfifo', [file]);
    // Reading a FIFO with no writer would block this thread for ever.
    expect(cache.get(key, expectation(credential))).toBeUndefined();
    expect(cache.set(key, signed, secretA)).toBe(true);
    expect(cache.get(key, expectation(credential))).toEqual(signed);
  });

  it('replaces a file standing where an entry’s folder belongs', () => {
    const dir = freshCache();
    writeFileSync(path.join(dir, key.slice(0, 2)), 'a file where a folder belongs');
    expect(cache.set(key, signed, secretA)).toBe(true);
    expect(cache.get(key, expectation(credential))).toEqual(signed);
  });

  it('reports a write it could not make instead of throwing', () => {
    const dir = freshCache();
    // The cache folder itself is a file: nothing can be stored under it.
    const notAFolder = path.join(dir, 'signed');
    writeFileSync(notAFolder, 'a file where the cache belongs');
    expect(openSignCache(notAFolder).set(key, signed, secretA)).toBe(false);
    expect(readFileSync(notAFolder, 'utf8')).toBe('a file where the cache belongs');
  });
});

describe('signAwardCached', () => {
  it('signs and verifies on a miss, then returns the same bytes from the cache', async () => {
    freshCache();
    const verified: string[] = [];
    const first = await signAwardCached(cache, credential, keysA, SITE, verifying(verified));
    expect(first).toMatchObject({ cacheKey: key, cached: false, jwt: signed.jwt });
    expect(verified).toEqual([signed.jwt]);
    const second = await signAwardCached(
      cache,
      sampleCredential(),
      keysA,
      SITE,
      verifying(verified),
    );
    expect(second.cached).toBe(true);
    expect(verified).toHaveLength(1);
    expect(JSON.stringify(second.credential)).toBe(JSON.stringify(signed.credential));
    expect(second.jwt).toBe(signed.jwt);
  });

  it('neither returns nor stores a result that does not verify', async () => {
    freshCache();
    const refuse = {
      secret: secretA,
      verify: async () => {
        throw new Error('does not verify');
      },
    };
    await expect(signAwardCached(cache, credential, keysA, SITE, refuse)).rejects.toThrow(
      'does not verify',
    );
    expect(cache.get(key, expectation(credential))).toBeUndefined();
  });

  it('just signs and verifies without a cache', async () => {
    const verified: string[] = [];
    const result = await signAwardCached(undefined, credential, keysA, SITE, verifying(verified));
    expect(result).toEqual({ ...signed, cacheKey: key, cached: false });
    expect(verified).toEqual([signed.jwt]);
  });
});
