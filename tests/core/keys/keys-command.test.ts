import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysCommand } from '../../../src/cli/commands/keys.ts';
import { loadIssuerKeys } from '../../../src/core/keys/load-issuer-keys.ts';
import { runCommand } from '../../support/run-command.ts';

/** Runs `laurel keys ...` in a temporary project and captures its output. */
async function run(argv: string[], root = mkdtempSync(path.join(tmpdir(), 'laurel-cli-'))) {
  return { root, ...(await runCommand(keysCommand, argv, root)) };
}

const secretOf = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

describe('laurel keys', () => {
  it('new: writes public and private files and prints a working CI secret', async () => {
    const made = await run(['new', '--issuer', 'acme', '--date', '2026-12-03']);
    expect(made.stderr).toContain('content/issuers/acme.md does not exist');
    expect(made.status).toBe(0);
    expect(readdirSync(path.join(made.root, 'keys/acme')).sort()).toEqual([
      'ed25519-2026-12-03.private.json',
      'ed25519-2026-12-03.public.json',
      'rsa-2026-12-03.private.json',
      'rsa-2026-12-03.public.json',
    ]);
    expect(made.stdout).toContain('keys/acme/rsa-2026-12-03.public.json  (commit this)');
    expect(made.stdout).toContain('repository secret LAUREL_PRIVATE_KEYS, the name');
    expect(made.stdout).toContain('LAUREL_PRIVATE_KEYS_ACME');

    // The printed value alone is enough for a deploy build, with no private files around.
    const fresh = mkdtempSync(path.join(tmpdir(), 'laurel-ci-'));
    mkdirSync(path.join(fresh, 'keys/acme'), { recursive: true });
    for (const name of ['ed25519-2026-12-03', 'rsa-2026-12-03']) {
      const file = `keys/acme/${name}.public.json`;
      writeFileSync(path.join(fresh, file), readFileSync(path.join(made.root, file)));
    }
    const keys = await loadIssuerKeys({
      root: fresh,
      issuerSlug: 'acme',
      env: { LAUREL_PRIVATE_KEYS_ACME: secretOf(made.stdout) },
      mode: 'deploy',
    });
    expect(keys.development).toBe(false);

    const again = await run(['new', '--issuer', 'acme'], made.root);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already has keys');
    expect(again.stderr).toContain('npm run keys -- rotate --issuer acme');
  });

  it('new --no-write-private: writes public files only', async () => {
    const made = await run([
      'new',
      '--issuer',
      'acme',
      '--no-write-private',
      '--date',
      '2026-12-03',
    ]);
    expect(made.status).toBe(0);
    expect(readdirSync(path.join(made.root, 'keys/acme')).sort()).toEqual([
      'ed25519-2026-12-03.public.json',
      'rsa-2026-12-03.public.json',
    ]);
    expect(secretOf(made.stdout)).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('rotate: retires the keys and adds new ones; list shows both', async () => {
    const made = await run(['new', '--issuer', 'acme', '--date', '2026-01-01']);
    const rotated = await run(['rotate', '--issuer', 'acme', '--date', '2026-12-03'], made.root);
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain('ed25519-2026-01-01, rsa-2026-01-01');
    const old = JSON.parse(
      readFileSync(path.join(made.root, 'keys/acme/rsa-2026-01-01.public.json'), 'utf8'),
    );
    expect(old).toMatchObject({ status: 'retired', retired: '2026-12-03' });

    const listed = await run(['list'], made.root);
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')).toEqual([
      'acme',
      expect.stringMatching(/^ {2}ed25519-2026-12-03 +active +created 2026-12-03; keys\/acme\//),
      expect.stringMatching(/^ {2}rsa-2026-12-03 +active /),
      expect.stringMatching(
        /^ {2}ed25519-2026-01-01 +retired +created 2026-01-01, retired 2026-12-03/,
      ),
      expect.stringMatching(/^ {2}rsa-2026-01-01 +retired /),
    ]);

    const keys = await loadIssuerKeys({
      root: made.root,
      issuerSlug: 'acme',
      env: {},
      mode: 'deploy',
    });
    expect(keys.rsa.publicKey.name).toBe('rsa-2026-12-03');
    expect(keys.publicKeys).toHaveLength(4);
  });

  it('rotate without keys, a bad slug, an unknown action: exit 1 with a message', async () => {
    const none = await run(['rotate', '--issuer', 'acme']);
    expect(none).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('npm run keys -- new'),
    });
    const slug = await run(['new', '--issuer', 'Acme Labs']);
    expect(slug).toMatchObject({ status: 1, stderr: expect.stringContaining('--issuer') });
    const missing = await run(['new']);
    expect(missing).toMatchObject({ status: 1, stderr: expect.stringContaining('--issuer') });
    const action = await run(['delete']);
    expect(action).toMatchObject({ status: 1, stderr: expect.stringContaining('Usage') });
    const flag = await run(['new', '--colour']);
    expect(flag).toMatchObject({ status: 1, stderr: expect.stringContaining('--colour') });
  });

  it('--help prints the usage and exits 0; list with no keys says what to do', async () => {
    const help = await run(['--help']);
    expect(help).toMatchObject({ status: 0, stdout: expect.stringContaining('laurel keys new') });
    const empty = await run(['list']);
    expect(empty).toMatchObject({ status: 0, stdout: expect.stringContaining('No keys yet') });
  });
});
