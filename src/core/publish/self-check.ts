import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { didWebToDocumentUrl } from '../did-web.ts';
import { LaurelError } from '../errors.ts';
import { assertNoPrivateKeys } from '../keys/scan-private-keys.ts';
import { createDocumentLoader } from '../sign/document-loader.ts';
import { verifyDataIntegrity } from '../sign/sign-data-integrity.ts';
import { verifyVcJwt } from '../sign/sign-jwt.ts';
import type { OutputDir } from './output-dir.ts';
import type { Logger } from './publish-site.ts';
import { assertNoEarnerEmails } from './scan-earner-emails-node.ts';
import type { SignedAward } from './sign-site.ts';

/**
 * The last step of a build: every credential is verified again, both proofs, with keys read
 * back from the files just written (so a DID document or JWK that does not match its signatures
 * fails the build, not a verifier months later), and the output is scanned for private keys.
 */
export async function selfCheck(options: {
  out: OutputDir;
  site: string;
  signed: ReadonlyMap<string, SignedAward>;
  logger: Logger;
}): Promise<void> {
  const { out, site, signed } = options;
  const fromOutput = (url: string): object | undefined => {
    if (!url.startsWith(site)) return undefined;
    const file = path.join(out.root, url.slice(site.length));
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : undefined;
  };
  const documentLoader = createDocumentLoader((url) =>
    url.startsWith('did:web:') && !url.includes('#')
      ? fromOutput(didWebToDocumentUrl(url))
      : undefined,
  );
  const failures: string[] = [];
  for (const [id, { credential, jwt }] of signed) {
    const proof = await verifyDataIntegrity(credential, { documentLoader });
    const token = await verifyVcJwt(jwt, {
      resolveKey: async (kid) => (kid ? (fromOutput(kid) as never) : undefined),
    });
    for (const error of [...proof.errors, ...token.errors]) failures.push(`${id}: ${error}`);
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
    `self-check: ${signed.size} credential(s) verify (Data Integrity and VC-JWT)`,
  );
}
