import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import {
  type IssuerSecrets,
  issuerSecrets,
  issuerSecretsIn,
  type ScannedKeys,
} from '../keys/issuer-secrets-node.ts';
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

/** What the scans found in some files. */
export interface LeakFindings {
  keys: PrivateKeyFinding[];
  emails: EarnerEmailFinding[];
}

/**
 * Scans `files` (relative to `dir`) for private key material (scan-private-keys.ts, and the
 * issuers' own keys in `secrets`: issuer-secrets-node.ts) and for e-mail addresses not in
 * `allowed` (scan-earner-emails-node.ts), reading each file once.
 */
export function scanFiles(
  dir: string,
  files: readonly string[],
  allowed: ReadonlySet<string>,
  secrets?: IssuerSecrets,
): LeakFindings {
  const found: LeakFindings = { keys: [], emails: [] };
  const read = scratchReader();
  for (const file of files) {
    const bytes = read(path.join(dir, file));
    const text = privateKeyText(bytes);
    for (const kind of privateKeyKinds(text)) found.keys.push({ file, kind });
    if (secrets !== undefined) {
      for (const detail of issuerSecretsIn(text, secrets)) {
        found.keys.push({ file, kind: 'issuer-private-key', detail });
      }
    }
    found.emails.push(...earnerEmailsIn(file, bytes, allowed));
  }
  return found;
}

/**
 * A file reader that reads every file into one reused buffer: a scan reads the whole output,
 * gigabytes at ten thousand awards, and a fresh buffer per file would cost as much again in
 * allocation and garbage collection. The bytes it returns are valid until its next call.
 */
function scratchReader(): (file: string) => Uint8Array {
  let scratch = new Uint8Array(1024 * 1024);
  return (file) => {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size >= scratch.length) scratch = new Uint8Array(size + (size >> 1) + 1);
      // To the end of the file, even if it grew since its size was read.
      let length = 0;
      for (;;) {
        if (length === scratch.length) {
          const larger = new Uint8Array(scratch.length * 2);
          larger.set(scratch);
          scratch = larger;
        }
        const read = readSync(fd, scratch, length, scratch.length - length, null);
        if (read === 0) break;
        length += read;
      }
      return scratch.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * The build's last two scans over the whole output folder: no private key material and no
 * e-mail address but the issuers' own. `scan` does the reading (by default `scanFiles`, on this
 * thread, with the patterns only; the build hands chunks of files to its workers, which also
 * know the issuers' keys). Throws that scan's ERR_LEAK, keys first; resolves when clean.
 */
export async function assertNothingLeaks(
  dir: string,
  scan: (files: string[], allowed: ReadonlySet<string>) => Promise<LeakFindings> = async (
    files,
    allowed,
  ) => scanFiles(dir, files, allowed),
): Promise<void> {
  const found = await scan(await listFiles(dir), await publicEmails(dir));
  if (found.keys.length > 0) throw privateKeyLeak(dir, found.keys);
  if (found.emails.length > 0) throw earnerEmailLeak(found.emails);
}

/**
 * Every file under `dir` holding private key material, sorted by path: any key the patterns
 * recognise, and any secret of `keys` in any form.
 */
export async function scanForPrivateKeys(
  dir: string,
  keys: readonly ScannedKeys[] = [],
): Promise<PrivateKeyFinding[]> {
  const secrets = keys.length > 0 ? issuerSecrets(keys) : undefined;
  return scanFiles(dir, await listFiles(dir), new Set(), secrets).keys;
}

/** Every file under `dir` holding an address not in `allowed` (lower-cased), sorted by path. */
export async function scanForEarnerEmails(
  dir: string,
  allowed: ReadonlySet<string>,
): Promise<EarnerEmailFinding[]> {
  return scanFiles(dir, await listFiles(dir), allowed).emails;
}
