import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import type { UnsignedCredential } from '../../../src/core/credential/types.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import type { PreparedArtwork } from '../../../src/core/publish/prepare-artwork-node.ts';
import {
  type BakedJob,
  createSignPool,
  type SignJob,
  type SignPool,
} from '../../../src/core/publish/sign-pool-node.ts';
import { signAward } from '../../../src/core/publish/sign-site.ts';
import { KEYS_A, KEYS_B, SITE, sampleCredential } from '../../fixtures/keys/test-keys.ts';
import { projectRoot } from '../bake/artwork.ts';
import { issuerKeys } from './test-issuer-keys.ts';

const sample = (file: string) => path.join(projectRoot, 'content', 'achievements', file);
const artwork = new Map<string, PreparedArtwork>([
  [
    'first-thread',
    {
      png: new Uint8Array(readFileSync(sample('first-thread.png'))),
      svg: readFileSync(sample('first-thread.svg'), 'utf8'),
    },
  ],
  [
    'translation-weaver',
    {
      png: new Uint8Array(readFileSync(sample('translation-weaver.png'))),
      svg: readFileSync(sample('translation-weaver.svg'), 'utf8'),
    },
  ],
]);
const keysByIssuer = new Map([
  ['test-club', issuerKeys(KEYS_A)],
  ['other-club', issuerKeys(KEYS_B, 'other-club')],
]);

/** Eleven awards over two issuers and two artworks; names with accents and a `]]>`. */
const jobs: SignJob[] = Array.from({ length: 11 }, (_, n) => {
  const credential = sampleCredential();
  credential.id = `${SITE}credentials/2026/award-${n}.json`;
  credential.credentialSubject.id = `https://example.org/people/${n}`;
  credential.name = n === 3 ? 'Helper ]]> of the year' : `Hélper n° ${n} 王`;
  return {
    id: `2026/award-${n}`,
    credential,
    issuerSlug: n % 3 === 0 ? 'other-club' : 'test-club',
    achievementSlug: n % 2 === 0 ? 'first-thread' : 'translation-weaver',
    file: `content/awards/2026/award-${n}.md`,
  };
});

/** What publish-site.ts writes for a job, signing and baking on this thread. */
async function sequential(job: SignJob) {
  const keys = keysByIssuer.get(job.issuerSlug);
  const images = artwork.get(job.achievementSlug);
  if (!keys || !images) throw new Error('test setup');
  const signed = await signAward(job.credential, keys, SITE);
  const json = `${JSON.stringify(signed.credential, null, 2)}\n`;
  return {
    json,
    jwt: signed.jwt,
    png: bakePng(images.png, json, { file: job.file }),
    svg: bakeSvg(images.svg, { json }, { file: job.file }),
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

let expected: Awaited<ReturnType<typeof sequential>>[];
const pools: SignPool[] = [];
const cacheDir = mkdtempSync(path.join(tmpdir(), 'laurel-sign-pool-'));
function pool(options: Partial<Parameters<typeof createSignPool>[0]> = {}): SignPool {
  const created = createSignPool({ keysByIssuer, site: SITE, artwork, batchSize: 2, ...options });
  pools.push(created);
  return created;
}
/** Most tests share one pool: each worker takes a second or more to load the libraries. */
let shared: SignPool;

beforeAll(async () => {
  shared = pool({ workers: 2 });
  expected = await Promise.all(jobs.map(sequential));
});
afterAll(async () => {
  await Promise.all(pools.map((created) => created.close()));
  rmSync(cacheDir, { recursive: true, force: true });
});

// Worker start-up and signing are slow on a busy machine.
describe('createSignPool', { timeout: 60_000 }, () => {
  it('signs and bakes the same bytes as the main thread, in the order of the jobs', async () => {
    const results = await collect(shared.signAndBake(jobs));
    expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
    results.forEach((result: BakedJob, n) => {
      const want = expected[n];
      expect(result.json).toBe(want?.json);
      expect(`${JSON.stringify(result.credential, null, 2)}\n`).toBe(want?.json);
      expect(result.jwt).toBe(want?.jwt);
      expect(Buffer.from(result.png).equals(Buffer.from(want?.png ?? []))).toBe(true);
      expect(result.svg).toBe(want?.svg);
      expect(result.cached).toBe(false);
    });
  });

  it('signs only, with the same proofs, when asked to sign', async () => {
    const results = await collect(shared.sign(jobs));
    expect(results.map((result) => result.jwt)).toEqual(expected.map((want) => want.jwt));
    expect(results[0]).not.toHaveProperty('png');
  });

  it('keeps the order with a read-ahead smaller than a batch, and runs with one job', async () => {
    const few = await collect(shared.signAndBake(jobs, { readAhead: 1 }));
    expect(few.map((result) => result.jwt)).toEqual(expected.map((want) => want.jwt));
    const one = await collect(shared.signAndBake(jobs.slice(4, 5)));
    expect(one.map((result) => result.svg)).toEqual([expected[4]?.svg]);
  });

  it('uses the signing cache: a second run signs nothing and gives the same bytes', async () => {
    const cached = pool({ cacheDir, workers: 1 });
    const first = await collect(cached.signAndBake(jobs));
    const second = await collect(cached.signAndBake(jobs));
    expect(first.every((result) => !result.cached)).toBe(true);
    expect(second.every((result) => result.cached)).toBe(true);
    expect(second.map((result) => result.json)).toEqual(expected.map((want) => want.json));
    expect(second.map((result) => result.cacheKey)).toEqual(first.map((r) => r.cacheKey));
  });

  it('ends with the LaurelError the core threw for a credential it cannot sign', async () => {
    const broken = structuredClone(jobs[1] as SignJob);
    (broken.credential as UnsignedCredential & { unknownTerm?: string }).unknownTerm = 'x';
    const error = await collect(shared.signAndBake([jobs[0] as SignJob, broken])).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LaurelError);
    expect((error as LaurelError).code).toBe('ERR_SIGN');
    expect((error as LaurelError).message).toContain(broken.credential.id);
  });

  it('names an issuer it has no keys for', async () => {
    const stray = { ...(jobs[0] as SignJob), issuerSlug: 'nobody' };
    await expect(collect(shared.sign([stray]))).rejects.toThrow(/no keys for issuer "nobody"/);
  });

  it('fails instead of waiting for ever when a worker cannot start', async () => {
    const workerUrl = new URL('./no-such-worker.ts', import.meta.url);
    await expect(collect(pool({ workers: 1, workerUrl }).sign(jobs))).rejects.toThrow();
  });

  it('lets the consumer stop early, and close stops the workers', async () => {
    const created = pool({ workers: 1 });
    for await (const result of created.signAndBake(jobs)) {
      expect(result.id).toBe(jobs[0]?.id);
      break;
    }
    await created.close();
    await expect(collect(created.sign(jobs))).rejects.toThrow(/closed/);
  });
});
