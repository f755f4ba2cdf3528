/**
 * Summarises the V8 CPU profiles `node --cpu-prof` writes (one per thread) as self time per
 * package, and per Laurel source file, so "where the build's time goes" reads as a short table.
 * `node bench/profile-summary.ts <dir>` prints it for every .cpuprofile in the folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time in ms by bucket (package, Laurel file or V8 pseudo-frame), largest first. */
export function selfTimeByBucket(profile: CpuProfile): [string, number][] {
  const bucketOf = new Map(profile.nodes.map((node) => [node.id, bucket(node.callFrame)]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const name = bucketOf.get(id) ?? '?';
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function bucket({ url, functionName }: ProfileNode['callFrame']): string {
  if (url === '') return functionName || '(anonymous native)';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = url.slice(modules + 14).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return `laurel ${url.slice(src + 1).replace(/^file:\/\//, '')}`;
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/** Prints the top buckets of every profile in `dir`, one table per thread. */
export function printProfiles(dir: string, top = 14): void {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  for (const file of files.sort()) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const wall = (profile.endTime - profile.startTime) / 1000;
    const rows = selfTimeByBucket(profile);
    console.log(`\n${file}: ${(wall / 1000).toFixed(1)} s of wall time, self time by package`);
    for (const [name, ms] of rows.slice(0, top)) {
      const share = ((ms / wall) * 100).toFixed(1).padStart(5);
      console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s ${share}%  ${name}`);
    }
  }
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node bench/profile-summary.ts <folder of .cpuprofile files>\n');
    process.exit(2);
  }
  printProfiles(dir);
}
