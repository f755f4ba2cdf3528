/**
 * The external proof: a VC-JWT, the compact JWS of the already
 * Data-Integrity-signed credential (REQUIREMENTS 2.1). RS256 with a header of
 * exactly `{alg, kid, typ: 'JWT'}`, where `kid` is the URL of the bare public JWK.
 * RSASSA-PKCS1-v1_5 is deterministic and the payload is serialised in a fixed
 * order, so the same credential and key give the same token. Browser-safe.
 */
import {
  CompactSign,
  type CryptoKey,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type JWSHeaderParameters,
  type KeyObject,
} from 'jose';
import type { SignedCredential } from '../credential/types.ts';
import { LaurelError } from '../errors.ts';
import { checkVcJwtClaims, vcJwtPayload } from './vc-jwt-claims.ts';

/** An RSA private key: a jose/WebCrypto key, a Node KeyObject, or a private JWK. */
export type RsaSigningKey = CryptoKey | KeyObject | JWK;

/** Header members the Open Badges JWT profile allows; any other is an error. */
const ALLOWED_HEADER = new Set(['alg', 'kid', 'jwk', 'typ']);
/** What the 1EdTech validator accepts; Laurel itself signs RS256 only. */
const ALGORITHMS = ['RS256', 'ES256'];

const imported = new WeakMap<JWK, Promise<CryptoKey>>();

/**
 * The VC-JWT of `signed`: its members in their own order followed by `iss`, `sub`
 * (when the subject has an id), `jti`, `nbf` and `exp` (when there is a
 * validUntil), signed RS256 with the header `{alg: 'RS256', kid, typ: 'JWT'}`.
 * Throws ERR_SIGN when a claim cannot be derived or the key cannot sign RS256.
 */
export async function signVcJwt(
  signed: SignedCredential,
  rsaPrivateKey: RsaSigningKey,
  options: { kid: string },
): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(vcJwtPayload(signed)));
  try {
    const key = isJwk(rsaPrivateKey) ? await importOnce(rsaPrivateKey) : rsaPrivateKey;
    return await new CompactSign(payload)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid, typ: 'JWT' })
      .sign(key);
  } catch (cause) {
    throw new LaurelError('ERR_SIGN', `Could not sign the VC-JWT of "${signed.id}".`, {
      hint: 'Give an RSA private key of at least 2048 bits (a private JWK or a CryptoKey).',
      cause,
    });
  }
}

export interface VerifyVcJwtOptions {
  /**
   * The public key for a token: from `kid` (an https URL or DID URL the caller
   * dereferences) or, if the caller trusts it, the header's `jwk`. Undefined means
   * no key was found.
   */
  resolveKey(
    kid: string | undefined,
    header: JWSHeaderParameters,
  ): Promise<CryptoKey | KeyObject | JWK | undefined>;
  /** Also check `nbf`/`exp` against this time; left out, only the claims' agreement is checked. */
  now?: Date;
}

/** What `verifyVcJwt` found; it never throws. */
export interface VcJwtVerification {
  verified: boolean;
  /** The credential carried by the token (the payload, or its `vc` member), once decoded. */
  credential?: Record<string, unknown>;
  header?: JWSHeaderParameters;
  errors: string[];
}

/**
 * Verifies a VC-JWT: the header is limited to alg/kid/jwk/typ (typ `JWT`, at least
 * one of kid and jwk, a jwk without `d`), the signature checks with the key
 * `resolveKey` returns, and `iss`, `sub`, `jti`, `nbf` and `exp` equal the
 * credential's issuer.id, credentialSubject.id, id, validFrom and validUntil.
 * Returns a result object and never throws.
 */
export async function verifyVcJwt(
  jws: string,
  options: VerifyVcJwtOptions,
): Promise<VcJwtVerification> {
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jws.trim()) as JWSHeaderParameters;
  } catch (error) {
    return { verified: false, errors: [`Not a compact JWS: ${message(error)}`] };
  }
  const errors = checkHeader(header);
  if (errors.length > 0) return { verified: false, header, errors };

  let payload: Record<string, unknown>;
  try {
    const found = await options.resolveKey(header.kid, header);
    if (found === undefined) {
      return { verified: false, header, errors: [`No public key for kid "${header.kid}".`] };
    }
    const key = isJwk(found) ? await importJWK(found, header.alg) : found;
    const result = await compactVerify(jws.trim(), key, { algorithms: ALGORITHMS });
    payload = JSON.parse(new TextDecoder().decode(result.payload)) as Record<string, unknown>;
  } catch (error) {
    return {
      verified: false,
      header,
      errors: [`The signature does not verify: ${message(error)}`],
    };
  }
  const vc = payload.vc;
  const credential = vc && typeof vc === 'object' ? (vc as Record<string, unknown>) : payload;
  const problems = checkVcJwtClaims(payload, credential, options.now);
  return { verified: problems.length === 0, credential, header, errors: problems };
}

function checkHeader(header: JWSHeaderParameters): string[] {
  const errors: string[] = [];
  const extra = Object.keys(header).filter((name) => !ALLOWED_HEADER.has(name));
  if (extra.length > 0) errors.push(`Header members not allowed: ${extra.join(', ')}.`);
  if (!header.alg || !ALGORITHMS.includes(header.alg)) {
    errors.push(`Header "alg" is ${JSON.stringify(header.alg)}; expected RS256 or ES256.`);
  }
  if (header.typ !== undefined && header.typ !== 'JWT') {
    errors.push(`Header "typ" is ${JSON.stringify(header.typ)}; it must be "JWT" or absent.`);
  }
  if (header.kid === undefined && header.jwk === undefined) {
    errors.push('Header has neither "kid" nor "jwk".');
  }
  if (header.jwk && 'd' in header.jwk) errors.push('Header "jwk" contains a private key ("d").');
  return errors;
}

function isJwk(key: CryptoKey | KeyObject | JWK): key is JWK {
  return typeof (key as JWK).kty === 'string';
}

function importOnce(jwk: JWK): Promise<CryptoKey> {
  let key = imported.get(jwk);
  if (key === undefined) {
    key = importJWK(jwk, 'RS256') as Promise<CryptoKey>;
    imported.set(jwk, key);
  }
  return key;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
