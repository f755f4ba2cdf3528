/**
 * Finds the public key of a VC-JWT (REQUIREMENTS 2.1): the JWK at the header's `kid` (an https
 * URL holding a bare JWK or a JWK set, or a DID URL) or the header's own `jwk`. A key carried in
 * the token proves nothing about who made it, so the key must also be one the issuer publishes:
 * in its DID document, on its own site, or in its `/.well-known/jwks.json`.
 */
import type { JWK } from 'jose';
import { didWebToDocumentUrl } from '../did-web.ts';
import {
  assertionJwks,
  fetchDocument,
  isObject,
  type Json,
  multibaseToJwk,
  sameJwk,
} from './key-documents.ts';
import { resolveProofKey } from './resolve-proof-key.ts';
import type { FetchJson, StepStatus } from './types.ts';

export interface JwtKeyResolution {
  status: StepStatus;
  message: string;
  jwk?: JWK;
}

/** Resolves the token's key and checks that the issuer publishes it. */
export async function resolveJwtKey(
  header: Json,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<JwtKeyResolution> {
  const { kid, jwk } = header;
  if (typeof kid === 'string' && /^did:(web|key):/.test(kid)) {
    const found = await resolveProofKey(kid, issuerId, fetchJson);
    const method = found.method;
    const key =
      method?.publicKeyJwk ??
      (method?.publicKeyMultibase ? await multibaseToJwk(method.publicKeyMultibase) : undefined);
    return key
      ? { status: found.status, message: found.message, jwk: key }
      : { status: found.status, message: found.message };
  }
  if (typeof kid === 'string' && /^https?:\/\//.test(kid) && URL.canParse(kid)) {
    const fetched = await fetchDocument(kid.split('#')[0] ?? kid, fetchJson);
    if (!fetched.ok)
      return { status: 'unknown', message: `The token's key is unavailable: ${fetched.message}.` };
    const key = jwkIn(fetched.document, kid);
    if (key === undefined)
      return {
        status: 'failed',
        message: `The document at ${kid} holds no public JWK for this token.`,
      };
    return { ...(await bindJwk(key, issuerId, kid, fetchJson)), jwk: key };
  }
  if (typeof kid === 'string' && !isObject(jwk)) {
    return {
      status: 'failed',
      message: `The token's "kid" (${kid.slice(0, 200)}) is neither an https URL nor a DID URL.`,
    };
  }
  if (isObject(jwk)) {
    if ('d' in jwk)
      return { status: 'failed', message: 'The token\'s "jwk" header holds a private key.' };
    return { ...(await bindJwk(jwk as JWK, issuerId, undefined, fetchJson)), jwk: jwk as JWK };
  }
  return {
    status: 'failed',
    message: 'The token\'s header has neither "kid" nor "jwk": there is no key to check it with.',
  };
}

/** A bare JWK, the matching (or only) key of a JWK set, or a key document's `publicKeyJwk`. */
function jwkIn(document: Json, kid: string): JWK | undefined {
  if (typeof document.kty === 'string') return document as JWK;
  if (isObject(document.publicKeyJwk)) return document.publicKeyJwk as JWK;
  if (Array.isArray(document.keys)) {
    const keys = document.keys.filter(isObject);
    const fragment = kid.includes('#') ? kid.slice(kid.indexOf('#') + 1) : undefined;
    const match = keys.find(
      (key) => key.kid === kid || (fragment !== undefined && key.kid === fragment),
    );
    return (match ?? (keys.length === 1 ? keys[0] : undefined)) as JWK | undefined;
  }
  return undefined;
}

async function bindJwk(
  jwk: JWK,
  issuerId: string | undefined,
  keyUrl: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<{ status: StepStatus; message: string }> {
  const from = keyUrl ? `The key at ${keyUrl}` : "The key in the token's header";
  if (issuerId?.startsWith('did:web:')) {
    let url: string;
    try {
      url = didWebToDocumentUrl(issuerId);
    } catch {
      return {
        status: 'failed',
        message: `The issuer's id ${issuerId} is not a valid did:web DID.`,
      };
    }
    const fetched = await fetchDocument(url, fetchJson);
    if (!fetched.ok)
      return {
        status: 'unknown',
        message: `The issuer's DID document is unavailable: ${fetched.message}.`,
      };
    for (const listed of await assertionJwks(fetched.document)) {
      if (await sameJwk(listed, jwk)) {
        return {
          status: 'passed',
          message: `${from} is listed for assertions in the issuer's DID document.`,
        };
      }
    }
    return {
      status: 'failed',
      message: `${from} is not one the issuer's DID document lists for assertions.`,
    };
  }
  if (issuerId?.startsWith('did:key:')) {
    const own = await multibaseToJwk(issuerId.slice('did:key:'.length).split('#')[0] ?? '');
    return own && (await sameJwk(own, jwk))
      ? { status: 'passed', message: `The issuer is ${issuerId}, the key itself.` }
      : { status: 'failed', message: `${from} is not the issuer's key (${issuerId}).` };
  }
  if (issuerId !== undefined && /^https:\/\//.test(issuerId) && URL.canParse(issuerId)) {
    const origin = new URL(issuerId).origin;
    if (keyUrl !== undefined && URL.canParse(keyUrl) && new URL(keyUrl).origin === origin) {
      return {
        status: 'passed',
        message: `${from} is published on the issuer's own site, ${origin}.`,
      };
    }
    const jwks = await fetchDocument(`${origin}/.well-known/jwks.json`, fetchJson);
    if (jwks.ok && Array.isArray(jwks.document.keys)) {
      for (const listed of jwks.document.keys.filter(isObject)) {
        if (await sameJwk(listed as JWK, jwk)) {
          return {
            status: 'passed',
            message: `${from} is listed in ${origin}/.well-known/jwks.json.`,
          };
        }
      }
    }
    const why = jwks.ok ? `${origin}/.well-known/jwks.json does not list it` : jwks.message;
    return { status: 'warning', message: `${from} is not confirmed by the issuer: ${why}.` };
  }
  return {
    status: 'warning',
    message: `The issuer's id (${issuerId ?? 'missing'}) cannot be looked up, so nothing outside the token ties its key to the issuer.`,
  };
}
