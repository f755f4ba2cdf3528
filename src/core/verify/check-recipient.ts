/**
 * "Verify the recipient" (REQUIREMENTS 4 step 5): does the credential name the person the caller
 * expects? An e-mail address matches a plain or salted-hash IdentityObject of type emailAddress,
 * or a `mailto:` subject id, in any letter case; an id matches the subject's id or an identifier.
 */
import { emailMatchesHash, hashEmail, normaliseEmail } from '../credential/identity-hash.ts';
import { isObject, type Json } from './key-documents.ts';
import type { VerifyOptions, VerifyStep } from './types.ts';

/** Compares the caller's e-mail address or id with the credential's subject. */
export async function checkRecipient(
  credential: Json,
  options: VerifyOptions,
): Promise<VerifyStep> {
  const email = options.email?.trim();
  const id = options.recipientId?.trim();
  if (!email && !id) {
    return {
      id: 'recipient',
      status: 'skipped',
      message: 'No e-mail address or id was given to compare with the earner.',
    };
  }
  const subject = [credential.credentialSubject].flat().find(isObject);
  if (subject === undefined)
    return { id: 'recipient', status: 'failed', message: 'It names no earner to compare with.' };
  const identifiers = [subject.identifier].flat().filter(isObject);
  if (email) {
    if (await emailMatches(email, subject, identifiers)) {
      return { id: 'recipient', status: 'passed', message: `It was issued to ${email}.` };
    }
    return { id: 'recipient', status: 'failed', message: `It was not issued to ${email}.` };
  }
  const wanted = id as string;
  const matches =
    subject.id === wanted ||
    identifiers.some((entry) => entry.hashed !== true && entry.identityHash === wanted);
  return matches
    ? { id: 'recipient', status: 'passed', message: `It was issued to ${wanted}.` }
    : { id: 'recipient', status: 'failed', message: `It was not issued to ${wanted}.` };
}

async function emailMatches(email: string, subject: Json, identifiers: Json[]): Promise<boolean> {
  const address = normaliseEmail(email);
  if (typeof subject.id === 'string' && subject.id.toLowerCase() === `mailto:${address}`)
    return true;
  for (const entry of identifiers) {
    if (entry.identityType !== 'emailAddress' || typeof entry.identityHash !== 'string') continue;
    const salt = typeof entry.salt === 'string' ? entry.salt : '';
    if (entry.hashed !== true) {
      if (normaliseEmail(entry.identityHash) === address) return true;
    } else if (entry.identityHash.includes('$')) {
      if (await emailMatchesHash(address, entry.identityHash, salt)) return true;
    } else if (/^[0-9a-f]{64}$/i.test(entry.identityHash)) {
      // Some issuers write the bare hex digest without the `sha256$` prefix.
      const digest = (await hashEmail(address, salt)).slice('sha256$'.length);
      if (digest === entry.identityHash.toLowerCase()) return true;
    }
  }
  return false;
}
