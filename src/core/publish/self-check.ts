import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unbake } from '../bake/unbake.ts';
import { LaurelError } from '../errors.ts';
import { assertNoPrivateKeys } from '../keys/scan-private-keys.ts';
import { paths } from '../urls.ts';
import { fetchJsonFromSite } from '../verify/fetch-site-node.ts';
import type { StepId, VerificationResult } from '../verify/types.ts';
import { verifyBadge } from '../verify/verify-badge.ts';
import type { OutputDir } from './output-dir.ts';
import type { Logger } from './publish-site.ts';
import { assertNoEarnerEmails } from './scan-earner-emails-node.ts';
import type { SignedAward } from './sign-site.ts';

/** Steps that must pass for every published credential, whatever its dates or status. */
const REQUIRED: readonly StepId[] = ['parsed', 'structure', 'json-ld', 'proof', 'issuer-key'];

/**
 * The last step of a build: the verification core checks every credential again, as JSON and
 * as VC-JWT, with every document (DID documents, JWKs, status lists) read back from the files
 * just written, so a key or list that does not match its signatures fails the build rather than
 * a verifier months later. Revoked and expired awards are legitimate; a status that cannot be
 * checked is not. The baked images must give back the published JSON, and the output must hold
 * no private key and no earner's e-mail address.
 */
export async function selfCheck(options: {
  out: OutputDir;
  site: string;
  signed: ReadonlyMap<string, SignedAward>;
  /** The time to check against: the latest date in the content, never the clock. */
  asOf: string;
  logger: Logger;
}): Promise<void> {
  const { out, site, signed } = options;
  const now = new Date(options.asOf);
  const fetchJson = fetchJsonFromSite(out.root, site);
  const failures: string[] = [];
  for (const [id, { credential, jwt }] of signed) {
    for (const input of [credential, jwt]) {
      const result = await verifyBadge(input, { now, fetchJson });
      for (const problem of problems(result)) failures.push(`${id}: ${problem}`);
    }
    const json = readFileSync(path.join(out.root, paths.credentialJson(id)), 'utf8');
    for (const image of [paths.credentialPng(id), paths.credentialSvg(id)]) {
      const baked = unbake(new Uint8Array(readFileSync(path.join(out.root, image))));
      if (!baked.ok || baked.text !== json) failures.push(`${id}: ${image} does not hold its JSON`);
    }
  }
  if (failures.length > 0) {
    throw new LaurelError(
      'ERR_SELF_CHECK',
      `published credentials do not verify:\n${failures.join('\n')}`,
      {
        hint: 'This is a bug or a key mismatch; nothing was published. Check keys/ and report it.',
      },
    );
  }
  await assertNoPrivateKeys(out.root);
  await assertNoEarnerEmails(out.root);
  options.logger.info(
    `self-check: ${signed.size} credential(s) verify as JSON, VC-JWT, PNG and SVG`,
  );
}

function problems(result: VerificationResult): string[] {
  return result.steps
    .filter(
      (step) =>
        (REQUIRED.includes(step.id) && step.status !== 'passed') ||
        (step.id === 'status' && step.status === 'unknown'),
    )
    .map((step) => `${step.id}: ${step.message}`);
}
