/**
 * The build benchmark: `npm run bench` (N = 1,000 and 10,000) or `npm run bench -- --n 1000`.
 * For each N it writes a synthetic site under bench/.tmp/ (see synthetic-site.ts), then times,
 * each in a fresh child process: full builds of the site with no cache; plain Astro builds of a
 * project with as many similar pages as the site has (award, earner, achievement and other
 * pages; see plain-site.ts); and rebuilds after adding one award with whatever cache the full
 * build left. Every timed build starts without an output folder, as a CI checkout does (Astro
 * would otherwise first delete the previous output, tens of thousands of files); earlier outputs
 * and caches are set aside and deleted when the benchmark ends (see setAside), so the disk needs
 * room for all of them: up to 25 GB at N = 10,000 with three runs. Figures are medians of
 * `--runs` runs (default 3); the machine is shared, so expect noise. `--profile` adds one full
 * build under `node --cpu-prof` and prints where its time went. Results also go to
 * bench/.tmp/results-N.json.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writePlainSite } from './plain-site.ts';
import { printProfiles } from './profile-summary.ts';
import { addAward, writeSyntheticSite } from './synthetic-site.ts';

const HERE = import.meta.dirname;
const TMP = path.join(HERE, '.tmp');
const CHILD = path.join(HERE, 'build-child.ts');
const SITE = 'https://badges.example.org/';
const TIME = '/usr/bin/time';
const GiB = 1024 * 1024 * 1024;

const { values } = parseArgs({
  options: {
    n: { type: 'string', multiple: true },
    runs: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
  },
});
const sizes = (values.n ?? ['1000', '10000']).map(Number);
const runs = Math.max(1, Number(values.runs));

interface ChildRun {
  seconds: number;
  /** User + system CPU time of the child, from /usr/bin/time; NaN without it. */
  cpuSeconds: number;
  maxRssBytes: number;
  phases: Record<string, number | undefined>;
}

/** Runs bench/build-child.ts under /usr/bin/time -v when there is one; throws if it fails. */
async function runChild(args: string[], nodeFlags: string[] = []): Promise<ChildRun> {
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const argv = [...(useTime ? ['-v', process.execPath] : []), ...nodeFlags, CHILD, ...args];
  const started = performance.now();
  const child = spawn(command, argv, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH '));
  if (code !== 0 || !line) {
    throw new Error(`build failed (exit ${code}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  }
  const report = JSON.parse(line.slice(6)) as { phases: ChildRun['phases']; maxRssKiB: number };
  const timed = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const kib = timed === undefined ? report.maxRssKiB : Math.max(Number(timed), report.maxRssKiB);
  const cpu = ['User', 'System'].map((kind) =>
    Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]),
  );
  const cpuSeconds = (cpu[0] ?? Number.NaN) + (cpu[1] ?? Number.NaN);
  return { seconds, cpuSeconds, maxRssBytes: kib * 1024, phases: report.phases };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function medianPhases(list: ChildRun[]): Record<string, number> {
  const names = Object.keys(list[0]?.phases ?? {});
  return Object.fromEntries(
    names.map((name) => [name, median(list.map((run) => run.phases[name] ?? 0))]),
  );
}

function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { bytes, files };
}

function describeRun(run: ChildRun | undefined): string {
  return run ? `${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU` : '';
}

const TRASH = path.join(TMP, 'trash');
let trashed = 0;

/**
 * Sets `target` aside in bench/.tmp/trash/, deleted when the benchmark ends, instead of deleting
 * it just before a timed build. On ext4 without a journal (as on some virtual machines), creating
 * files within minutes of deleting tens of thousands costs several times more CPU (the inode
 * allocator steps around recently freed inodes), which a build in a fresh CI checkout never pays.
 */
function setAside(target: string): void {
  if (!existsSync(target)) return;
  mkdirSync(TRASH, { recursive: true });
  renameSync(target, path.join(TRASH, `${process.pid}-${trashed++}`));
}

/** Caches a full build must not see: Vite's and Astro's, and Laurel's under node_modules/.cache. */
function clearCaches(root: string): void {
  setAside(path.join(root, 'node_modules'));
  setAside(path.join(root, '.astro'));
}

async function benchmark(count: number) {
  const root = path.join(TMP, `site-${count}`);
  const out = path.join(TMP, `site-${count}-dist`);
  const plainRoot = path.join(TMP, `plain-${count}`);
  const plainOut = path.join(TMP, `plain-${count}-dist`);
  console.log(`\nN = ${count}: writing the synthetic site...`);
  for (const folder of [root, out, plainRoot, plainOut]) setAside(folder);
  await writeSyntheticSite(root, count);

  const full: ChildRun[] = [];
  for (let run = 1; run <= runs; run++) {
    clearCaches(root);
    setAside(out);
    full.push(await runChild(['laurel', root, out, SITE]));
    console.log(`  full build ${run}/${runs}: ${describeRun(full.at(-1))}`);
  }
  const output = folderSize(out);
  // The baseline renders as many pages as the site has: awards, earners, achievements, the rest.
  const pages = pageCount(out);
  writePlainSite(plainRoot, pages);
  const plain: ChildRun[] = [];
  for (let run = 1; run <= runs; run++) {
    clearCaches(plainRoot);
    setAside(plainOut);
    plain.push(await runChild(['plain', plainRoot, plainOut]));
    console.log(`  plain Astro ${run}/${runs}: ${describeRun(plain.at(-1))}`);
  }
  const rebuild: ChildRun[] = [];
  for (let run = 1; run <= runs; run++) {
    await addAward(root, count + run - 1);
    setAside(out);
    rebuild.push(await runChild(['laurel', root, out, SITE]));
    console.log(`  rebuild +1 award ${run}/${runs}: ${describeRun(rebuild.at(-1))}`);
  }
  if (values.profile) {
    const profiles = path.join(TMP, `profiles-${count}`);
    rmSync(profiles, { recursive: true, force: true });
    clearCaches(root);
    setAside(out);
    await runChild(['laurel', root, out, SITE], ['--cpu-prof', '--cpu-prof-dir', profiles]);
    printProfiles(profiles);
  }
  return report(count, { full, plain, rebuild, output, pages });
}

/** The HTML pages a build wrote. */
function pageCount(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name === 'index.html',
  ).length;
}

interface Measured {
  full: ChildRun[];
  plain: ChildRun[];
  rebuild: ChildRun[];
  output: { bytes: number; files: number };
  /** HTML pages in the site's output, and so in the plain baseline. */
  pages: number;
}

function report(count: number, { full, plain, rebuild, output, pages }: Measured) {
  const fullSeconds = median(full.map((run) => run.seconds));
  const plainSeconds = median(plain.map((run) => run.seconds));
  const rebuildSeconds = median(rebuild.map((run) => run.seconds));
  const peak = Math.max(
    ...full.map((run) => run.maxRssBytes),
    ...rebuild.map((r) => r.maxRssBytes),
  );
  const cpu = (list: ChildRun[]) => median(list.map((run) => run.cpuSeconds));
  const ratio = fullSeconds / plainSeconds;
  const rebuildRatio = rebuildSeconds / fullSeconds;
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const perAward = ((fullSeconds * 1000) / count).toFixed(2);
  const lines = [
    `N = ${count} awards (medians of ${runs} run(s); ${process.version}; shared machine, noisy)`,
    `  full build          ${fullSeconds.toFixed(1)} s, ${perAward} ms per award`,
    `  plain Astro         ${plainSeconds.toFixed(1)} s for the same ${pages} pages, no badge work`,
    `  full / plain        ${ratio.toFixed(2)}x   ` +
      `goal <= 1.5x at N = 10,000: ${mark(ratio <= 1.5)}`,
    `  rebuild +1 award    ${rebuildSeconds.toFixed(1)} s = ${rebuildRatio.toFixed(2)}x full   ` +
      `goal <= 0.2x: ${mark(rebuildRatio <= 0.2)}`,
    `  CPU time (user+sys) full ${cpu(full).toFixed(1)} s, plain ${cpu(plain).toFixed(1)} s ` +
      `(${(cpu(full) / cpu(plain)).toFixed(2)}x), rebuild ${cpu(rebuild).toFixed(1)} s`,
    `  peak memory         ${(peak / GiB).toFixed(2)} GiB   goal < 2 GiB: ${mark(peak < 2 * GiB)}`,
    `  output              ${(output.bytes / 1024 / 1024).toFixed(1)} MB in ${output.files} files`,
    `  full build phases (ms, median): ${JSON.stringify(medianPhases(full))}`,
    `  plain build phases (ms, median): ${JSON.stringify(medianPhases(plain))}`,
    `  rebuild phases (ms, median): ${JSON.stringify(medianPhases(rebuild))}`,
  ];
  console.log(`\n${lines.join('\n')}`);
  const result = {
    count,
    runs,
    node: process.version,
    fullSeconds,
    plainSeconds,
    rebuildSeconds,
    peak,
    output,
    pages,
    full,
    plain,
    rebuild,
  };
  writeFileSync(path.join(TMP, `results-${count}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

mkdirSync(TMP, { recursive: true });
try {
  for (const count of sizes) await benchmark(count);
} finally {
  rmSync(TRASH, { recursive: true, force: true });
}
