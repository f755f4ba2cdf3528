/**
 * A worker thread of the publishing pool (publish-pool-node.ts). It does the two expensive things
 * a build does once per award, so the main thread stays free for Astro's pages:
 *
 * - `sign`: signs a credential with both proofs through the signed-result cache. A fresh
 *   signature is verified, as JSON and as VC-JWT, against the issuer documents the build will
 *   publish (passed in memory) before it is cached or returned.
 * - `card`: lays out a preview card and draws it to PNG through the preview cache. The PNG goes
 *   to the cache, so only its file name travels back (or its bytes, if it could not be stored).
 *
 * Keys, artwork and documents arrive once, in `workerData`, in memory only; then each message is
 * a batch of jobs and each reply the batch's results, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LaurelError } from '../errors.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { openPreviewCache, previewCacheKey } from '../share/preview-cache-node.ts';
import { buildPreviewSvg } from '../share/preview-svg.ts';
import { createPreviewRenderer } from '../share/render-preview-node.ts';
import type { FetchJson } from '../verify/types.ts';
import { verifyBadge } from '../verify/verify-badge.ts';
import {
  artKey,
  type BatchReply,
  type BatchRequest,
  type CardJob,
  type CardResult,
  type JobResult,
  type SerialisedError,
  type SignJob,
  type SignResult,
  type WorkerSetup,
} from './publish-pool-node.ts';
import { cacheSecret, openSignCache, signAwardCached } from './sign-cache-node.ts';
import type { SignedAward } from './sign-site.ts';
import { REQUIRED_STEPS } from './verify-steps.ts';

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
  setup.previewCacheDir === undefined ? undefined : openPreviewCache(setup.previewCacheDir);
const documents = new Map(setup.documents);
const artUris = new Map(setup.artUris);
const now = new Date(setup.asOf);
let renderer: ReturnType<typeof createPreviewRenderer> | undefined;

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
  return { kind: 'sign', id: job.id, ...signed };
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
  if (previewCache?.has(key)) {
    return { kind: 'card', preview: job.preview, file: previewCache.fileOf(key) };
  }
  renderer ??= createPreviewRenderer();
  const svg = buildPreviewSvg(job.card, images, renderer.measure);
  const png = renderer.render(svg, job.preview);
  if (previewCache?.set(key, png)) {
    return { kind: 'card', preview: job.preview, file: previewCache.fileOf(key) };
  }
  // resvg's buffer belongs to the addon and cannot be transferred to another thread: copy it.
  return { kind: 'card', preview: job.preview, png: new Uint8Array(png) };
}

function serialise(error: unknown): SerialisedError {
  if (error instanceof LaurelError) {
    const { code, message, file, field, line, hint } = error;
    return { laurel: true, code, message, file, field, line, hint };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return { laurel: false, message, stack };
}

parentPort?.on('message', async ({ batch, jobs }: BatchRequest) => {
  let reply: BatchReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const results: JobResult[] = [];
    for (const job of jobs) {
      const result = job.kind === 'sign' ? await sign(job) : card(job);
      if (result.kind === 'card' && result.png) transfer.push(result.png.buffer as ArrayBuffer);
      results.push(result);
      // resvg frees a drawing's pixels from a finaliser, which runs only when the loop turns.
      if (result.kind === 'card') await new Promise((resolve) => setImmediate(resolve));
    }
    reply = { batch, results };
  } catch (error) {
    reply = { batch, error: serialise(error) };
    transfer.length = 0;
  }
  try {
    parentPort?.postMessage(reply, transfer);
  } catch (error) {
    parentPort?.postMessage({ batch, error: serialise(error) });
  }
});
