import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT } from '../support/paths.ts';

/**
 * The GitHub workflows are part of the product: a maintainer merges on the strength of the pull
 * request job and the deploy job signs with the real keys. actionlint checks them when it is
 * installed; the YAML and the steps the docs promise are checked always.
 */
const WORKFLOWS = path.join(PROJECT_ROOT, '.github/workflows');
const FILES = ['pull-request.yml', 'deploy.yml', 'pull-request-cache.yml'];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  steps: Step[];
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(file: string): Workflow {
  const document = parseDocument(readFileSync(path.join(WORKFLOWS, file), 'utf8'), {
    uniqueKeys: true,
  });
  expect(document.errors.map((error) => error.message)).toEqual([]);
  return document.toJS() as Workflow;
}

/** A GitHub Actions expression as written in a workflow, `${{ ... }}`. */
const expression = (text: string) => `\${{ ${text} }}`;

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (workflow: Workflow) =>
  steps(workflow).flatMap((step) => (step.run ? [step.run] : []));
const action = (workflow: Workflow, name: string) =>
  steps(workflow).find((step) => step.uses?.split('@')[0] === name);

const actionlint = spawnSync('actionlint', ['-version'], { encoding: 'utf8' });
const hasActionlint = actionlint.status === 0;

describe('GitHub workflows', () => {
  it.skipIf(!hasActionlint)(
    hasActionlint ? 'pass actionlint' : 'pass actionlint (skipped: actionlint is not installed)',
    () => {
      const result = spawnSync(
        'actionlint',
        FILES.map((file) => path.join(WORKFLOWS, file)),
        {
          encoding: 'utf8',
        },
      );
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );

  it('pin every action to a major version and never paste an expression into a script', () => {
    for (const file of FILES) {
      const workflow = load(file);
      for (const step of steps(workflow)) {
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
        // `${{ }}` in a script is pasted into the shell before it runs: untrusted text
        // (a branch name, a title) would run as code. Values go through `env:` instead.
        if (step.run) expect(step.run).not.toContain('${{');
      }
    }
  });

  it('keep the build caches between runs, restored after npm ci; deploys apart from pull requests', () => {
    const caches = new Map<string, Record<string, unknown>>();
    for (const file of FILES) {
      const all = steps(load(file));
      const cache = all.findIndex((step) => step.uses?.split('@')[0] === 'actions/cache');
      const install = all.findIndex((step) => step.run === 'npm ci');
      const build = all.findIndex((step) => step.run === 'npm run build');
      // npm ci empties node_modules, so a cache restored before it would be lost.
      expect(install, file).toBeLessThan(cache);
      expect(cache, file).toBeLessThan(build);
      const settings = all[cache]?.with ?? {};
      expect(String(settings.path).split('\n'), file).toEqual(
        expect.arrayContaining(['node_modules/.cache/laurel', 'node_modules/.astro']),
      );
      // A new key every commit, restoring the newest entry with the same prefix.
      expect(settings.key, file).toBe(`${settings['restore-keys']}${expression('github.sha')}`);
      caches.set(file, settings);
    }
    // Deploys sign with the real keys and keep their own cache; pull requests restore what
    // main's development-key build saved, keys included.
    expect(caches.get('deploy.yml')?.['restore-keys']).toBe('laurel-deploy-');
    expect(caches.get('pull-request.yml')).toEqual(caches.get('pull-request-cache.yml'));
    expect(String(caches.get('pull-request.yml')?.path)).toContain(
      'keys/*/development.private.json',
    );
    expect(String(caches.get('deploy.yml')?.path)).not.toContain('keys/');
  });

  describe('pull-request-cache.yml', () => {
    const workflow = load('pull-request-cache.yml');

    it('builds main with development keys: no secrets, no deploy mode', () => {
      expect(workflow.on.push).toEqual({ branches: ['main'] });
      expect(workflow.permissions).toEqual({ contents: 'read' });
      const text = readFileSync(path.join(WORKFLOWS, 'pull-request-cache.yml'), 'utf8');
      expect(text).not.toMatch(/secrets\.|LAUREL_DEPLOY/);
    });
  });

  describe('pull-request.yml', () => {
    const workflow = load('pull-request.yml');

    it('runs on pull requests, with a read-only token and no secrets', () => {
      expect(Object.keys(workflow.on)).toEqual(['pull_request']);
      expect(workflow.permissions).toEqual({ contents: 'read' });
      expect(readFileSync(path.join(WORKFLOWS, 'pull-request.yml'), 'utf8')).not.toMatch(
        /secrets\./,
      );
    });

    it('installs with Node 24 and npm ci, then checks, builds and tests', () => {
      expect(action(workflow, 'actions/checkout')?.with).toMatchObject({ 'fetch-depth': 0 });
      expect(action(workflow, 'actions/setup-node')?.with).toMatchObject({ 'node-version': 24 });
      const commands = runs(workflow);
      const at = (text: string) => commands.findIndex((run) => run.includes(text));
      for (const command of ['npm ci', 'npm run laurel -- check', 'npm run build', 'npm test']) {
        expect(at(command), command).toBeGreaterThanOrEqual(0);
      }
      expect(at('npm ci')).toBeLessThan(at('npm run laurel -- check'));
      expect(at('npm run laurel -- check')).toBeLessThan(at('npm run build'));
      expect(at('npm run build')).toBeLessThan(at('npm test'));
    });

    it('writes the laurel diff of the base branch to the job summary, not a comment', () => {
      const summary = steps(workflow).find((step) => step.run?.includes('diff --base'));
      expect(summary?.run).toBe(
        'npm run --silent laurel -- diff --base "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"',
      );
      expect(summary?.env).toEqual({ BASE_REF: expression('github.base_ref') });
      expect(runs(workflow).join('\n')).not.toMatch(/gh (pr|issue) comment/);
    });
  });

  describe('deploy.yml', () => {
    const workflow = load('deploy.yml');

    it('runs on pushes to main', () => {
      expect(workflow.on.push).toEqual({ branches: ['main'] });
    });

    it('builds in deploy mode with the signing keys from the repository secrets', () => {
      const build = steps(workflow).find((step) => step.run === 'npm run build');
      expect(build?.env).toEqual({
        LAUREL_DEPLOY: '1',
        LAUREL_PRIVATE_KEYS: expression('secrets.LAUREL_PRIVATE_KEYS'),
      });
      expect(runs(workflow)).toEqual(expect.arrayContaining(['npm ci', 'npm run laurel -- check']));
    });

    it('deploys dist, dot-folders included, to GitHub Pages', () => {
      expect(action(workflow, 'actions/configure-pages')).toBeDefined();
      expect(action(workflow, 'actions/upload-pages-artifact')?.with).toEqual({
        path: 'dist',
        'include-hidden-files': true,
      });
      const deploy = Object.values(workflow.jobs).find((job) =>
        job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')),
      );
      expect(deploy?.needs).toBe('build');
      expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
      expect(deploy?.environment?.name).toBe('github-pages');
      expect(existsSync(path.join(PROJECT_ROOT, 'public/.nojekyll'))).toBe(true);
    });
  });
});
