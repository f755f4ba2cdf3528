/**
 * Loading the keys one issuer signs with: the committed public keys from
 * `keys/<issuer-slug>/`, and the private halves of the active ones from the
 * environment (CI) or from ignored local files. A deploy build without them stops;
 * a development build falls back to a throwaway key set of its own, in an ignored
 * file, and says so, so that previews work on a fresh clone.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LaurelError } from '../errors.ts';
import { assertKeyPairMatches } from './check-key-pair.ts';
import { generateKeySet } from './generate-key-set.ts';
import {
  DEVELOPMENT_KEY_FILE,
  issuerKeyDir,
  readDevelopmentKeys,
  readPrivateKeyFiles,
  readPublicKeys,
  writeDevelopmentKeys,
} from './key-files.ts';
import type {
  Ed25519PrivateKey,
  Ed25519PublicKey,
  PrivateKeyRecord,
  PublicKeyRecord,
  RsaPrivateKey,
  RsaPublicKey,
} from './key-records.ts';
import { issuerPrivateKeysEnv, PRIVATE_KEYS_ENV, privateKeysFromEnv } from './private-keys-env.ts';

export interface LoadIssuerKeysOptions {
  /** Project root, the folder that holds `keys/`. */
  root: string;
  issuerSlug: string;
  /** Usually `process.env`. */
  env: Readonly<Record<string, string | undefined>>;
  /** `deploy` refuses to sign without the real keys; `development` falls back to local ones. */
  mode: 'development' | 'deploy';
  /** Day that names a generated development key set; defaults to today (UTC). */
  today?: string | Date;
}

/** The keys of one issuer, ready to sign with and to publish. */
export interface IssuerKeys {
  issuerSlug: string;
  /** Every public key to publish (DID document, JWKS, JWK files): active and retired. */
  publicKeys: PublicKeyRecord[];
  ed25519: { publicKey: Ed25519PublicKey; privateKey: Ed25519PrivateKey };
  rsa: { publicKey: RsaPublicKey; privateKey: RsaPrivateKey };
  /** True when signing with a development key set instead of the committed keys. */
  development: boolean;
  /** True when this call generated the development key set. */
  generated: boolean;
  /** What the caller should print as warnings: a development key set in use, unused keys. */
  warnings: string[];
}

/**
 * The issuer's signing keys. The private half of each active key comes from
 * `LAUREL_PRIVATE_KEYS_<SLUG>`, then `LAUREL_PRIVATE_KEYS`, then
 * `keys/<slug>/<name>.private.json`, and must match its committed public half
 * (ERR_KEYS otherwise). With no usable keys, `deploy` mode throws ERR_KEYS naming
 * the issuer, the variable and the command to run; `development` mode uses
 * `keys/<slug>/development.private.json`, generating it if needed, and reports that
 * in `warnings` (the core never prints).
 */
export async function loadIssuerKeys(options: LoadIssuerKeysOptions): Promise<IssuerKeys> {
  const { root, issuerSlug, env, mode } = options;
  const publicKeys = await readPublicKeys(root, issuerSlug);
  const fromEnv = privateKeysFromEnv(env, issuerSlug);
  const fromFiles = await readPrivateKeyFiles(root, issuerSlug);
  const folder = path.relative(root, issuerKeyDir(root, issuerSlug));

  if (publicKeys.length === 0) {
    if (mode === 'deploy') throw noKeys(issuerSlug, folder);
    return developmentKeys(options, `Issuer "${issuerSlug}" has no keys in ${folder}/.`);
  }

  const warnings: string[] = [];
  const privateKeys = new Map<string, PrivateKeyRecord>();
  const sources = [
    ...[...fromEnv.values()].map((record) => ({ record, source: envNames(issuerSlug) })),
    ...[...fromFiles.values()].map(({ record, file }) => ({ record, source: file })),
  ];
  for (const { record, source } of sources) {
    if (privateKeys.has(record.name)) continue;
    const publicKey = publicKeys.find((key) => key.name === record.name);
    if (publicKey === undefined) {
      warnings.push(`Private key "${record.name}" (${source}) has no public key; it is not used.`);
      continue;
    }
    await assertKeyPairMatches(publicKey, record, source);
    privateKeys.set(record.name, record);
  }

  const edPublic = activeKey(publicKeys, 'Multikey', issuerSlug, folder) as Ed25519PublicKey;
  const rsaPublic = activeKey(publicKeys, 'JsonWebKey', issuerSlug, folder) as RsaPublicKey;
  const edPrivate = privateKeys.get(edPublic.name) as Ed25519PrivateKey | undefined;
  const rsaPrivate = privateKeys.get(rsaPublic.name) as RsaPrivateKey | undefined;
  if (edPrivate === undefined || rsaPrivate === undefined) {
    const missing = [edPrivate ? [] : [edPublic.name], rsaPrivate ? [] : [rsaPublic.name]].flat();
    if (mode === 'deploy') throw noPrivateKeys(issuerSlug, folder, missing);
    return developmentKeys(
      options,
      `The private half of "${missing.join('", "')}" (issuer "${issuerSlug}") is not available.`,
    );
  }
  return {
    issuerSlug,
    publicKeys,
    ed25519: { publicKey: edPublic, privateKey: edPrivate },
    rsa: { publicKey: rsaPublic, privateKey: rsaPrivate },
    development: false,
    generated: false,
    warnings,
  };
}

/** The one active key of a type; ERR_KEYS when there is none or more than one. */
function activeKey(
  keys: readonly PublicKeyRecord[],
  type: PublicKeyRecord['type'],
  issuerSlug: string,
  folder: string,
): PublicKeyRecord {
  const active = keys.filter((key) => key.type === type && key.status === 'active');
  const algorithm = type === 'Multikey' ? 'Ed25519' : 'RSA';
  if (active.length === 1 && active[0]) return active[0];
  if (active.length === 0) {
    throw new LaurelError('ERR_KEYS', `Issuer "${issuerSlug}" has no active ${algorithm} key.`, {
      file: folder,
      hint: `Run \`npm run keys -- rotate --issuer ${issuerSlug}\` to make a new key set.`,
    });
  }
  throw new LaurelError(
    'ERR_KEYS',
    `Issuer "${issuerSlug}" has ${active.length} active ${algorithm} keys: ` +
      `${active.map((key) => key.name).join(', ')}.`,
    { file: folder, hint: 'Set "status": "retired" on all but the newest of them.' },
  );
}

async function developmentKeys(options: LoadIssuerKeysOptions, reason: string) {
  const { root, issuerSlug } = options;
  const file = path.join(path.relative(root, issuerKeyDir(root, issuerSlug)), DEVELOPMENT_KEY_FILE);
  let stored = await readDevelopmentKeys(root, issuerSlug);
  const generated = stored === undefined;
  if (stored === undefined) {
    const set = await generateKeySet(issuerSlug, options.today ?? new Date(), {
      namePrefix: 'dev-',
    });
    stored = { development: true, publicKeys: set.publicKeys, privateKeys: set.privateKeys };
    await writeDevelopmentKeys(root, issuerSlug, stored);
  }
  const edPublic = activeKey(stored.publicKeys, 'Multikey', issuerSlug, file) as Ed25519PublicKey;
  const rsaPublic = activeKey(stored.publicKeys, 'JsonWebKey', issuerSlug, file) as RsaPublicKey;
  const edPrivate = stored.privateKeys.find((key) => key.name === edPublic.name);
  const rsaPrivate = stored.privateKeys.find((key) => key.name === rsaPublic.name);
  if (edPrivate?.type !== 'Multikey' || rsaPrivate?.type !== 'JsonWebKey') {
    throw new LaurelError('ERR_KEYS', 'The development key set is incomplete.', {
      file,
      hint: 'Delete the file; the next development build makes a new one.',
    });
  }
  await assertKeyPairMatches(edPublic, edPrivate, file);
  await assertKeyPairMatches(rsaPublic, rsaPrivate, file);
  const action = generated ? 'Generated a development key set in' : 'Using the development keys in';
  return {
    issuerSlug,
    publicKeys: stored.publicKeys,
    ed25519: { publicKey: edPublic, privateKey: edPrivate },
    rsa: { publicKey: rsaPublic, privateKey: rsaPrivate },
    development: true,
    generated,
    warnings: [
      `${reason} ${action} ${file}. These keys are for local previews only and are never ` +
        `deployed. ${realKeysAdvice(options)}`,
    ],
  } satisfies IssuerKeys;
}

/** How to sign with the real keys: make them, or bring the private halves of committed ones. */
function realKeysAdvice({ root, issuerSlug }: LoadIssuerKeysOptions): string {
  const dir = issuerKeyDir(root, issuerSlug);
  const folder = path.relative(root, dir);
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.public.json'))
    ? `To sign with the issuer's real keys, set ${envNames(issuerSlug)} or put their ` +
        `*.private.json files in ${folder}/.`
    : `Run \`npm run keys -- new --issuer ${issuerSlug}\` to make the real ones.`;
}

function envNames(issuerSlug: string): string {
  return `${issuerPrivateKeysEnv(issuerSlug)} or ${PRIVATE_KEYS_ENV}`;
}

function noKeys(issuerSlug: string, folder: string): LaurelError {
  return new LaurelError(
    'ERR_KEYS',
    `Issuer "${issuerSlug}" has no keys, so nothing can be signed.`,
    {
      file: folder,
      hint:
        `Run \`npm run keys -- new --issuer ${issuerSlug}\`, commit ${folder}/*.public.json ` +
        `and store the printed value as the CI secret ${envNames(issuerSlug)}.`,
    },
  );
}

function noPrivateKeys(issuerSlug: string, folder: string, missing: string[]): LaurelError {
  return new LaurelError(
    'ERR_KEYS',
    `No private key for "${missing.join('", "')}" of issuer "${issuerSlug}".`,
    {
      file: folder,
      hint:
        `Set ${envNames(issuerSlug)} to the value \`npm run keys -- new\` printed, or put ` +
        `${missing.map((name) => `${name}.private.json`).join(' and ')} in ${folder}/. If the ` +
        `private keys are lost, run \`npm run keys -- rotate --issuer ${issuerSlug}\`.`,
    },
  );
}
