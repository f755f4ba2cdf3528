/**
 * Where a build's time goes, step by step, outside Astro: `node bench/publish-steps.ts <site root>
 * [--sample 300]` on a site bench/build.ts generated (e.g. bench/.tmp/site-1000). It times the
 * core steps the build runs, each on one thread (content for every award, the per-award steps on
 * a sample), then signing and drawing preview cards through the worker pool, with an empty and
 * with a warm cache. Wall and CPU milliseconds per item; the machine is shared, so compare within
 * one run.
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
import { keyDocuments } from '../src/core/publish/key-documents.ts';
import { OutputDir } from '../src/core/publish/output-dir.ts';
import { prepareArtwork } from '../src/core/publish/prepare-artwork-node.ts';
import { createPublishPool, type Job } from '../src/core/publish/publish-pool-node.ts';
import { artUris, latestContentDate } from '../src/core/publish/publish-work-node.ts';
import { scanForEarnerEmails } from '../src/core/publish/scan-output-node.ts';
import { type SignedAward, signAward } from '../src/core/publish/sign-site.ts';
import { allocateSiteStatus } from '../src/core/publish/status-allocation-node.ts';
import { createPreviewRenderer } from '../src/core/share/render-preview-node.ts';
import { planSharing } from '../src/core/share/share-plan.ts';
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
interface SignJob {
  id: string;
  credential: typeof site.credentials extends Map<string, infer C> ? C : never;
  achievementSlug: string;
  issuerSlug: string;
  file: string;
}
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
await step('scan the written files for e-mail addresses', count, () =>
  scanForEarnerEmails(outDir, new Set()),
);
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

const plan = planSharing(site);
const cards = plan.pages.filter((page) => page.kind === 'award').slice(0, count);
const uris = new Map(artUris(root, site, artwork));
const renderer = createPreviewRenderer();
await step('preview card: lay out + draw (one thread)', cards.length, () => {
  for (const page of cards) {
    const images = page.card.art.map((art) =>
      'achievement' in art ? (uris.get(`achievement:${art.achievement}`) ?? '') : '',
    );
    renderer.draw(page.card, images, page.preview);
  }
});

const workers = availableParallelism();
const cacheDir = mkdtempSync(path.join(tmpdir(), 'laurel-steps-cache-'));
const pool = await step(`pool: start ${workers} worker(s), first result`, 1, async () => {
  const started = createPublishPool({
    site: SITE,
    keys: [...keys.values()].map(({ issuerSlug, ed25519, rsa }) => ({ issuerSlug, ed25519, rsa })),
    documents: [...keyDocuments(SITE, site, keys)].map(([file, json]) => [`${SITE}${file}`, json]),
    artUris: [...uris],
    asOf: latestContentDate(site),
    signCacheDir: path.join(cacheDir, 'signed'),
    previewCacheDir: path.join(cacheDir, 'previews'),
  });
  const first: Job = { kind: 'card', preview: 'warm-up.png', card: plan.pages[0]?.card as never };
  for await (const _ of started.run([first])) break;
  return started;
});
const signJobs: Job[] = jobs.map(({ id, credential, issuerSlug, achievementSlug, file }) => ({
  kind: 'sign',
  id,
  credential,
  issuerSlug,
  achievementSlug,
  achievementFile: achievementSlug,
  file,
}));
const cardJobs: Job[] = cards.map(({ preview, card }) => ({ kind: 'card', preview, card }));
for (const label of ['empty cache', 'warm cache']) {
  await step(`pool: sign + verify, ${workers} worker(s), ${label}`, count, async () => {
    for await (const _ of pool.run(signJobs, { batchSize: 16 })) {
      // Consume only: the point is the time.
    }
  });
  await step(`pool: preview cards, ${workers} worker(s), ${label}`, cards.length, async () => {
    for await (const _ of pool.run(cardJobs, { batchSize: 4 })) {
      // Consume only.
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
