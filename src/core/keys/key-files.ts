/**
 * Reading and writing an issuer's key folder, `keys/<issuer-slug>/` (Node only).
 * Public halves are `<key name>.public.json` and get committed; private halves are
 * `<key name>.private.json` and the development set is `development.private.json`,
 * both ignored by git (`keys/**\/*.private.json`). Every file read is validated
 * here, once, and a bad file is an ERR_KEYS naming it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { LaurelError } from '../errors.ts';
import {
  type DevelopmentKeyFile,
  describeIssues,
  developmentKeyFileSchema,
  type PrivateKeyRecord,
  type PublicKeyRecord,
  privateKeyRecordSchema,
  publicKeyRecordSchema,
} from './key-records.ts';

const PUBLIC_SUFFIX = '.public.json';
const PRIVATE_SUFFIX = '.private.json';
export const DEVELOPMENT_KEY_FILE = 'development.private.json';

/** `keys/<issuer-slug>` under the project root. */
export function issuerKeyDir(root: string, issuerSlug: string): string {
  return path.join(root, 'keys', issuerSlug);
}

/** The slugs that have a folder under `keys/`, sorted. */
export async function listKeyIssuers(root: string): Promise<string[]> {
  const dir = path.join(root, 'keys');
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The committed public keys of an issuer, sorted by name; an empty list when there are none. */
export async function readPublicKeys(root: string, issuerSlug: string): Promise<PublicKeyRecord[]> {
  const records = await readRecords(root, issuerSlug, PUBLIC_SUFFIX, publicKeyRecordSchema);
  return records.map(({ record }) => record);
}

/** The local private key files of an issuer, by key name, each with its relative path. */
export async function readPrivateKeyFiles(
  root: string,
  issuerSlug: string,
): Promise<Map<string, { record: PrivateKeyRecord; file: string }>> {
  const records = await readRecords(root, issuerSlug, PRIVATE_SUFFIX, privateKeyRecordSchema);
  return new Map(records.map((entry) => [entry.record.name, entry]));
}

/** The development key set, or undefined when the issuer has none. */
export async function readDevelopmentKeys(
  root: string,
  issuerSlug: string,
): Promise<DevelopmentKeyFile | undefined> {
  const file = path.join(issuerKeyDir(root, issuerSlug), DEVELOPMENT_KEY_FILE);
  if (!existsSync(file)) return undefined;
  return parseFile(root, file, developmentKeyFileSchema) as Promise<DevelopmentKeyFile>;
}

/** Writes public key files (replacing any of the same name); returns the paths written. */
export async function writePublicKeys(
  root: string,
  issuerSlug: string,
  keys: readonly PublicKeyRecord[],
): Promise<string[]> {
  return writeAll(root, issuerSlug, keys, PUBLIC_SUFFIX);
}

/** Writes private key files, readable by the owner only; returns the paths written. */
export async function writePrivateKeys(
  root: string,
  issuerSlug: string,
  keys: readonly PrivateKeyRecord[],
): Promise<string[]> {
  return writeAll(root, issuerSlug, keys, PRIVATE_SUFFIX);
}

/** Writes `development.private.json`; returns its path. */
export async function writeDevelopmentKeys(
  root: string,
  issuerSlug: string,
  keys: DevelopmentKeyFile,
): Promise<string> {
  const dir = issuerKeyDir(root, issuerSlug);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, DEVELOPMENT_KEY_FILE);
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return file;
}

async function writeAll(
  root: string,
  issuerSlug: string,
  keys: readonly (PublicKeyRecord | PrivateKeyRecord)[],
  suffix: string,
): Promise<string[]> {
  const dir = issuerKeyDir(root, issuerSlug);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const key of keys) {
    const file = path.join(dir, `${key.name}${suffix}`);
    const mode = suffix === PRIVATE_SUFFIX ? 0o600 : 0o644;
    await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode });
    written.push(path.relative(root, file));
  }
  return written;
}

async function readRecords<T extends { name: string }>(
  root: string,
  issuerSlug: string,
  suffix: string,
  schema: z.ZodType<T>,
): Promise<Array<{ record: T; file: string }>> {
  const dir = issuerKeyDir(root, issuerSlug);
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir))
    .filter((name) => name.endsWith(suffix) && name !== DEVELOPMENT_KEY_FILE)
    .sort();
  const records: Array<{ record: T; file: string }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const record = await parseFile(root, file, schema);
    const relative = path.relative(root, file);
    if (`${record.name}${suffix}` !== name) {
      throw new LaurelError('ERR_KEYS', `The key is named "${record.name}" inside ${name}.`, {
        file: relative,
        field: 'name',
        hint: `Rename the file to ${record.name}${suffix} or set "name" to match the file name.`,
      });
    }
    records.push({ record, file: relative });
  }
  return records;
}

async function parseFile<T>(root: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const relative = path.relative(root, file);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // No cause: the parser's message quotes the text near the error: maybe a secret.
    throw new LaurelError('ERR_KEYS', 'The key file is not valid JSON.', {
      file: relative,
      hint: 'Restore it from git (public keys) or from your backup (private keys).',
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new LaurelError(
      'ERR_KEYS',
      `The key file is malformed: ${describeIssues(result.error)}.`,
      {
        file: relative,
        hint: 'Key files are written by `npm run keys`; restore this one rather than editing it.',
      },
    );
  }
  return result.data;
}
