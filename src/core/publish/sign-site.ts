import type { AssembledSite } from '../credential/assemble-site.ts';
import type { SignedCredential } from '../credential/types.ts';
import { verificationMethodId } from '../keys/did-document.ts';
import { jwkUrl } from '../keys/jwks.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { signDataIntegrity } from '../sign/sign-data-integrity.ts';
import { signVcJwt } from '../sign/sign-jwt.ts';
import { buildStatusListCredential } from '../status/status-list-credential.ts';

export interface SignedAward {
  credential: SignedCredential;
  jwt: string;
}

/**
 * Signs one credential with its issuer's active keys: first the embedded Data Integrity proof,
 * then the VC-JWT of the credential including that proof, as the specification orders it.
 * `proof.created` is the credential's `validFrom`, never the clock, so the same content always
 * signs to the same bytes.
 */
export async function signAward(
  credential: AssembledSite['credentials'] extends Map<string, infer C> ? C : never,
  keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>,
  site: string,
): Promise<SignedAward> {
  const issuerDid = credential.issuer.id;
  const signed = await signDataIntegrity(credential, keys.ed25519.privateKey, {
    created: credential.validFrom,
    verificationMethod: verificationMethodId(issuerDid, keys.ed25519.publicKey.name),
  });
  const jwt = await signVcJwt(signed, keys.rsa.privateKey.privateKeyJwk, {
    kid: jwkUrl(site, keys.issuerSlug, keys.rsa.publicKey.name),
  });
  return { credential: signed, jwt };
}

/**
 * The signed revocation list of one issuer. Its dates come from content (the latest award or
 * revocation of that issuer), so it changes only when the list's content can have changed.
 */
export async function signStatusList(options: {
  url: string;
  issuerDid: string;
  revokedIndices: number[];
  validFrom: string;
  keys: IssuerKeys;
}): Promise<object> {
  const unsigned = await buildStatusListCredential({
    url: options.url,
    issuer: options.issuerDid,
    validFrom: options.validFrom,
    setIndices: options.revokedIndices,
  });
  return signDataIntegrity(unsigned, options.keys.ed25519.privateKey, {
    created: options.validFrom,
    verificationMethod: verificationMethodId(
      options.issuerDid,
      options.keys.ed25519.publicKey.name,
    ),
  });
}
