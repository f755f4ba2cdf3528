import { credentialText } from '../credential/serialize.ts';
import { LaurelError } from '../errors.ts';
import { isBitSet } from '../status/bitstring.ts';
import { decodeStatusList } from '../status/encoded-list.ts';
import { fetchJsonFromSite } from '../verify/fetch-site-node.ts';
import type { FetchJson, VerificationResult } from '../verify/types.ts';
import { verifyBadge } from '../verify/verify-badge.ts';
import type { OutputDir } from './output-dir.ts';
import type { Logger } from './publish-site.ts';
import { publishedFormProblems } from './published-forms-node.ts';
import { assertNothingLeaks } from './scan-output-node.ts';
import type { SignedAward } from './sign-site.ts';
import { REQUIRED_STEPS } from './verify-steps.ts';

/**
 * The last step of a build: it checks what was written, reading it back from the output folder.
 *
 * - For every issuer and status list, the first of their credentials goes through the whole
 *   verification core as JSON and as VC-JWT, with the DID documents, JWKs and status lists
 *   read from the files just written: a key or list that does not match its signatures fails
 *   the build rather than a verifier months later.
 * - Every credential's published JSON and JWT must be the bytes that were verified when they
 *   were signed (the workers verify every fresh signature; the signed-result cache keeps only
 *   verified results, under a MAC), and its PNG and SVG must give back that JSON: read here, or
 *   by the workers that wrote them (`formProblems`). Its entry in the published status list must
 *   say revoked exactly when the award is.
 * - The output must hold no private key and no earner's e-mail address.
 */
export async function selfCheck(options: {
  out: OutputDir;
  site: string;
  signed: ReadonlyMap<string, SignedAward>;
  /** Ids of the awards the content revokes. */
  revoked: ReadonlySet<string>;
  /**
   * The problems the publishing workers found reading back each award's files as they wrote
   * them (see published-forms-node.ts), by award id; those awards' files are not read again.
   */
  formProblems?: ReadonlyMap<string, readonly string[]>;
  /** The time to check against: the latest date in the content, never the clock. */
  asOf: string;
  logger: Logger;
  /** Reads files for the leak scans; by default on this thread (see scan-output-node.ts). */
  scan?: Parameters<typeof assertNothingLeaks>[1];
}): Promise<void> {
  const { out, signed, revoked } = options;
  const fetchJson = memoised(fetchJsonFromSite(out.root, options.site));
  const lists = new Map<string, Promise<Uint8Array>>();
  const sampled = new Set<string>();
  const failures: string[] = [];
  let verified = 0;
  for (const [id, award] of [...signed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const status = statusOf(award.credential);
    const group = `${award.credential.issuer.id} ${status?.url ?? ''}`;
    if (!sampled.has(group)) {
      sampled.add(group);
      verified++;
      for (const input of [award.credential, award.jwt]) {
        const result = await verifyBadge(input, { now: new Date(options.asOf), fetchJson });
        for (const problem of problems(result)) failures.push(`${id}: ${problem}`);
      }
    }
    // The workers read each award's files back as they wrote them; moving them kept the bytes.
    const checked = options.formProblems?.get(id);
    failures.push(
      ...(checked ??
        publishedFormProblems(out.root, id, credentialText(award.credential), award.jwt)),
    );
    if (!status) {
      failures.push(`${id}: it has no BitstringStatusListEntry`);
      continue;
    }
    let bits = lists.get(status.url);
    if (!bits) {
      bits = fetchJson(status.url).then((list) => decodeStatusList(encodedListOf(list)));
      lists.set(status.url, bits);
    }
    const set = await bits.then(
      (decoded) => isBitSet(decoded, status.index),
      (error: unknown) => `${status.url} is unreadable: ${(error as Error).message}`,
    );
    if (typeof set === 'string') failures.push(`${id}: ${set}`);
    else if (set !== revoked.has(id)) {
      failures.push(
        `${id}: entry ${status.index} of ${status.url} says ${set ? 'revoked' : 'not revoked'}, ` +
          `but the award is ${revoked.has(id) ? 'revoked' : 'not revoked'}`,
      );
    }
  }
  if (failures.length > 0) {
    throw new LaurelError(
      'ERR_SELF_CHECK',
      `published credentials do not verify:\n${[...new Set(failures)].join('\n')}`,
      {
        hint: 'This is a bug or a key mismatch; nothing was published. Check keys/ and report it.',
      },
    );
  }
  await assertNothingLeaks(out.root, options.scan);
  options.logger.info(
    `self-check: ${signed.size} credential(s) published as verified, as JSON, VC-JWT, PNG and ` +
      `SVG, with their status; ${verified} verified again from the published files`,
  );
}

/** The credential's status list URL and index, if it has a BitstringStatusListEntry. */
function statusOf(
  credential: SignedAward['credential'],
): { url: string; index: number } | undefined {
  const entry = (credential as { credentialStatus?: unknown }).credentialStatus;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { type, statusListCredential, statusListIndex } = entry as Record<string, unknown>;
  const index = Number(statusListIndex);
  if (type !== 'BitstringStatusListEntry' || typeof statusListCredential !== 'string') {
    return undefined;
  }
  return Number.isSafeInteger(index) && index >= 0
    ? { url: statusListCredential, index }
    : undefined;
}

function encodedListOf(list: unknown): string {
  const subject = (list as { credentialSubject?: { encodedList?: unknown } }).credentialSubject;
  if (typeof subject?.encodedList !== 'string') throw new Error('it has no encodedList');
  return subject.encodedList;
}

/** Reads each document once; every caller gets its own copy. */
function memoised(fetchJson: FetchJson): FetchJson {
  const documents = new Map<string, Promise<unknown>>();
  return async (url) => {
    let document = documents.get(url);
    if (!document) {
      document = fetchJson(url);
      documents.set(url, document);
    }
    return structuredClone(await document);
  };
}

function problems(result: VerificationResult): string[] {
  return result.steps
    .filter(
      (step) =>
        (REQUIRED_STEPS.includes(step.id) && step.status !== 'passed') ||
        (step.id === 'status' && step.status === 'unknown'),
    )
    .map((step) => `${step.id}: ${step.message}`);
}
