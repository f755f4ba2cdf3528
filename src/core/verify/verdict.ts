/**
 * Turns the steps into one verdict. A failed signature, structure, schema, key or recipient
 * check makes the credential `invalid` whatever else is true, so a forged badge that has also
 * expired reads as forged. Then revoked, expired and not yet valid. A check that decides
 * authenticity or revocation but could not be made leaves it `unverifiable`; warnings and
 * unchecked schemas do not stop a verified verdict, they are shown beside it.
 */
import { isUnreadableDate } from './check-dates.ts';
import type { StepId, Verdict, VerifyStep } from './types.ts';

/** Failures that make a credential invalid, in the order their reason is preferred. */
const INVALID: StepId[] = [
  'parsed',
  'structure',
  'json-ld',
  'issuer-key',
  'proof',
  'schema',
  'recipient',
];
/** Checks that must be made for a verified verdict. */
const REQUIRED: StepId[] = ['parsed', 'issuer-key', 'proof', 'status'];

export function decideVerdict(steps: VerifyStep[]): { verdict: Verdict; reason: string } {
  const failed = (id: StepId) => steps.find((step) => step.id === id && step.status === 'failed');
  for (const id of INVALID) {
    const step = failed(id);
    if (step) return { verdict: 'invalid', reason: step.message };
  }
  const badDate = steps.find(isUnreadableDate);
  if (badDate) return { verdict: 'invalid', reason: badDate.message };
  const ranged: [StepId, Verdict][] = [
    ['status', 'revoked'],
    ['expiry', 'expired'],
    ['valid-from', 'not-yet-valid'],
  ];
  for (const [id, verdict] of ranged) {
    const step = failed(id);
    if (step) return { verdict, reason: step.message };
  }
  const unchecked = REQUIRED.map((id) => steps.find((step) => step.id === id)).find(
    (step) => step?.status === 'unknown',
  );
  if (unchecked) return { verdict: 'unverifiable', reason: unchecked.message };
  const warnings = steps.filter((step) => step.status === 'warning').length;
  const unmade = steps.filter((step) => step.status === 'unknown').length;
  const notes = [count(warnings, 'warning'), count(unmade, 'check that could not be made')].filter(
    Boolean,
  );
  const reason =
    notes.length === 0
      ? 'Every check passed.'
      : `It verifies, with ${notes.join(' and ')} (below).`;
  return { verdict: 'verified', reason };
}

function count(n: number, what: string): string {
  if (n === 0) return '';
  return n === 1 ? `one ${what}` : `${n} ${what.replace(/^(\w+)/, '$1s')}`;
}
