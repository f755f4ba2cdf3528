import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateKeys, writePublicKeys } from '../../../src/core/keys/key-files.ts';
import type { PublicKeyRecord } from '../../../src/core/keys/key-records.ts';
import { loadIssuerKeys } from '../../../src/core/keys/load-issuer-keys.ts';
import { encodePrivateKeysEnv } from '../../../src/core/keys/private-keys-env.ts';
import { ISSUER_SLUG, KEYS_A, KEYS_B } from '../../fixtures/keys/test-keys.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';

const tempRoot = () => mkdtempSync(path.join(tmpdir(), 'laurel-keys-'));
const ENV_VAR = 'LAUREL_PRIVATE_KEYS_TEST_CLUB';

/** A project whose issuer has test key set `a` committed (public halves only). */
async function projectWithPublicKeys(
  keys: PublicKeyRecord[] = [KEYS_A.edPublic, KEYS_A.rsaPublic],
) {
  const root = tempRoot();
  await writePublicKeys(root, ISSUER_SLUG, keys);
  return root;
}

const envFor = (name: string, keys = [KEYS_A.ed25519, KEYS_A.rsa]) => ({
  [name]: encodePrivateKeysEnv({ [ISSUER_SLUG]: keys }),
});

describe('loadIssuerKeys in development mode', () => {
  it('generates a development key set into an ignored file when there are no keys', async () => {
    const root = tempRoot();
    const keys = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: {},
      mode: 'development',
      today: '2026-12-03',
    });
    expect(keys).toMatchObject({ development: true, generated: true });
    expect(keys.ed25519.publicKey.name).toBe('dev-ed25519-2026-12-03');
    expect(keys.rsa.publicKey.name).toBe('dev-rsa-2026-12-03');
    expect(keys.warnings).toEqual([expect.stringContaining('Generated a development key set')]);
    expect(keys.warnings[0]).toContain('npm run keys -- new --issuer test-club');
    const files = readdirSync(path.join(root, 'keys', ISSUER_SLUG));
    expect(files).toEqual(['development.private.json']);

    const again = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: {},
      mode: 'development',
    });
    expect(again).toMatchObject({ development: true, generated: false });
    expect(again.ed25519.privateKey).toEqual(keys.ed25519.privateKey);
  });

  it('keeps the development key file out of git (and the public key files in it)', () => {
    const ignored = (file: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: PROJECT_ROOT });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('keys/test-club/development.private.json')).toBe(true);
    expect(ignored('keys/test-club/rsa-2026-12-03.private.json')).toBe(true);
    expect(ignored('keys/test-club/rsa-2026-12-03.public.json')).toBe(false);
  });

  it('falls back to development keys, loudly, when committed keys lack private halves', async () => {
    const root = await projectWithPublicKeys();
    const keys = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: {},
      mode: 'development',
    });
    expect(keys.development).toBe(true);
    expect(keys.warnings[0]).toContain('"ed25519-test-a", "rsa-test-a"');
    expect(keys.publicKeys.map((key) => key.name)).not.toContain('ed25519-test-a');
  });
});

describe('loadIssuerKeys in deploy mode', () => {
  it('refuses to run without keys, naming the issuer, the variable and the command', async () => {
    const error = await loadIssuerKeys({
      root: tempRoot(),
      issuerSlug: ISSUER_SLUG,
      env: {},
      mode: 'deploy',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_KEYS' });
    const text = (error as { format(): string }).format();
    expect(text).toContain('"test-club"');
    expect(text).toContain(ENV_VAR);
    expect(text).toContain('npm run keys -- new --issuer test-club');
  });

  it('refuses committed keys whose private halves are missing', async () => {
    const root = await projectWithPublicKeys();
    await expect(
      loadIssuerKeys({ root, issuerSlug: ISSUER_SLUG, env: {}, mode: 'deploy' }),
    ).rejects.toMatchObject({
      code: 'ERR_KEYS',
      message: expect.stringContaining('No private key for "ed25519-test-a", "rsa-test-a"'),
      hint: expect.stringContaining(ENV_VAR),
    });
  });

  for (const variable of [ENV_VAR, 'LAUREL_PRIVATE_KEYS']) {
    it(`loads the private keys from ${variable}`, async () => {
      const root = await projectWithPublicKeys();
      const keys = await loadIssuerKeys({
        root,
        issuerSlug: ISSUER_SLUG,
        env: envFor(variable),
        mode: 'deploy',
      });
      expect(keys).toMatchObject({ development: false, generated: false, warnings: [] });
      expect(keys.ed25519).toEqual({ publicKey: KEYS_A.edPublic, privateKey: KEYS_A.ed25519 });
      expect(keys.rsa).toEqual({ publicKey: KEYS_A.rsaPublic, privateKey: KEYS_A.rsa });
    });
  }

  it('accepts the variable as plain JSON too', async () => {
    const root = await projectWithPublicKeys();
    const json = JSON.stringify({
      laurelPrivateKeys: 1,
      issuers: { [ISSUER_SLUG]: [KEYS_A.ed25519, KEYS_A.rsa] },
    });
    const keys = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: { LAUREL_PRIVATE_KEYS: json },
      mode: 'deploy',
    });
    expect(keys.rsa.privateKey).toEqual(KEYS_A.rsa);
  });

  it('loads the private keys from local ignored files', async () => {
    const root = await projectWithPublicKeys();
    await writePrivateKeys(root, ISSUER_SLUG, [KEYS_A.ed25519, KEYS_A.rsa]);
    const keys = await loadIssuerKeys({ root, issuerSlug: ISSUER_SLUG, env: {}, mode: 'deploy' });
    expect(keys.ed25519.privateKey).toEqual(KEYS_A.ed25519);
  });

  it('stops on a private key that does not match its public half (env or file)', async () => {
    const root = await projectWithPublicKeys();
    const wrongEd = { ...KEYS_B.ed25519, name: KEYS_A.ed25519.name };
    const wrongRsa = { ...KEYS_B.rsa, name: KEYS_A.rsa.name };
    for (const mode of ['deploy', 'development'] as const) {
      await expect(
        loadIssuerKeys({
          root,
          issuerSlug: ISSUER_SLUG,
          env: envFor(ENV_VAR, [wrongEd, KEYS_A.rsa]),
          mode,
        }),
      ).rejects.toMatchObject({
        code: 'ERR_KEYS',
        message:
          `The private key "ed25519-test-a" from ${ENV_VAR} or LAUREL_PRIVATE_KEYS ` +
          'does not match its public key.',
      });
    }
    await writePrivateKeys(root, ISSUER_SLUG, [KEYS_A.ed25519, wrongRsa]);
    await expect(
      loadIssuerKeys({ root, issuerSlug: ISSUER_SLUG, env: {}, mode: 'deploy' }),
    ).rejects.toMatchObject({
      code: 'ERR_KEYS',
      message: expect.stringContaining('"rsa-test-a" from keys/test-club/rsa-test-a.private.json'),
    });
  });

  it('names the variable, but never its value, when the variable cannot be read', async () => {
    const root = await projectWithPublicKeys();
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ';
    const error = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: { LAUREL_PRIVATE_KEYS: secret },
      mode: 'deploy',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_KEYS' });
    const text = (error as { format(): string }).format();
    expect(text).toContain('LAUREL_PRIVATE_KEYS');
    expect(text).not.toContain(secret);
  });

  it('refuses two active keys of one algorithm', async () => {
    const root = await projectWithPublicKeys([KEYS_A.edPublic, KEYS_A.rsaPublic, KEYS_B.edPublic]);
    await expect(
      loadIssuerKeys({ root, issuerSlug: ISSUER_SLUG, env: envFor(ENV_VAR), mode: 'deploy' }),
    ).rejects.toMatchObject({
      code: 'ERR_KEYS',
      message: expect.stringContaining('2 active Ed25519'),
    });
  });

  it('signs with the active key and publishes the retired ones too', async () => {
    const retired = (key: PublicKeyRecord): PublicKeyRecord => ({
      ...key,
      status: 'retired',
      retired: '2026-06-01',
    });
    const root = await projectWithPublicKeys([
      retired(KEYS_A.edPublic),
      retired(KEYS_A.rsaPublic),
      KEYS_B.edPublic,
      KEYS_B.rsaPublic,
    ]);
    const keys = await loadIssuerKeys({
      root,
      issuerSlug: ISSUER_SLUG,
      env: envFor(ENV_VAR, [KEYS_B.ed25519, KEYS_B.rsa]),
      mode: 'deploy',
    });
    expect(keys.ed25519.publicKey.name).toBe('ed25519-test-b');
    expect(keys.publicKeys.map((key) => key.name).sort()).toEqual([
      'ed25519-test-a',
      'ed25519-test-b',
      'rsa-test-a',
      'rsa-test-b',
    ]);
  });

  it('rejects a public key file carrying a private member', async () => {
    const root = await projectWithPublicKeys();
    const file = path.join(root, 'keys', ISSUER_SLUG, 'rsa-test-a.public.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.publicKeyJwk.d = KEYS_A.rsa.privateKeyJwk.d;
    writeFileSync(file, JSON.stringify(record));
    await expect(
      loadIssuerKeys({ root, issuerSlug: ISSUER_SLUG, env: envFor(ENV_VAR), mode: 'deploy' }),
    ).rejects.toMatchObject({ code: 'ERR_KEYS', file: 'keys/test-club/rsa-test-a.public.json' });
    expect(existsSync(file)).toBe(true);
  });
});
