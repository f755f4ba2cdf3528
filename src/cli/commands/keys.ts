/**
 * `npm run keys`: make, rotate and list issuers' signing keys. Public halves are
 * written to `keys/<slug>/` for committing; private halves to ignored files next to
 * them and, as one value, to the terminal for storing as a CI secret. A command
 * error prints a message and returns 1.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LaurelError } from '../../core/errors.ts';
import { sortKeys } from '../../core/keys/did-document.ts';
import { generateKeySet, toDay } from '../../core/keys/generate-key-set.ts';
import {
  DEVELOPMENT_KEY_FILE,
  issuerKeyDir,
  listKeyIssuers,
  readPrivateKeyFiles,
  readPublicKeys,
  writePrivateKeys,
  writePublicKeys,
} from '../../core/keys/key-files.ts';
import type { PrivateKeyRecord } from '../../core/keys/key-records.ts';
import {
  encodePrivateKeysEnv,
  issuerPrivateKeysEnv,
  PRIVATE_KEYS_ENV,
  privateKeysFromEnv,
} from '../../core/keys/private-keys-env.ts';
import { rotateKeySet } from '../../core/keys/rotate-key-set.ts';
import type { CliIo } from '../io.ts';

const HELP = `Usage: laurel keys <new|rotate|list> [options]

  laurel keys new --issuer <slug>     make an issuer's first key set (Ed25519 + RSA-2048)
  laurel keys rotate --issuer <slug>  retire the active keys and make new ones
  laurel keys list [--issuer <slug>]  show the keys, their status and their private halves

Options:
  --issuer <slug>       the issuer, as in content/issuers/<slug>.md
  --no-write-private    new/rotate: print the private keys only, write no .private.json file
  --date <YYYY-MM-DD>   new/rotate: the day the keys are named for (default: today, UTC)
  -h, --help            show this help

Public keys go to keys/<slug>/<name>.public.json: commit them. Private keys go to
keys/<slug>/<name>.private.json (ignored by git) and are printed as one value to store as the
CI secret ${PRIVATE_KEYS_ENV}_<SLUG> (or merge into ${PRIVATE_KEYS_ENV}).
Retired public keys stay published so that credentials they signed keep verifying.`;

const slugSchema = z
  .string({ error: '--issuer <slug> is required' })
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    '--issuer takes the <slug> of content/issuers/<slug>.md: a-z, 0-9, -',
  );

/** `laurel keys new|rotate|list`; returns the exit status. */
export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        issuer: { type: 'string' },
        'write-private': { type: 'boolean', default: true },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [action, ...extra] = positionals;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (extra.length > 0 || (action !== 'new' && action !== 'rotate' && action !== 'list')) {
      io.stderr(`laurel keys: expected new, rotate or list.\n\n${HELP}`);
      return 1;
    }
    if (action === 'list') return await list(io, values.issuer);
    const slug = parseSlug(values.issuer);
    const day = toDay(values.date ?? new Date());
    const writePrivate = values['write-private'];
    return action === 'new'
      ? await create(io, slug, day, writePrivate)
      : await rotate(io, slug, day, writePrivate);
  } catch (error) {
    if (error instanceof LaurelError) {
      io.stderr(`laurel keys: ${error.format()}`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`laurel keys: ${error.message}\n\n${HELP}`);
      return 1;
    }
    throw error;
  }
}

async function create(io: CliIo, slug: string, day: string, writePrivate: boolean) {
  warnIfUnknownIssuer(io, slug);
  if ((await readPublicKeys(io.root, slug)).length > 0) {
    throw new LaurelError('ERR_KEYS', `Issuer "${slug}" already has keys.`, {
      file: path.relative(io.root, issuerKeyDir(io.root, slug)),
      hint: `Run \`npm run keys -- rotate --issuer ${slug}\` to replace them.`,
    });
  }
  const keySet = await generateKeySet(slug, day);
  const publicFiles = await writePublicKeys(io.root, slug, keySet.publicKeys);
  const privateFiles = writePrivate
    ? await writePrivateKeys(io.root, slug, keySet.privateKeys)
    : [];
  io.stdout(`Created the key set of issuer "${slug}":`);
  printFiles(io, publicFiles, privateFiles);
  printSecret(io, slug, keySet.privateKeys);
  return 0;
}

async function rotate(io: CliIo, slug: string, day: string, writePrivate: boolean) {
  warnIfUnknownIssuer(io, slug);
  const current = await readPublicKeys(io.root, slug);
  if (current.length === 0) {
    throw new LaurelError('ERR_KEYS', `Issuer "${slug}" has no keys to rotate.`, {
      hint: `Run \`npm run keys -- new --issuer ${slug}\` first.`,
    });
  }
  const { keySet, retired } = await rotateKeySet(slug, current, day);
  const publicFiles = await writePublicKeys(io.root, slug, [...retired, ...keySet.publicKeys]);
  const privateFiles = writePrivate
    ? await writePrivateKeys(io.root, slug, keySet.privateKeys)
    : [];
  const names = (keys: readonly { name: string }[]) => keys.map((key) => key.name).join(', ');
  io.stdout(`Rotated the keys of issuer "${slug}".`);
  io.stdout(`  retired (still published, no longer signing): ${names(retired) || 'none'}`);
  io.stdout(`  active: ${names(keySet.publicKeys)}`);
  printFiles(io, publicFiles, privateFiles);
  printSecret(io, slug, keySet.privateKeys);
  return 0;
}

async function list(io: CliIo, issuer: string | undefined) {
  const slugs = issuer === undefined ? await listKeyIssuers(io.root) : [parseSlug(issuer)];
  if (slugs.length === 0) {
    io.stdout('No keys yet. Run `npm run keys -- new --issuer <slug>` for each issuer.');
    return 0;
  }
  for (const slug of slugs) {
    const publicKeys = sortKeys(await readPublicKeys(io.root, slug));
    const fromEnv = privateKeysFromEnv(io.env, slug);
    const fromFiles = await readPrivateKeyFiles(io.root, slug);
    io.stdout(`${slug}${publicKeys.length === 0 ? ': no committed keys' : ''}`);
    for (const key of publicKeys) {
      const where = fromEnv.has(key.name)
        ? 'private key in the environment'
        : (fromFiles.get(key.name)?.file ?? 'no private key here');
      const dates = `created ${key.created}${key.retired ? `, retired ${key.retired}` : ''}`;
      io.stdout(`  ${key.name.padEnd(24)} ${key.status.padEnd(8)} ${dates}; ${where}`);
    }
    if (existsSync(path.join(issuerKeyDir(io.root, slug), DEVELOPMENT_KEY_FILE))) {
      io.stdout(`  (development key set in keys/${slug}/${DEVELOPMENT_KEY_FILE}, local only)`);
    }
  }
  return 0;
}

function parseSlug(value: string | undefined): string {
  const result = slugSchema.safeParse(value);
  if (result.success) return result.data;
  throw new LaurelError('ERR_KEYS', `${result.error.issues[0]?.message}.`, {
    hint: 'Example: npm run keys -- new --issuer acme-labs',
  });
}

function warnIfUnknownIssuer(io: CliIo, slug: string) {
  if (!existsSync(path.join(io.root, 'content', 'issuers', `${slug}.md`))) {
    io.stderr(`laurel keys: warning: content/issuers/${slug}.md does not exist (yet).`);
  }
}

function printFiles(io: CliIo, publicFiles: string[], privateFiles: string[]) {
  for (const file of publicFiles) io.stdout(`  ${file}  (commit this)`);
  for (const file of privateFiles) io.stdout(`  ${file}  (git-ignored; never commit or share it)`);
}

function printSecret(io: CliIo, slug: string, privateKeys: PrivateKeyRecord[]) {
  io.stdout(
    `\nStore this value as the repository secret ${PRIVATE_KEYS_ENV}, the name ` +
      `.github/workflows/deploy.yml passes to the build (it replaces any earlier value; keep ` +
      `it out of logs). A site with several issuers stores each issuer's value as ` +
      `${issuerPrivateKeysEnv(slug)} and so on, and adds those names to deploy.yml:`,
  );
  io.stdout(encodePrivateKeysEnv({ [slug]: privateKeys }));
}
