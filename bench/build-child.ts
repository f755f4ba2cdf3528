/**
 * One timed Astro build, run by bench/build.ts in a child process so that its peak memory is its
 * own: `node bench/build-child.ts laurel <root> <outDir> <site>` builds a Laurel site the way
 * tests/support/build-site.ts does; `node bench/build-child.ts plain <root> <outDir>` builds a
 * plain Astro project. A first integration stamps the hook times (it runs before Laurel's hooks,
 * so `buildDone` is when Laurel starts publishing), and the last stdout line is a JSON report.
 */
import { performance } from 'node:perf_hooks';
import type { AstroIntegration } from 'astro';
import { build } from 'astro';
import laurel from '../src/integration/index.ts';

const [mode, root, outDir, site] = process.argv.slice(2);
if ((mode !== 'laurel' && mode !== 'plain') || !root || !outDir || (mode === 'laurel' && !site)) {
  process.stderr.write('usage: node bench/build-child.ts laurel|plain <root> <outDir> [site]\n');
  process.exit(2);
}

const marks: Record<string, number> = { start: performance.now() };
const stamp = (name: string) => () => {
  marks[name] = performance.now();
};
const timing: AstroIntegration = {
  name: 'bench-timing',
  hooks: {
    'astro:config:setup': stamp('configSetup'),
    'astro:config:done': stamp('configDone'),
    'astro:build:start': stamp('buildStart'),
    'astro:build:generated': stamp('generated'),
    'astro:build:done': stamp('buildDone'),
  },
};

await build({
  root,
  outDir,
  ...(site ? { site } : {}),
  trailingSlash: 'always',
  logLevel: 'warn',
  integrations: mode === 'laurel' ? [timing, laurel()] : [timing],
});
marks.end = performance.now();

const between = (from: string, to: string) =>
  marks[from] !== undefined && marks[to] !== undefined
    ? Math.round((marks[to] as number) - (marks[from] as number))
    : undefined;
const report = {
  phases: {
    // Node start-up is not in here; the parent measures the whole process.
    importAndConfig: between('start', 'configSetup'),
    integrationSetup: between('configSetup', 'configDone'),
    configToBuildStart: between('configDone', 'buildStart'),
    bundleAndRender: between('buildStart', 'generated'),
    generatedToDone: between('generated', 'buildDone'),
    publish: between('buildDone', 'end'),
  },
  maxRssKiB: process.resourceUsage().maxRSS,
};
process.stdout.write(`\nBENCH ${JSON.stringify(report)}\n`);
