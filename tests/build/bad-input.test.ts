import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/paths.ts';

const WORK = path.join(PROJECT_ROOT, 'tests/.tmp/bad-input');
const SITE = 'https://badges.example.org/guild/';

/** Copies the basic fixture, lets `change` break it, and builds it into a non-empty folder. */
function buildBroken(name: string, change: (root: string) => void) {
  const root = path.join(WORK, name);
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/basic'), root, { recursive: true });
  change(root);
  const out = path.join(root, 'dist');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'stale.html'), 'from an earlier build');
  const result = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'tests/support/build-site.ts'), root, out, SITE],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`, out };
}

describe('a build with bad input', () => {
  it('stops before rendering on a content error, naming file, line, field and fix', () => {
    const { status, output, out } = buildBroken('unknown-achievement', (root) => {
      const file = path.join(root, 'content/awards/2026/zoe-first-patch.md');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('achievement: first-patch', 'achievement: frist-patch'),
      );
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /content\/awards\/2026\/zoe-first-patch\.md:\d+: achievement: names the achievement "frist-patch", which does not exist\. Use one of: first-patch, reviewer/,
    );
    expect(output).toContain('Nothing was published.');
    expect(existsSync(out)).toBe(false);
  });

  it('removes pages Astro already wrote when the artwork turns out to be broken', () => {
    const { status, output, out } = buildBroken('broken-png', (root) => {
      const file = path.join(root, 'content/achievements/first-patch.png');
      const bytes = readFileSync(file);
      bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    });
    expect(status).not.toBe(0);
    expect(output).toContain('content/achievements/first-patch.png');
    expect(existsSync(out)).toBe(false);
  });
});
