import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type PrivateKeyFinding,
  privateKeyKinds,
  privateKeyLeak,
  privateKeyText,
} from '../keys/scan-private-keys.ts';
import {
  type EarnerEmailFinding,
  earnerEmailLeak,
  earnerEmailsIn,
  listFiles,
  publicEmails,
} from './scan-earner-emails-node.ts';

/**
 * The build's last two scans in one pass over the output folder, each file read once: no private
 * key material (scan-private-keys.ts) and no e-mail address but the issuers' own
 * (scan-earner-emails-node.ts). Throws that scan's ERR_LEAK, keys first; resolves when clean.
 */
export async function assertNothingLeaks(dir: string): Promise<void> {
  const allowed = await publicEmails(dir);
  const keys: PrivateKeyFinding[] = [];
  const emails: EarnerEmailFinding[] = [];
  for (const file of await listFiles(dir)) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
    for (const kind of privateKeyKinds(privateKeyText(bytes))) keys.push({ file, kind });
    emails.push(...earnerEmailsIn(file, bytes, allowed));
  }
  if (keys.length > 0) throw privateKeyLeak(dir, keys);
  if (emails.length > 0) throw earnerEmailLeak(emails);
}
