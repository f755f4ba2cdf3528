/**
 * The issuer's DID document (did:web), served at `<site>/issuers/<slug>/did.json`.
 * It lists every public key, active and retired, under its full DID URL in both
 * `verificationMethod` and `assertionMethod`, with the issuer DID as `controller`:
 * the 1EdTech validator matches these ids literally and checks that controller
 * equals `issuer.id` (REQUIREMENTS 2.2, form 3).
 */
import type { PublicKeyRecord, RsaPublicJwk } from './key-records.ts';

/**
 * JSON-LD terms for the RSA method. No npm context package ships the W3C Controlled
 * Identifiers context that defines them, so they are declared inline with the same
 * IRIs; the document then passes JSON-LD safe mode with the bundled DID and
 * Multikey contexts only.
 */
const JSON_WEB_KEY_TERMS = {
  JsonWebKey: 'https://w3id.org/security#JsonWebKey',
  publicKeyJwk: { '@id': 'https://w3id.org/security#publicKeyJwk', '@type': '@json' },
} as const;

export interface MultikeyMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface JsonWebKeyMethod {
  id: string;
  type: 'JsonWebKey';
  controller: string;
  publicKeyJwk: RsaPublicJwk & { alg: 'RS256' };
}

export interface DidDocument {
  '@context': [string, string, typeof JSON_WEB_KEY_TERMS];
  id: string;
  verificationMethod: Array<MultikeyMethod | JsonWebKeyMethod>;
  assertionMethod: string[];
}

/** The DID URL of one of the issuer's keys: `<issuer DID>#<key name>`. */
export function verificationMethodId(issuerDid: string, keyName: string): string {
  return `${issuerDid}#${keyName}`;
}

/**
 * The DID document of `issuerDid` listing `publicKeys`: Ed25519 keys as Multikey
 * methods, RSA keys as JsonWebKey methods with a bare public JWK, so both Data
 * Integrity and DID-based JWT verifiers find them. Active keys come first, then
 * retired ones, each group by name, so the output does not depend on the order the
 * key files were read in.
 */
export function buildDidDocument(
  issuerDid: string,
  publicKeys: readonly PublicKeyRecord[],
): DidDocument {
  const methods = sortKeys(publicKeys).map((key): MultikeyMethod | JsonWebKeyMethod => {
    const id = verificationMethodId(issuerDid, key.name);
    if (key.type === 'Multikey') {
      return {
        id,
        type: 'Multikey',
        controller: issuerDid,
        publicKeyMultibase: key.publicKeyMultibase,
      };
    }
    const { kty, n, e } = key.publicKeyJwk;
    return {
      id,
      type: 'JsonWebKey',
      controller: issuerDid,
      publicKeyJwk: { kty, n, e, alg: 'RS256' },
    };
  });
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      JSON_WEB_KEY_TERMS,
    ],
    id: issuerDid,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

/** Active before retired, then by name: a stable order for every published key list. */
export function sortKeys<T extends PublicKeyRecord>(keys: readonly T[]): T[] {
  const rank = (key: T) => (key.status === 'active' ? 0 : 1);
  return [...keys].sort(
    (a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}
