import type { AssembledSite } from '../credential/assemble-site.ts';
import { didWebToDocumentUrl } from '../did-web.ts';
import { buildDidDocument } from '../keys/did-document.ts';
import { buildJwks, jwkUrl, publicJwkFile } from '../keys/jwks.ts';
import type { RsaPublicKey } from '../keys/key-records.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { paths } from '../urls.ts';

/**
 * The documents verifiers resolve issuers' keys from, by path relative to the site URL: each
 * issuer's DID document, its JWKS and one file per RSA key (the VC-JWT `kid`), and, at the root
 * of a host, `/.well-known/jwks.json` with every issuer's keys. The build writes exactly these,
 * and the signing workers verify fresh signatures against them before anything is written.
 */
export function keyDocuments(
  siteUrl: string,
  site: AssembledSite,
  keys: ReadonlyMap<string, Pick<IssuerKeys, 'publicKeys'>>,
): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  for (const { record, profile } of site.issuers.values()) {
    const issuerKeys = keys.get(record.slug);
    if (!issuerKeys) continue;
    const kid = (key: RsaPublicKey) => jwkUrl(siteUrl, record.slug, key.name);
    documents.set(
      didWebToDocumentUrl(profile.id).slice(siteUrl.length),
      buildDidDocument(profile.id, issuerKeys.publicKeys),
    );
    documents.set(
      `${paths.issuerPage(record.slug)}jwks.json`,
      buildJwks(issuerKeys.publicKeys, { kid }),
    );
    for (const key of issuerKeys.publicKeys) {
      if (key.type !== 'JsonWebKey') continue;
      documents.set(kid(key).slice(siteUrl.length), publicJwkFile(key, { kid }));
    }
  }
  // At the root of a host, verifiers also look for the keys at the well-known address.
  if (new URL(siteUrl).pathname === '/') {
    documents.set('.well-known/jwks.json', {
      keys: [...site.issuers.values()].flatMap(({ record }) => {
        const issuerKeys = keys.get(record.slug);
        const kid = (key: RsaPublicKey) => jwkUrl(siteUrl, record.slug, key.name);
        return issuerKeys ? buildJwks(issuerKeys.publicKeys, { kid }).keys : [];
      }),
    });
  }
  return documents;
}
