/**
 * The JWT claims of an Open Badges VC-JWT (REQUIREMENTS 2.1 and 4 step 2): the
 * payload is the credential itself plus `iss` = issuer.id, `sub` =
 * credentialSubject.id, `jti` = id, `nbf` = validFrom and `exp` = validUntil, as
 * NumericDate seconds. No `iat`: it would come from the clock and make two builds
 * of the same content differ. Browser-safe.
 */
import { LaurelError } from '../errors.ts';

export interface VcJwtClaims {
  iss: string;
  sub?: string;
  jti: string;
  nbf: number;
  exp?: number;
}

type Loose = Record<string, unknown>;

/** The JWT payload for `credential`: its own members, in their order, then the claims. */
export function vcJwtPayload(credential: object): Loose & VcJwtClaims {
  const source = credential as Loose;
  const claims: VcJwtClaims = {
    iss: issuerId(source) ?? fail('issuer.id'),
    jti: typeof source.id === 'string' ? source.id : fail('id'),
    nbf: seconds(source.validFrom) ?? fail('validFrom'),
  };
  const sub = subjectId(source);
  if (sub !== undefined) claims.sub = sub;
  if (source.validUntil !== undefined)
    claims.exp = seconds(source.validUntil) ?? fail('validUntil');
  return { ...source, ...claims };
}

/**
 * Checks the claims of a verified payload against the credential it carries (the
 * payload itself, or its `vc` member in the VC 1.1 style) and, when `now` is given,
 * the validity period. Returns one message per problem; an empty list means the
 * claims agree.
 */
export function checkVcJwtClaims(payload: Loose, credential: Loose, now?: Date): string[] {
  const problems: string[] = [];
  const expect = (claim: string, actual: unknown, wanted: unknown, from: string) => {
    if (actual === undefined)
      problems.push(`The "${claim}" claim is missing (${from} is ${show(wanted)}).`);
    else if (actual !== wanted) {
      problems.push(`The "${claim}" claim is ${show(actual)} but ${from} is ${show(wanted)}.`);
    }
  };
  expect('iss', payload.iss, issuerId(credential), 'issuer.id');
  expect('jti', payload.jti, credential.id, 'the credential id');
  const start = credential.validFrom ?? credential.issuanceDate;
  expect('nbf', payload.nbf, seconds(start), 'validFrom');
  const subject = subjectId(credential);
  if (subject !== undefined) expect('sub', payload.sub, subject, 'credentialSubject.id');
  else if (payload.sub !== undefined) {
    problems.push(`The "sub" claim is ${show(payload.sub)} but credentialSubject has no id.`);
  }
  const end = credential.validUntil ?? credential.expirationDate;
  if (end !== undefined) expect('exp', payload.exp, seconds(end), 'validUntil');
  if (now !== undefined) {
    const time = Math.floor(now.getTime() / 1000);
    if (typeof payload.nbf === 'number' && payload.nbf > time) {
      problems.push(
        `The credential is not valid before ${new Date(payload.nbf * 1000).toISOString()}.`,
      );
    }
    if (typeof payload.exp === 'number' && payload.exp <= time) {
      problems.push(`The credential expired at ${new Date(payload.exp * 1000).toISOString()}.`);
    }
  }
  return problems;
}

function issuerId(credential: Loose): string | undefined {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  const id = (issuer as Loose | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function subjectId(credential: Loose): string | undefined {
  const subject = credential.credentialSubject;
  const first = Array.isArray(subject) ? subject[0] : subject;
  const id = (first as Loose | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** NumericDate (whole seconds since the epoch) of an ISO 8601 date-time, or undefined. */
function seconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function fail(field: string): never {
  throw new LaurelError('ERR_SIGN', 'A VC-JWT needs this value, and it is missing or invalid.', {
    field,
    hint: 'Sign a complete credential: issuer.id, id and validFrom (ISO 8601) are required.',
  });
}
