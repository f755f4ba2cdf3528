import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../support/paths.ts';

/** Where each fixture site says it is served from. */
export const FIXTURE_SITE = 'https://badges.example.org/guild/';
export const REVOCATION_SITE = 'https://lantern.example.org/';

interface BuiltSite {
  root: string;
  out: string;
  site: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    builtSite: BuiltSite & { outShifted: string };
    revocationSite: BuiltSite;
  }
}

const WORK = path.join(PROJECT_ROOT, 'tests/.tmp/build');
const BUILDER = path.join(PROJECT_ROOT, 'tests/support/build-site.ts');
const SHIFT_CLOCK = path.join(PROJECT_ROOT, 'tests/support/shift-clock.ts');

/** Copies a fixture under tests/.tmp (so the build's development keys never touch it). */
function copyFixture(name: string): string {
  const root = path.join(WORK, name);
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites', name), root, { recursive: true });
  return root;
}

function build(root: string, out: string, site: string, preload: string[] = []): void {
  execFileSync(process.execPath, [...preload, BUILDER, root, out, site], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
}

/**
 * Builds the fixture sites once before the build tests run. `basic` is built twice, the second
 * time with the clock moved years ahead: tests read the first output, and the determinism test
 * compares both. `revocation` pins four awards to chosen status list indices and revokes two.
 */
export default function setup(project: TestProject): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });

  const basic = copyFixture('basic');
  const out = path.join(WORK, 'basic-dist');
  const outShifted = path.join(WORK, 'basic-dist-shifted');
  build(basic, out, FIXTURE_SITE);
  build(basic, outShifted, FIXTURE_SITE, ['--import', SHIFT_CLOCK]);
  project.provide('builtSite', { root: basic, out, outShifted, site: FIXTURE_SITE });

  const revocation = copyFixture('revocation');
  const revocationOut = path.join(WORK, 'revocation-dist');
  build(revocation, revocationOut, REVOCATION_SITE);
  project.provide('revocationSite', {
    root: revocation,
    out: revocationOut,
    site: REVOCATION_SITE,
  });
}
