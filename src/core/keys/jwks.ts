/**
 * The RSA public keys as JOSE publishes them: one bare JWK file per key, at
 * `<site>/issuers/<slug>/keys/<key name>.json`, which is the `kid` of every VC-JWT
 * that key signs (the 1EdTech validator fetches `kid` and expects a single JWK, not
 * a set or a #fragment), and a JWKS of all of the issuer's RSA keys, active and
 * retired, at `<site>/issuers/<slug>/jwks.json`. The JWKS holds the JWT keys only;
 * the Ed25519 keys are published in the DID document.
 */
import { sortKeys } from './did-document.ts';
import type { PublicKeyRecord, RsaPublicKey } from './key-records.ts';

/** A published RSA public key: the public members only, with its algorithm and use. */
export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  alg: 'RS256';
  use: 'sig';
  kid?: string;
}

export interface Jwks {
  keys: PublicJwk[];
}

/** Optional `kid` for each key: the URL of its JWK file, so JWKS entries match JWT headers. */
export interface JwkOptions {
  kid?: (key: RsaPublicKey) => string;
}

/**
 * The URL a key's bare JWK is published at, which is also the `kid` of the JWTs it
 * signs: `<site>/issuers/<slug>/keys/<key name>.json` (the site may have a path).
 */
export function jwkUrl(siteUrl: string | URL, issuerSlug: string, keyName: string): string {
  const site = new URL(siteUrl);
  const base = site.pathname.endsWith('/') ? site : new URL(`${site.pathname}/`, site);
  return new URL(`issuers/${issuerSlug}/keys/${keyName}.json`, base).href;
}

/**
 * The content of a key's JWK file. Only `kty`, `n` and `e` are copied from the
 * record, so no private member reaches the output, even from a tampered key file.
 */
export function publicJwkFile(key: RsaPublicKey, options: JwkOptions = {}): PublicJwk {
  const { kty, n, e } = key.publicKeyJwk;
  const jwk: PublicJwk = { kty, n, e, alg: 'RS256', use: 'sig' };
  if (options.kid) jwk.kid = options.kid(key);
  return jwk;
}

/** The issuer's JWKS: every RSA key in `publicKeys`, active first, then retired. */
export function buildJwks(publicKeys: readonly PublicKeyRecord[], options: JwkOptions = {}): Jwks {
  const rsaKeys = publicKeys.filter((key): key is RsaPublicKey => key.type === 'JsonWebKey');
  return { keys: sortKeys(rsaKeys).map((key) => publicJwkFile(key, options)) };
}
