/**
 * The validity period (REQUIREMENTS 4 step 4): not yet valid before `validFrom`, expired from
 * `validUntil` on. VC 1.1 credentials name them `issuanceDate` and `expirationDate`.
 */
import type { VerifyStep } from './types.ts';

type Json = Record<string, unknown>;

/** An XML Schema dateTime, the form the Verifiable Credentials model requires. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Checks that `now` is on or after the credential's `validFrom`. */
export function checkValidFrom(credential: Json, now: Date): VerifyStep {
  const name =
    credential.validFrom === undefined && credential.issuanceDate !== undefined
      ? 'issuanceDate'
      : 'validFrom';
  const start = parseDate(credential[name]);
  if (start === 'missing')
    return { id: 'valid-from', status: 'failed', message: 'It has no validFrom date.' };
  if (start === 'invalid') {
    return {
      id: 'valid-from',
      status: 'failed',
      message: `Its ${name} (${show(credential[name])}) is not a date and time.`,
    };
  }
  if (now < start)
    return {
      id: 'valid-from',
      status: 'failed',
      message: `It is not valid until ${format(start)}.`,
    };
  return {
    id: 'valid-from',
    status: 'passed',
    message: `It has been valid since ${format(start)}.`,
  };
}

/** Checks that the credential's `validUntil`, if any, has not passed. */
export function checkExpiry(credential: Json, now: Date): VerifyStep {
  const name =
    credential.validUntil === undefined && credential.expirationDate !== undefined
      ? 'expirationDate'
      : 'validUntil';
  const end = parseDate(credential[name]);
  if (end === 'missing') return { id: 'expiry', status: 'passed', message: 'It does not expire.' };
  if (end === 'invalid') {
    return {
      id: 'expiry',
      status: 'failed',
      message: `Its ${name} (${show(credential[name])}) is not a date and time.`,
    };
  }
  if (now >= end)
    return { id: 'expiry', status: 'failed', message: `It expired on ${format(end)}.` };
  return { id: 'expiry', status: 'passed', message: `It is valid until ${format(end)}.` };
}

/** Whether a date step failed because the date is unreadable rather than out of range. */
export function isUnreadableDate(step: VerifyStep): boolean {
  return step.status === 'failed' && /not a date and time|has no validFrom/.test(step.message);
}

function parseDate(value: unknown): Date | 'missing' | 'invalid' {
  if (value === undefined) return 'missing';
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return 'invalid';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

function format(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function show(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 80) ?? 'missing';
}
