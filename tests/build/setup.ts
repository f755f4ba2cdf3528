import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../support/paths.ts';

export const FIXTURE_SITE = 'https://badges.example.org/guild/';

declare module 'vitest' {
  export interface ProvidedContext {
    builtSite: { root: string; out: string; outShifted: string; site: string };
  }
}

/**
 * Builds the `basic` fixture site twice before the build tests run: once normally and once with
 * the clock moved years ahead. Tests read the first output; the determinism test compares both.
 * The fixture is copied under tests/.tmp so the build's development keys never touch the fixture.
 */
export default function setup(project: TestProject): void {
  const work = path.join(PROJECT_ROOT, 'tests/.tmp/build');
  const root = path.join(work, 'basic');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/basic'), root, { recursive: true });
  const out = path.join(work, 'dist');
  const outShifted = path.join(work, 'dist-shifted');
  const builder = path.join(PROJECT_ROOT, 'tests/support/build-site.ts');
  const clock = path.join(PROJECT_ROOT, 'tests/support/shift-clock.ts');
  const options = { cwd: PROJECT_ROOT, stdio: 'inherit' as const };
  execFileSync(process.execPath, [builder, root, out, FIXTURE_SITE], options);
  execFileSync(
    process.execPath,
    ['--import', clock, builder, root, outShifted, FIXTURE_SITE],
    options,
  );
  project.provide('builtSite', { root, out, outShifted, site: FIXTURE_SITE });
}
