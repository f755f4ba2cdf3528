/**
 * Revocation (REQUIREMENTS 1.9 and 7). For a BitstringStatusListEntry the list credential is
 * fetched, its own proof verified with a key its issuer controls, its dates checked, and the
 * credential's bit read. Whatever stops that (no list, an unsigned or expired list, a foreign
 * key, a broken bitstring) leaves the status `unknown`: only a checked, clear bit says "not
 * revoked".
 */

import { contexts } from '../sign/document-loader.ts';
import { isBitSet, MIN_STATUS_LIST_LENGTH } from '../status/bitstring.ts';
import { decodeStatusList } from '../status/encoded-list.ts';
import { fetchDocument, isObject, type Json } from './key-documents.ts';
import { reasonOf } from './read-input.ts';
import type { FetchJson, VerifyStep } from './types.ts';
import { verifyEmbeddedProof } from './verify-embedded-proof.ts';

const VC_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://www.w3.org/2018/credentials/v1',
];
/** A list names few contexts; fetching more than this for one list is not worth it. */
const MAX_EXTRA_CONTEXTS = 3;

/** Checks every `credentialStatus` entry; a revoked one decides. */
export async function checkStatus(
  credential: Json,
  fetchJson: FetchJson | undefined,
  now: Date,
): Promise<VerifyStep> {
  if (credential.credentialStatus === undefined) {
    return {
      id: 'status',
      status: 'skipped',
      message: 'It has no credentialStatus, so its issuer cannot revoke it.',
    };
  }
  const entries = [credential.credentialStatus].flat();
  const results: VerifyStep[] = [];
  for (const entry of entries.slice(0, 4)) {
    results.push(
      isObject(entry)
        ? await checkEntry(entry, credential, fetchJson, now)
        : unknown('A credentialStatus entry is not an object.'),
    );
  }
  return (
    results.find((step) => step.status === 'failed') ??
    results.find((step) => step.status === 'unknown') ??
    results.find((step) => step.status === 'warning') ??
    results[0] ??
    unknown('Its credentialStatus is empty.')
  );
}

async function checkEntry(
  entry: Json,
  credential: Json,
  fetchJson: FetchJson | undefined,
  now: Date,
): Promise<VerifyStep> {
  if (entry.type === '1EdTechRevocationList')
    return checkRevocationList(entry, credential, fetchJson);
  if (entry.type !== 'BitstringStatusListEntry') {
    return unknown(
      `Its status method ${JSON.stringify(entry.type) ?? 'is missing and'} is not one this verifier reads.`,
    );
  }
  const purpose = entry.statusPurpose;
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return unknown(
      `Its status purpose ${JSON.stringify(purpose) ?? '(missing)'} is not revocation or suspension.`,
    );
  }
  const index = statusIndex(entry.statusListIndex);
  if (index === undefined)
    return unknown(
      `Its statusListIndex ${JSON.stringify(entry.statusListIndex) ?? '(missing)'} is not a non-negative integer.`,
    );
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1)
    return unknown('Its status entries are wider than one bit, which this verifier does not read.');
  const url = entry.statusListCredential;
  if (typeof url !== 'string' || !URL.canParse(url))
    return unknown('Its statusListCredential is not a URL.');
  const fetched = await fetchDocument(url, fetchJson);
  if (!fetched.ok) return unknown(`The status list ${fetched.message}.`);
  const list = fetched.document;
  const problem = await listProblem(list, purpose, fetchJson, now);
  if (problem) return unknown(problem);
  let bits: Uint8Array;
  try {
    bits = await decodeStatusList(String((list.credentialSubject as Json).encodedList));
  } catch (error) {
    return unknown(`Its status list's bitstring is unreadable: ${reasonOf(error)}`);
  }
  if (bits.length * 8 < MIN_STATUS_LIST_LENGTH) {
    return unknown(
      `Its status list has ${bits.length * 8} entries, fewer than the ${MIN_STATUS_LIST_LENGTH} the specification requires.`,
    );
  }
  if (index >= bits.length * 8)
    return unknown(`Its statusListIndex ${index} is past the end of the list.`);
  if (isBitSet(bits, index)) {
    const what = purpose === 'revocation' ? 'revoked' : 'suspended';
    return {
      id: 'status',
      status: 'failed',
      message: `Its issuer has ${what} it (status list ${url}, entry ${index}).`,
    };
  }
  const not = purpose === 'revocation' ? 'revoked' : 'suspended';
  return {
    id: 'status',
    status: 'passed',
    message: `It is not ${not}: entry ${index} of its issuer's signed status list is clear.`,
  };
}

/** Why the list cannot be trusted, or undefined when it can. */
async function listProblem(
  list: Json,
  purpose: string,
  fetchJson: FetchJson | undefined,
  now: Date,
): Promise<string | undefined> {
  const types = [list.type].flat();
  if (!types.includes('BitstringStatusListCredential'))
    return 'The document at its statusListCredential is not a BitstringStatusListCredential.';
  const listContexts = [list['@context']].flat();
  if (
    !VC_CONTEXTS.includes(String(listContexts[0])) ||
    listContexts.some((context) => typeof context !== 'string')
  ) {
    return 'Its status list does not start with the Verifiable Credentials context.';
  }
  const subject = list.credentialSubject;
  if (
    !isObject(subject) ||
    subject.statusPurpose !== purpose ||
    typeof subject.encodedList !== 'string'
  ) {
    return `Its status list is not a ${purpose} list with an encodedList.`;
  }
  const validUntil = typeof list.validUntil === 'string' ? new Date(list.validUntil) : undefined;
  if (validUntil && !(now < validUntil))
    return `Its status list expired on ${list.validUntil as string}.`;
  const validFrom = typeof list.validFrom === 'string' ? new Date(list.validFrom) : undefined;
  if (validFrom && now < validFrom)
    return `Its status list is not valid until ${list.validFrom as string}.`;
  const issuer =
    typeof list.issuer === 'string'
      ? list.issuer
      : isObject(list.issuer)
        ? list.issuer.id
        : undefined;
  if (typeof issuer !== 'string') return 'Its status list names no issuer.';
  const extra = await fetchContexts(listContexts as string[], fetchJson);
  const { proof, key } = await verifyEmbeddedProof(list, issuer, fetchJson, extra);
  if (proof.status !== 'passed')
    return `Its status list's signature could not be confirmed. ${proof.message}`;
  if (key.status !== 'passed' && key.status !== 'warning') {
    return `Its status list is not signed with a key of its issuer (${issuer}). ${key.message}`;
  }
  return undefined;
}

/**
 * Contexts a list names that are not bundled (older lists name the Status List 2021 context),
 * fetched so its signature can be checked. The list's own terms are read as JSON, and its first
 * context is the protected Verifiable Credentials one, so a fetched context cannot redefine them.
 */
async function fetchContexts(
  urls: string[],
  fetchJson: FetchJson | undefined,
): Promise<Map<string, object>> {
  const extra = new Map<string, object>();
  for (const url of urls.filter((url) => !contexts.has(url)).slice(0, MAX_EXTRA_CONTEXTS)) {
    const fetched = await fetchDocument(url, fetchJson);
    if (fetched.ok) extra.set(url, fetched.document);
  }
  return extra;
}

async function checkRevocationList(
  entry: Json,
  credential: Json,
  fetchJson: FetchJson | undefined,
): Promise<VerifyStep> {
  const url = typeof entry.id === 'string' ? entry.id : undefined;
  if (url === undefined) return unknown('Its 1EdTechRevocationList entry has no id to fetch.');
  const fetched = await fetchDocument(url, fetchJson);
  if (!fetched.ok) return unknown(`The revocation list ${fetched.message}.`);
  const listed = [fetched.document.revokedCredential].flat().filter(isObject);
  const match = listed.find((item) => item.id === credential.id && item.revoked !== false);
  if (match) {
    const reason = typeof match.revocationReason === 'string' ? `: ${match.revocationReason}` : '';
    return {
      id: 'status',
      status: 'failed',
      message: `Its issuer's revocation list marks it revoked${reason}.`,
    };
  }
  return {
    id: 'status',
    status: 'warning',
    message:
      "It is not on its issuer's 1EdTechRevocationList; such lists are unsigned, so this cannot be confirmed.",
  };
}

function statusIndex(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

function unknown(why: string): VerifyStep {
  return {
    id: 'status',
    status: 'unknown',
    message: `Whether it is revoked could not be checked. ${why}`,
  };
}
