/**
 * The external proof (REQUIREMENTS 2.1 and 4 step 2): a compact JWS whose payload is the
 * credential. Checks the header the Open Badges profile allows, the signature (RS256, ES256 or
 * EdDSA), and that the JWT claims agree with the credential. Validity dates are their own steps.
 */
import { compactVerify, importJWK } from 'jose';
import type { DecodedJwt } from './decode-jwt.ts';
import { resolveJwtKey } from './resolve-jwt-key.ts';
import type { FetchJson, StepStatus } from './types.ts';
import type { ProofSteps } from './verify-embedded-proof.ts';

type Json = Record<string, unknown>;

const ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'Ed25519'];
const HEADER_MEMBERS = new Set(['alg', 'kid', 'jwk', 'typ']);

/** Checks a decoded VC-JWT's header, key, signature and claims. */
export async function verifyJwtProof(
  jws: string,
  decoded: Extract<DecodedJwt, { ok: true }>,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<ProofSteps> {
  const { header, payload, credential } = decoded;
  const headerProblem = checkHeader(header);
  const key = await resolveJwtKey(header, issuerId, fetchJson);
  const keyStep = { id: 'issuer-key' as const, status: key.status, message: key.message };
  if (headerProblem)
    return { proof: { id: 'proof', status: 'failed', message: headerProblem }, key: keyStep };
  if (key.jwk === undefined) {
    const status: StepStatus = key.status === 'unknown' ? 'unknown' : 'failed';
    return {
      proof: {
        id: 'proof',
        status,
        message: "The token's signature could not be checked: its key was not found.",
      },
      key: keyStep,
    };
  }
  try {
    const imported = await importJWK(key.jwk, String(header.alg));
    await compactVerify(jws.trim(), imported, { algorithms: ALGORITHMS });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const message = /signature verification failed/i.test(text)
      ? "The token's signature does not match: it was changed after it was signed, or someone else signed it."
      : `The token's signature does not verify: ${text}`;
    return { proof: { id: 'proof', status: 'failed', message }, key: keyStep };
  }
  const { problems, notes } = checkClaims(payload, credential);
  if (problems.length > 0) {
    return {
      proof: {
        id: 'proof',
        status: 'failed',
        message: `The signature matches, but ${problems.join(' ')}`,
      },
      key: keyStep,
    };
  }
  const signed = `The ${String(header.alg)} signature of the token matches`;
  if (notes.length > 0) {
    return {
      proof: { id: 'proof', status: 'warning', message: `${signed}; ${notes.join(' ')}` },
      key: keyStep,
    };
  }
  return {
    proof: {
      id: 'proof',
      status: 'passed',
      message: `${signed}, and its claims agree with the credential.`,
    },
    key: keyStep,
  };
}

function checkHeader(header: Json): string | undefined {
  const extra = Object.keys(header).filter((name) => !HEADER_MEMBERS.has(name));
  if (extra.length > 0)
    return `The token's header has members Open Badges does not allow: ${extra.join(', ')}.`;
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    return `The token is signed with ${JSON.stringify(header.alg) ?? 'no algorithm'}; this verifier checks RS256, ES256 and EdDSA.`;
  }
  if (header.typ !== undefined && header.typ !== 'JWT') {
    return `The token's "typ" is ${JSON.stringify(header.typ)}; the Open Badges JWT profile uses "JWT".`;
  }
  return undefined;
}

/** Mismatched claims are problems; a missing `sub` is only noted, as the validator allows it. */
function checkClaims(payload: Json, credential: Json): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const expect = (claim: string, wanted: unknown, from: string, required: boolean) => {
    const actual = payload[claim];
    if (actual === undefined) {
      if (wanted !== undefined && required)
        problems.push(`the "${claim}" claim is missing (${from} is ${show(wanted)}).`);
      else if (wanted !== undefined)
        notes.push(`the "${claim}" claim, which should equal ${from}, is missing.`);
    } else if (actual !== wanted) {
      problems.push(`the "${claim}" claim is ${show(actual)} while ${from} is ${show(wanted)}.`);
    }
  };
  const issuer = credential.issuer;
  expect(
    'iss',
    typeof issuer === 'string' ? issuer : (issuer as Json | undefined)?.id,
    'issuer.id',
    true,
  );
  expect('jti', credential.id, 'the credential id', true);
  expect('nbf', seconds(credential.validFrom ?? credential.issuanceDate), 'validFrom', true);
  const subject = [credential.credentialSubject].flat()[0] as Json | undefined;
  expect('sub', subject?.id, 'credentialSubject.id', false);
  expect('exp', seconds(credential.validUntil ?? credential.expirationDate), 'validUntil', true);
  return { problems, notes };
}

function seconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function show(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 200) ?? 'missing';
}
