import type { StepId } from '../verify/types.ts';

/**
 * The verification steps every credential a build publishes must pass, whatever its dates or
 * status: revoked and expired awards are legitimate, an unreadable or unverifiable one is not.
 */
export const REQUIRED_STEPS: readonly StepId[] = [
  'parsed',
  'structure',
  'json-ld',
  'proof',
  'issuer-key',
];
