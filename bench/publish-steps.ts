/**
 * Where a build's time goes, step by step, outside Astro: `node bench/publish-steps.ts <site root>
 * [--sample 300]` on a site bench/build.ts generated (e.g. bench/.tmp/site-1000). It times the
 * core steps the build runs, each on one thread (content for every award, the per-award steps on
 * a sample), then signing and baking through the worker pool, cold and with a warm cache. Wall
 * and CPU milliseconds per award; the machine is shared, so compare within one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bakePng } from '../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../src/core/bake/bake-svg.ts';
import { createSvgBakeTemplate } from '../src/core/bake/bake-svg-template.ts';
import { loadContent } from '../src/core/content/load-content.ts';
import { assembleSite } from '../src/core/credential/assemble-site.ts';
import { buildDidDocument } from '../src/core/keys/did-document.ts';
import { loadSiteKeys } from '../src/core/publish/issuer-keys-node.ts';
import { OutputDir } from '../src/core/publish/output-dir.ts';
import { prepareArtwork } from '../src/core/publish/prepare-artwork-node.ts';
import { createSignPool, type SignJob } from '../src/core/publish/sign-pool-node.ts';
import { type SignedAward, signAward } from '../src/core/publish/sign-site.ts';
import { allocateSiteStatus } from '../src/core/publish/status-allocation-node.ts';
import { createDocumentLoader } from '../src/core/sign/document-loader.ts';
import { verifyDataIntegrity } from '../src/core/sign/sign-data-integrity.ts';
import { verifyVcJwt } from '../src/core/sign/sign-jwt.ts';
import { statusEntry } from '../src/core/status/status-list-credential.ts';
import { siteUrls } from '../src/core/urls.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sample: { type: 'string', default: '300' } },
});
const root = positionals[0];
if (!root) {
  process.stderr.write('usage: node bench/publish-steps.ts <site root> [--sample 300]\n');
  process.exit(2);
}
const SITE = 'https://badges.example.org/';
const quiet = { info: () => undefined, warn: () => undefined };
const rows: [string, number, number, number][] = [];

/**
 * Runs `work` and records its wall and CPU ms (all threads) per item; `items` may be counted
 * from the result.
 */
async function step<T>(
  name: string,
  items: number | ((result: T) => number),
  work: () => T | Promise<T>,
): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const count = typeof items === 'number' ? items : items(result);
  rows.push([name, count, wall / count, (used.user + used.system) / 1000 / count]);
  return result;
}

const content = await step(
  'load + validate content (all)',
  (loaded) => loaded.awards.length,
  () => loadContent(root, 'content'),
);
const awards = content.awards.length;
const indices = await allocateSiteStatus(root, content, 'development', quiet);
const keys = await loadSiteKeys(root, content, process.env, 'development', quiet);
const urls = siteUrls(SITE);
const issuerOf = new Map(content.achievements.map((a) => [a.slug, a.issuerSlug]));
const achievementOf = new Map(content.awards.map((a) => [a.id, a.achievementSlug]));
const site = await step('assemble credentials (all)', awards, () =>
  assembleSite(content, urls, (id) => {
    const index = indices.get(id);
    const issuer = issuerOf.get(achievementOf.get(id) ?? '');
    return index === undefined || !issuer ? undefined : statusEntry(urls.statusList(issuer), index);
  }),
);
const artwork = new Map(content.achievements.map((a) => [a.slug, prepareArtwork(root, a)]));

const count = Math.min(Number(values.sample), awards);
const jobs: SignJob[] = [...site.credentials].slice(0, count).map(([id, credential]) => {
  const award = content.awards.find((a) => a.id === id);
  const achievementSlug = award?.achievementSlug ?? '';
  return {
    id,
    credential,
    achievementSlug,
    issuerSlug: issuerOf.get(achievementSlug) ?? '',
    file: award?.file ?? id,
  };
});
const keysOf = (job: SignJob) =>
  keys.get(job.issuerSlug) as NonNullable<ReturnType<typeof keys.get>>;
const imagesOf = (job: SignJob) =>
  artwork.get(job.achievementSlug) as NonNullable<ReturnType<typeof artwork.get>>;

const signed: SignedAward[] = await step('sign: Data Integrity + VC-JWT', count, async () => {
  const out: SignedAward[] = [];
  for (const job of jobs) out.push(await signAward(job.credential, keysOf(job), SITE));
  return out;
});
const jsons = await step('JSON.stringify', count, () =>
  signed.map((s) => `${JSON.stringify(s.credential, null, 2)}\n`),
);
await step('bake PNG', count, () =>
  jobs.map((job, n) => bakePng(imagesOf(job).png, jsons[n] as string)),
);
await step('bake SVG (bakeSvg, parse each time)', count, () =>
  jobs.map((job, n) => bakeSvg(imagesOf(job).svg, { json: jsons[n] as string })),
);
const templates = new Map([...artwork].map(([slug, a]) => [slug, createSvgBakeTemplate(a.svg)]));
await step('bake SVG (template)', count, () =>
  jobs.map((job, n) => templates.get(job.achievementSlug)?.bake(jsons[n] as string)),
);
const outDir = mkdtempSync(path.join(tmpdir(), 'laurel-steps-'));
await step('write JSON, JWT, PNG, SVG', count, () => {
  const out = new OutputDir(outDir);
  jobs.forEach((job, n) => {
    const json = jsons[n] as string;
    out.write(`credentials/${job.id}.json`, json);
    out.write(`credentials/${job.id}.jwt`, (signed[n] as SignedAward).jwt);
    out.write(`credentials/${job.id}.png`, bakePng(imagesOf(job).png, json));
    out.write(`credentials/${job.id}.svg`, templates.get(job.achievementSlug)?.bake(json) ?? '');
  });
});
rmSync(outDir, { recursive: true, force: true });

const documents = new Map(
  [...site.issuers.values()].map(({ record, profile }) => [
    profile.id,
    buildDidDocument(profile.id, keys.get(record.slug)?.publicKeys ?? []),
  ]),
);
const documentLoader = createDocumentLoader((url) => documents.get(url));
await step('self-check: verify Data Integrity', count, async () => {
  for (const { credential } of signed) await verifyDataIntegrity(credential, { documentLoader });
});
await step('self-check: verify VC-JWT', count, async () => {
  for (const [n, { jwt }] of signed.entries()) {
    const publicKey = keysOf(jobs[n] as SignJob).rsa.publicKey.publicKeyJwk;
    await verifyVcJwt(jwt, { resolveKey: async () => publicKey });
  }
});

const workers = availableParallelism();
const cacheDir = mkdtempSync(path.join(tmpdir(), 'laurel-steps-cache-'));
const pool = await step(`pool: start ${workers} worker(s), first result`, 1, async () => {
  const started = createSignPool({ keysByIssuer: keys, site: SITE, artwork, cacheDir });
  for await (const _ of started.sign(jobs.slice(0, 1))) break;
  return started;
});
for (const label of ['cold cache', 'warm cache']) {
  await step(`pool: sign + bake, ${workers} worker(s), ${label}`, count, async () => {
    for await (const _ of pool.signAndBake(jobs)) {
      // Consume only: the point is the time.
    }
  });
}
await pool.close();
rmSync(cacheDir, { recursive: true, force: true });

console.log(`\n${awards} awards, per-award steps on ${count}; ${process.version}; ms per award`);
console.log(
  `${'step'.padEnd(48)} ${'items'.padStart(6)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}`,
);
for (const [name, items, wall, cpu] of rows) {
  const [ms, cpuMs] = [wall, cpu].map((value) => value.toFixed(3).padStart(8));
  console.log(`${name.padEnd(48)} ${String(items).padStart(6)} ${ms} ${cpuMs}`);
}
