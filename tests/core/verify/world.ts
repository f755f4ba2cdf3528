/**
 * A small, offline world for verifier tests: the test club's DID document, its JWK, a signed
 * status list and signed credentials, all served by an in-memory `fetchJson`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UnsignedCredential } from '../../../src/core/credential/types.ts';
import { didWebToDocumentUrl } from '../../../src/core/did-web.ts';
import { buildDidDocument } from '../../../src/core/keys/did-document.ts';
import { signDataIntegrity } from '../../../src/core/sign/sign-data-integrity.ts';
import { signVcJwt } from '../../../src/core/sign/sign-jwt.ts';
import {
  buildStatusListCredential,
  statusEntry,
} from '../../../src/core/status/status-list-credential.ts';
import { createAjvSchemaValidator } from '../../../src/core/verify/schema-ajv.ts';
import type { FetchJson, VerifyOptions } from '../../../src/core/verify/types.ts';
import {
  ISSUER_DID,
  KEYS_A,
  SITE,
  sampleCredential,
  type TestKeySet,
} from '../../fixtures/keys/test-keys.ts';
import { HAS_SHARED, SHARED } from '../../support/paths.ts';

export { ISSUER_DID, KEYS_A, KEYS_B, SITE } from '../../fixtures/keys/test-keys.ts';

/** Inside the sample credential's validity (2026-03-01 to 2028-03-01). */
export const NOW = new Date('2026-06-01T00:00:00Z');
export const DID_URL = didWebToDocumentUrl(ISSUER_DID);
export const STATUS_URL = `${SITE}status/test-club/revocation-1.json`;
export const JWK_URL = `${SITE}issuers/test-club/keys/${KEYS_A.rsa.name}.json`;
export const SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const STATUS_INDEX = 42;

export type Json = Record<string, unknown>;

/** The club's DID document with the keys of `keys`. */
export function didDocument(keys: TestKeySet = KEYS_A): Json {
  return buildDidDocument(ISSUER_DID, [keys.edPublic, keys.rsaPublic]) as unknown as Json;
}

/** The club's revocation list, signed by `keys` unless `signed` is false. */
export async function statusList(
  options: {
    revoked?: number[];
    keys?: TestKeySet;
    signed?: boolean;
    validUntil?: string;
    issuer?: string;
  } = {},
): Promise<Json> {
  const list: Json = {
    ...(await buildStatusListCredential({
      url: STATUS_URL,
      issuer: options.issuer ?? ISSUER_DID,
      validFrom: '2026-03-01T00:00:00Z',
      setIndices: options.revoked ?? [],
    })),
  };
  if (options.validUntil) list.validUntil = options.validUntil;
  if (options.signed === false) return list;
  const keys = options.keys ?? KEYS_A;
  return signDataIntegrity(list as never, keys.ed25519, {
    created: '2026-03-01T00:00:00Z',
    verificationMethod: `${options.issuer ?? ISSUER_DID}#${keys.ed25519.name}`,
  }) as Promise<Json>;
}

/** The sample credential with a status entry, changed by `edit`, signed by `keys`. */
export async function signedCredential(
  edit: (credential: UnsignedCredential & Json) => void = () => {},
  keys: TestKeySet = KEYS_A,
): Promise<Json> {
  const credential = sampleCredential() as UnsignedCredential & Json;
  credential.credentialStatus = statusEntry(STATUS_URL, STATUS_INDEX);
  edit(credential);
  return (await signDataIntegrity(credential, keys.ed25519, {
    created: '2026-03-01T00:00:00Z',
    verificationMethod: `${ISSUER_DID}#${keys.ed25519.name}`,
  })) as Json;
}

/** The VC-JWT of a signed credential, RS256 with the club's JWK URL as kid. */
export function jwtOf(credential: Json, keys: TestKeySet = KEYS_A): Promise<string> {
  return signVcJwt(credential as never, keys.rsa.privateKeyJwk, { kid: JWK_URL });
}

/** A fetchJson over a map of URL to document; anything else is "not found". */
export function mapFetcher(documents: Record<string, unknown>): FetchJson & { calls: string[] } {
  const calls: string[] = [];
  const fetchJson = async (url: string) => {
    calls.push(url);
    if (!(url in documents)) throw new Error(`${url}: 404 Not Found`);
    return structuredClone(documents[url]);
  };
  return Object.assign(fetchJson, { calls });
}

/** Reads a JSON file of ../shared. */
export function sharedJson(relative: string): Json {
  return JSON.parse(readFileSync(path.join(SHARED, relative), 'utf8')) as Json;
}

const SCHEMA_FILE =
  'ob3/schema/ob_v3p0/purl-json-ld-adaptation/ob_v3p0_achievementcredential_schema.json';
const validateSchema = createAjvSchemaValidator();

/** Everything the club publishes, plus the OB schema when ../shared has it. */
export async function world(
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const { kty, n, e } = KEYS_A.rsa.privateKeyJwk;
  return {
    [DID_URL]: didDocument(),
    [STATUS_URL]: await statusList(),
    [JWK_URL]: { kty, n, e, alg: 'RS256', kid: JWK_URL },
    ...(HAS_SHARED ? { [SCHEMA_URL]: sharedJson(SCHEMA_FILE) } : {}),
    ...overrides,
  };
}

/** Options for verifyBadge over `documents`, at NOW, with Ajv. */
export function optionsFor(
  documents: Record<string, unknown>,
  extra: VerifyOptions = {},
): VerifyOptions {
  return { now: NOW, fetchJson: mapFetcher(documents), validateSchema, ...extra };
}
