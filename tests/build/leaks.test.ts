import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/paths.ts';

/**
 * The last checks before anything is published: the output is scanned for private key material
 * and for earners' plaintext e-mail addresses, whatever put them there. `public/` is copied into
 * the output as it is, so the output scan covers it.
 */
const SITE = 'https://badges.example.org/guild/';
const WORK = path.join(PROJECT_ROOT, 'tests/.tmp/leaks');

function buildWith(name: string, plant: (root: string) => void) {
  const root = path.join(WORK, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/basic'), root, { recursive: true });
  plant(root);
  const out = path.join(root, 'dist');
  const result = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'tests/support/build-site.ts'), root, out, SITE],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`, out };
}

describe('the output scan', () => {
  it('stops the build when a private key was planted in public/', () => {
    const { status, output, out } = buildWith('key-in-public', (root) => {
      mkdirSync(path.join(root, 'public/backup'), { recursive: true });
      const jwk = { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), d: 'B'.repeat(43) };
      writeFileSync(path.join(root, 'public/backup/key.json'), JSON.stringify(jwk));
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/Private key material found in .*: backup\/key\.json \(jwk-private\)/);
    expect(output).toContain('Nothing was published.');
    expect(existsSync(out)).toBe(false);
  });

  it("stops the build when an earner's address reaches a page, without printing it", () => {
    const { status, output, out } = buildWith('email-in-criteria', (root) => {
      const file = path.join(root, 'content/achievements/first-patch.md');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `${text.trimEnd()}\n\nQuestions? Ask Jane.Doe.Private@gmail.com.\n`);
    });
    expect(status).not.toBe(0);
    expect(output).toContain('plaintext e-mail address(es) in the output:');
    expect(output).toContain('achievements/first-patch/index.html (j***@gmail.com)');
    expect(output.toLowerCase()).not.toContain('jane.doe.private');
    expect(existsSync(out)).toBe(false);
  });
});
