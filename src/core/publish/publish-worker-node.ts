/**
 * A worker thread of the publishing pool (publish-pool-node.ts). It does the expensive things a
 * build does once per award, so the main thread stays free for Astro's pages:
 *
 * - `sign`: signs a credential with both proofs through the signed-result cache. A fresh
 *   signature is verified, as JSON and as VC-JWT, against the issuer documents the build will
 *   publish (passed in memory) before it is cached or returned.
 * - `card`: lays out a preview card and draws it to PNG through the preview cache. The PNG goes
 *   to the cache, so only its file name travels back (or its bytes, if it could not be stored).
 * - `scan`: reads some files of the finished output for private keys (the issuers' own, whose
 *   secrets it holds, in any form, and any other the patterns recognise) and earners' addresses.
 *
 * Given a staging folder, a worker also bakes each award's PNG and SVG, writes its JSON, JWT, PNG
 * and SVG and each card there, and reads the award's files back, so that the build only has to
 * move them into the output folder: this I/O then runs beside Astro too.
 *
 * Keys, artwork and documents arrive once, in `workerData`, in memory only; then each message is
 * a batch of jobs and each reply the batch's results, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bakePng } from '../bake/bake-png-node.ts';
import { bakeSvg } from '../bake/bake-svg.ts';
import { createSvgBakeTemplate, type SvgBakeTemplate } from '../bake/bake-svg-template.ts';
import { credentialText } from '../credential/serialize.ts';
import { LaurelError } from '../errors.ts';
import { type IssuerSecrets, issuerSecrets } from '../keys/issuer-secrets-node.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { openPreviewCache, previewCacheKey, previewSecret } from '../share/preview-cache-node.ts';
import { createPreviewRenderer } from '../share/render-preview-node.ts';
import { paths } from '../urls.ts';
import type { FetchJson } from '../verify/types.ts';
import { verifyBadge } from '../verify/verify-badge.ts';
import { OutputDir } from './output-dir.ts';
import {
  artKey,
  type BatchReply,
  type BatchRequest,
  type CardJob,
  type CardResult,
  type JobResult,
  type ScanJob,
  type ScanResult,
  type SignJob,
  type SignResult,
  type WorkerSetup,
} from './publish-pool-node.ts';
import { publishedFormProblems } from './published-forms-node.ts';
import { scanFiles } from './scan-output-node.ts';
import { cacheSecret, openSignCache, signAwardCached } from './sign-cache-node.ts';
import type { SignedAward } from './sign-site.ts';
import { REQUIRED_STEPS } from './verify-steps.ts';
import { serialiseError } from './worker-errors.ts';

const setup = workerData as WorkerSetup;
const keysByIssuer = new Map(
  setup.keys.map((keys): [string, Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>] => [
    keys.issuerSlug,
    keys,
  ]),
);
const secrets = new Map(setup.keys.map((keys) => [keys.issuerSlug, cacheSecret(keys)]));
const signCache = setup.signCacheDir === undefined ? undefined : openSignCache(setup.signCacheDir);
const previewCache =
  setup.previewCacheDir === undefined
    ? undefined
    : openPreviewCache(setup.previewCacheDir, previewSecret(secrets));
const documents = new Map(setup.documents);
const artwork = new Map(setup.artwork ?? []);
const bakers = new Map<string, (json: string, file: string) => string>();
const staging = setup.staging === undefined ? undefined : new OutputDir(setup.staging);
const artUris = new Map(setup.artUris);
const now = new Date(setup.asOf);
let renderer: ReturnType<typeof createPreviewRenderer> | undefined;
/** What the scans search every file for: built at the first scan, as signing never needs it. */
let keySecrets: IssuerSecrets | undefined;

/** Serves the issuer documents this build will publish; nothing else is fetched. */
const fetchJson: FetchJson = async (url) => {
  if (!documents.has(url)) throw new Error(`${url} is not an issuer document of this build`);
  return structuredClone(documents.get(url));
};

async function sign(job: SignJob): Promise<SignResult> {
  const keys = keysByIssuer.get(job.issuerSlug);
  const secret = secrets.get(job.issuerSlug);
  if (keys === undefined || secret === undefined) {
    throw new Error(`publishing pool: no keys for issuer "${job.issuerSlug}"`);
  }
  const signed = await signAwardCached(signCache, job.credential, keys, setup.site, {
    secret,
    verify: (award) => verifySigned(award, job.file),
  });
  if (staging === undefined) return { kind: 'sign', id: job.id, ...signed };
  // Baked and written here, then read back: the build only moves the files into place.
  const images = artwork.get(job.achievementSlug);
  if (images === undefined) {
    throw new Error(`publishing pool: no artwork for achievement "${job.achievementSlug}"`);
  }
  const json = credentialText(signed.credential);
  staging.write(paths.credentialJson(job.id), json);
  staging.write(paths.credentialJwt(job.id), signed.jwt);
  staging.write(paths.credentialPng(job.id), bakePng(images.png, json, { file: job.file }));
  staging.write(paths.credentialSvg(job.id), svgBaker(job, images.svg)(json, job.file));
  const problems = publishedFormProblems(staging.root, job.id, json, signed.jwt);
  return { kind: 'sign', id: job.id, ...signed, problems };
}

/**
 * One baking template per achievement. Artwork that cannot be made a template is baked with
 * bakeSvg for each award instead, which then reports the problem naming the award's file.
 */
function svgBaker(job: SignJob, svg: string): (json: string, file: string) => string {
  let baker = bakers.get(job.achievementSlug);
  if (baker === undefined) {
    let template: SvgBakeTemplate | undefined;
    try {
      template = createSvgBakeTemplate(svg, { file: job.achievementFile });
    } catch {
      template = undefined;
    }
    baker = template
      ? (json, file) => (template as SvgBakeTemplate).bake(json, { file })
      : (json, file) => bakeSvg(svg, { json }, { file });
    bakers.set(job.achievementSlug, baker);
  }
  return baker;
}

/** Throws ERR_SELF_CHECK naming the award's file if a fresh signature does not verify. */
async function verifySigned({ credential, jwt }: SignedAward, file: string): Promise<void> {
  for (const [form, input] of [
    ['JSON', credential],
    ['VC-JWT', jwt],
  ] as const) {
    const result = await verifyBadge(input, { now, fetchJson });
    const failed = result.steps.filter(
      (step) => REQUIRED_STEPS.includes(step.id) && step.status !== 'passed',
    );
    if (failed.length > 0) {
      const problems = failed.map((step) => `${step.id}: ${step.message}`).join('; ');
      throw new LaurelError(
        'ERR_SELF_CHECK',
        `its credential, just signed, does not verify as ${form}: ${problems}`,
        {
          file,
          hint: 'This is a bug or a key mismatch; nothing was published. Check keys/ and report it.',
        },
      );
    }
  }
}

function card(job: CardJob): CardResult {
  const images = job.card.art.map((art) => artUris.get(artKey(art)) ?? '').filter(Boolean);
  const key = previewCacheKey(job.card, images);
  const result = cardResult(job, key, images);
  if (staging === undefined) return result;
  if (result.file !== undefined) staging.link(job.preview, result.file);
  else if (result.png !== undefined) staging.write(job.preview, result.png);
  // The cache file's name is all the build needs, to keep the entry when it prunes.
  return result.file === undefined
    ? { kind: 'card', preview: job.preview }
    : { kind: 'card', preview: job.preview, file: result.file };
}

function cardResult(job: CardJob, key: string, images: readonly string[]): CardResult {
  const found = previewCache?.find(key);
  if (found !== undefined) return { kind: 'card', preview: job.preview, file: found };
  renderer ??= createPreviewRenderer();
  const png = renderer.draw(job.card, images, job.preview);
  const stored = previewCache?.set(key, png);
  if (stored !== undefined) return { kind: 'card', preview: job.preview, file: stored };
  // resvg's buffer belongs to the addon and cannot be transferred to another thread: copy it.
  return { kind: 'card', preview: job.preview, png: new Uint8Array(png) };
}

function scan(job: ScanJob): ScanResult {
  keySecrets ??= issuerSecrets(setup.keys);
  return { kind: 'scan', ...scanFiles(job.root, job.files, new Set(job.allowed), keySecrets) };
}

parentPort?.on('message', async ({ batch, jobs }: BatchRequest) => {
  let reply: BatchReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const results: JobResult[] = [];
    for (const job of jobs) {
      const result =
        job.kind === 'sign' ? await sign(job) : job.kind === 'card' ? card(job) : scan(job);
      if (result.kind === 'card' && result.png) transfer.push(result.png.buffer as ArrayBuffer);
      results.push(result);
      // resvg frees a drawing's pixels from a finaliser, which runs only when the loop turns.
      if (result.kind === 'card') await new Promise((resolve) => setImmediate(resolve));
    }
    reply = { batch, results };
  } catch (error) {
    reply = { batch, error: serialiseError(error) };
    transfer.length = 0;
  }
  try {
    parentPort?.postMessage(reply, transfer);
  } catch (error) {
    parentPort?.postMessage({ batch, error: serialiseError(error) });
  }
});
