import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell } from '../../src/cli/award-changes.ts';
import { diffCommand } from '../../src/cli/commands/diff.ts';
import { runCommand } from '../support/run-command.ts';
import { GOOD_FILES, makeSite } from '../support/temp-site.ts';

const award = (lines: string[], body = 'Narrative.') => ['---', ...lines, '---', body].join('\n');
const person = (name: string, date = '2026-03-01', extra: string[] = []) =>
  award([
    'achievement: helper',
    'recipient:',
    `  id: https://example.org/people/${name.toLowerCase().replaceAll(/\W/g, '')}`,
    `  name: '${name.replaceAll("'", "''")}'`,
    `awardedDate: ${date}`,
    ...extra,
  ]);

/** A throwaway git repository holding a site, with `files` committed as the base. */
function repository(files: Record<string, string>, subdir = ''): { top: string; root: string } {
  const top = makeSite({});
  const root = path.join(top, subdir);
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: top, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'base');
  return { top, root };
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const diff = (root: string, argv: string[]) => runCommand(diffCommand, argv, root);

const BASE = {
  ...GOOD_FILES,
  'content/awards/2026/ada.md': person('Ada'),
  'content/awards/2026/bo.md': person('Bo'),
  'content/awards/2026/cy.md': person('Cy'),
  'content/awards/2026/di.md': person('Di'),
};

describe('laurel diff', () => {
  it('lists the awards a change issues, revokes, changes and removes', async () => {
    const { root } = repository(BASE);
    write(root, 'content/awards/2026/new.md', person('Nia', '2026-12-01'));
    write(
      root,
      'content/awards/2026/ada.md',
      person('Ada', '2026-03-01', ['revoked: { date: 2026-12-02, reason: Awarded by mistake }']),
    );
    write(root, 'content/awards/2026/bo.md', person('Bo', '2026-03-01', ['validFrom: 2026-12-03']));
    write(root, 'content/awards/2026/cy.md', `${person('Cy')}\nMore words.`);
    rmSync(path.join(root, 'content/awards/2026/di.md'));
    const result = await diff(root, ['--base', 'main']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        '## Badges in this change',
        '',
        '**1 issued, 1 revoked, 2 changed, 1 removed**, compared with `main`.',
        '',
        '### Issued',
        '',
        '| Award | Achievement | Earner | Awarded |',
        '| --- | --- | --- | --- |',
        '| `2026/new` | Helper | Nia | 2026-12-01 |',
        '',
        '### Revoked',
        '',
        '| Award | Achievement | Earner | Reason |',
        '| --- | --- | --- | --- |',
        '| `2026/ada` | Helper | Ada | Awarded by mistake |',
        '',
        '### Changed',
        '',
        'A published credential may change only with a later `validFrom`; the build refuses ' +
          'anything else.',
        '',
        '| Award | Achievement | Earner | What changed |',
        '| --- | --- | --- | --- |',
        '| `2026/bo` | Helper | Bo | validFrom 2026-03-01 → 2026-12-03 |',
        '| `2026/cy` | Helper | Cy | narrative; validFrom unchanged |',
        '',
        '### Removed',
        '',
        '> [!WARNING]',
        '> Removing a published award breaks its URLs. Restore the file and add ' +
          '`revoked: { date, reason }` instead.',
        '',
        '| Award | Achievement | Earner |',
        '| --- | --- | --- |',
        '| `2026/di` | Helper | Di |',
      ].join('\n'),
    );
  });

  it('says so when no badge changes', async () => {
    const { root } = repository(BASE);
    const result = await diff(root, ['--base', 'HEAD']);
    expect(result.stdout).toBe(
      [
        '## Badges in this change',
        '',
        '**0 issued, 0 revoked, 0 changed, 0 removed**, compared with `HEAD`.',
        '',
        'No badge is issued, revoked, changed or removed.',
      ].join('\n'),
    );
  });

  it('escapes what contributors wrote, so the summary cannot be restyled or linked', async () => {
    const { root } = repository(BASE);
    write(
      root,
      'content/awards/2026/evil.md',
      person('<img src=x onerror=alert(1)> | [click](javascript:alert(1)) **bold**'),
    );
    const result = await diff(root, ['--base', 'main']);
    const row = result.stdout.split('\n').find((line) => line.startsWith('| `2026/evil`'));
    expect(row).toBe(
      '| `2026/evil` | Helper | \\<img src=x onerror=alert\\(1\\)\\> \\| \\[click\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\* | 2026-03-01 |',
    );
    expect(cell('a\nb  c')).toBe('a b c');
    expect(cell('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
  });

  it('works from a project in a subfolder of the repository', async () => {
    const { root } = repository(BASE, 'site');
    write(root, 'content/awards/2026/new.md', person('Nia'));
    const result = await diff(root, ['--base', 'main']);
    expect(result.stdout).toContain('**1 issued, 0 revoked, 0 changed, 0 removed**');
  });

  it('refuses a ref that does not exist or looks like an option', async () => {
    const { root } = repository(BASE);
    const missing = await diff(root, ['--base', 'origin/nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      'laurel diff: the git ref "origin/nope" does not exist here. Fetch it first (git fetch ' +
        'origin <branch>); in GitHub Actions, check out with `fetch-depth: 0`.',
    );
    const option = await diff(root, ['--base=--output=/tmp/x']);
    expect(option.status).toBe(1);
    expect(option.stderr).toContain('is not a git ref');
    const none = await diff(root, []);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('give --base <git ref>');
  });
});
