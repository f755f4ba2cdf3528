/**
 * The worker thread of the signing pool (sign-pool-node.ts): signs awards with both proofs and
 * bakes them into the achievement's PNG and SVG, with the same core functions the sequential path
 * uses, so the bytes are the same. Keys and artwork arrive once in `workerData`, in memory only;
 * then each message is a batch of jobs and each reply the batch's results, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bakePng } from '../bake/bake-png-node.ts';
import { bakeSvg } from '../bake/bake-svg.ts';
import { createSvgBakeTemplate, type SvgBakeTemplate } from '../bake/bake-svg-template.ts';
import { LaurelError } from '../errors.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import { openSignCache, signAwardCached } from './sign-cache-node.ts';
import type {
  BatchReply,
  BatchRequest,
  PoolResult,
  SerialisedError,
  SignJob,
  WorkerSetup,
} from './sign-pool-node.ts';

const setup = workerData as WorkerSetup;
const keysByIssuer = new Map(
  setup.keys.map((keys): [string, IssuerKeys] => [
    keys.issuerSlug,
    { ...keys, publicKeys: [], development: false, generated: false, warnings: [] },
  ]),
);
const artwork = new Map(setup.artwork);
type SvgBaker = (json: string, file: string) => string;
const bakers = new Map<string, SvgBaker>();
const cache = setup.cacheDir === undefined ? undefined : openSignCache(setup.cacheDir);

async function run(job: SignJob, bake: boolean): Promise<{ result: PoolResult; png?: Uint8Array }> {
  const keys = keysByIssuer.get(job.issuerSlug);
  if (keys === undefined) throw new Error(`signing pool: no keys for issuer "${job.issuerSlug}"`);
  const signed = await signAwardCached(cache, job.credential, keys, setup.site);
  const result: PoolResult = { id: job.id, ...signed };
  if (!bake) return { result };
  const images = artwork.get(job.achievementSlug);
  if (images === undefined) {
    throw new Error(`signing pool: no artwork for achievement "${job.achievementSlug}"`);
  }
  const json = `${JSON.stringify(signed.credential, null, 2)}\n`;
  const png = bakePng(images.png, json, { file: job.file });
  const svg = svgBaker(job.achievementSlug, images.svg)(json, job.file);
  return { result: { ...result, json, svg }, png };
}

/**
 * One baking template per achievement. Artwork that cannot be made a template is baked with
 * bakeSvg for each award instead, which then reports the problem naming the award's file, as the
 * sequential path does.
 */
function svgBaker(slug: string, svg: string): SvgBaker {
  let baker = bakers.get(slug);
  if (baker === undefined) {
    let template: SvgBakeTemplate | undefined;
    try {
      template = createSvgBakeTemplate(svg);
    } catch {
      template = undefined;
    }
    baker = template
      ? (json, file) => (template as SvgBakeTemplate).bake(json, { file })
      : (json, file) => bakeSvg(svg, { json }, { file });
    bakers.set(slug, baker);
  }
  return baker;
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

parentPort?.on('message', async ({ batch, jobs, bake }: BatchRequest) => {
  let reply: BatchReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const results: PoolResult[] = [];
    for (const job of jobs) {
      const { result, png } = await run(job, bake);
      if (png) {
        result.png = png;
        transfer.push(png.buffer as ArrayBuffer);
      }
      results.push(result);
    }
    reply = { batch, results };
  } catch (error) {
    reply = { batch, error: serialise(error) };
    transfer.length = 0;
  }
  parentPort?.postMessage(reply, transfer);
});
