/**
 * The badge verifier: one call takes a credential in any form a person may have it (JSON, a
 * VC-JWT, a baked PNG or SVG, a URL) and runs the Open Badges 3.0 verification steps
 * (REQUIREMENTS 4), each reported on its own. Browser-safe: the CLI and the verify page both
 * call it, with their own `fetchJson`.
 */
import { checkExpiry, checkValidFrom } from './check-dates.ts';
import { checkJsonLd } from './check-json-ld.ts';
import { checkRecipient } from './check-recipient.ts';
import { checkSchema } from './check-schema.ts';
import { checkStatus } from './check-status.ts';
import { checkStructure } from './check-structure.ts';
import { decodeJwt } from './decode-jwt.ts';
import { isObject, type Json } from './key-documents.ts';
import { type BadgeInput, readInput, reasonOf } from './read-input.ts';
import { summarise } from './summary.ts';
import type { StepId, VerificationResult, VerifyOptions, VerifyStep } from './types.ts';
import { decideVerdict } from './verdict.ts';
import { type ProofSteps, verifyEmbeddedProof } from './verify-embedded-proof.ts';
import { verifyJwtProof } from './verify-jwt-proof.ts';

export type { BadgeInput } from './read-input.ts';

const ORDER: StepId[] = [
  'parsed',
  'structure',
  'json-ld',
  'schema',
  'proof',
  'issuer-key',
  'valid-from',
  'expiry',
  'status',
  'recipient',
];

/**
 * Verifies a badge and returns the verdict, every step and a summary for display. Pass `now` and
 * `fetchJson` to make it deterministic and offline. It never throws and never rejects: unreadable
 * input, a missing proof or a failing fetch are all answers.
 */
export async function verifyBadge(
  input: BadgeInput | unknown,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  try {
    return await verify(input, options);
  } catch (error) {
    const step: VerifyStep = {
      id: 'parsed',
      status: 'unknown',
      message: `The verifier stopped on an unexpected error: ${reasonOf(error)}`,
    };
    return finish([step], {});
  }
}

async function verify(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const read = await readInput(input, options);
  if (!read.ok) return finish([{ id: 'parsed', status: read.status, message: read.message }], {});
  const from =
    read.format === 'png' || read.format === 'svg'
      ? ` baked into a ${read.format.toUpperCase()}`
      : '';
  let credential: Json;
  let proofs: (issuerId: string | undefined) => Promise<ProofSteps>;
  let parsed: string;
  if (typeof read.credential === 'string') {
    const jws = read.credential;
    const decoded = decodeJwt(jws);
    if (!decoded.ok)
      return finish(
        [
          {
            id: 'parsed',
            status: 'failed',
            message: `It is not a readable VC-JWT. ${decoded.message}`,
          },
        ],
        {},
      );
    credential = decoded.credential;
    proofs = (issuerId) => verifyJwtProof(jws, decoded, issuerId, options.fetchJson);
    parsed = `It is a VC-JWT${from}.`;
  } else {
    const embedded = read.credential;
    credential = embedded;
    proofs = (issuerId) => verifyEmbeddedProof(embedded, issuerId, options.fetchJson);
    parsed = `It is a credential with an embedded proof${from}.`;
  }
  const issuerId = idOf(credential.issuer);
  const steps: VerifyStep[] = [{ id: 'parsed', status: 'passed', message: parsed }];
  steps.push(await safely('structure', () => checkStructure(credential)));
  steps.push(await safely('json-ld', () => checkJsonLd(credential)));
  steps.push(await safely('schema', () => checkSchema(credential, options)));
  const proof = await proofs(issuerId).catch(
    (error: unknown): ProofSteps => ({
      proof: crashed('proof', error),
      key: crashed('issuer-key', error),
    }),
  );
  steps.push(proof.proof, proof.key);
  steps.push(await safely('valid-from', () => checkValidFrom(credential, now)));
  steps.push(await safely('expiry', () => checkExpiry(credential, now)));
  steps.push(await safely('status', () => checkStatus(credential, options.fetchJson, now)));
  steps.push(await safely('recipient', () => checkRecipient(credential, options)));
  return finish(steps, { credential, format: read.format });
}

function finish(
  steps: VerifyStep[],
  found: { credential?: Json; format?: VerificationResult['format'] },
): VerificationResult {
  const ordered = ORDER.map(
    (id) =>
      steps.find((step) => step.id === id) ?? {
        id,
        status: 'skipped' as const,
        message: 'Not checked: the credential could not be read.',
      },
  );
  const { verdict, reason } = decideVerdict(ordered);
  const result: VerificationResult = {
    verdict,
    reason,
    steps: ordered,
    summary: found.credential ? summarise(found.credential) : {},
  };
  if (found.credential) result.credential = found.credential;
  if (found.format) result.format = found.format;
  return result;
}

async function safely(
  id: StepId,
  check: () => VerifyStep | Promise<VerifyStep>,
): Promise<VerifyStep> {
  try {
    return await check();
  } catch (error) {
    return crashed(id, error);
  }
}

function crashed(id: StepId, error: unknown): VerifyStep {
  return {
    id,
    status: 'unknown',
    message: `This check stopped on an unexpected error: ${reasonOf(error)}`,
  };
}

function idOf(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}
