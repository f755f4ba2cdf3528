import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { didWebToDocumentUrl, issuerDid } from '../../../src/core/did-web.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import { buildDidDocument } from '../../../src/core/keys/did-document.ts';
import { jwkUrl, publicJwkFile } from '../../../src/core/keys/jwks.ts';
import {
  artKey,
  type CardJob,
  type CardResult,
  createPublishPool,
  type PublishPool,
  type ScanJob,
  type SignJob,
  type WorkerSetup,
} from '../../../src/core/publish/publish-pool-node.ts';
import { type SignedAward, signAward } from '../../../src/core/publish/sign-site.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from '../../../src/core/share/preview-svg.ts';
import { createPreviewRenderer } from '../../../src/core/share/render-preview-node.ts';
import type { PreviewCard } from '../../../src/core/share/share-plan.ts';
import {
  KEYS_A,
  KEYS_B,
  SITE,
  sampleCredential,
  type TestKeySet,
} from '../../fixtures/keys/test-keys.ts';
import { projectRoot } from '../bake/artwork.ts';
import { issuerKeys } from './test-issuer-keys.ts';

const keysByIssuer = new Map([
  ['test-club', issuerKeys(KEYS_A)],
  ['other-club', issuerKeys(KEYS_B, 'other-club')],
]);
const setupKeys = [...keysByIssuer.values()].map(({ issuerSlug, ed25519, rsa }) => ({
  issuerSlug,
  ed25519,
  rsa,
}));

/**
 * What the build publishes for an issuer, as key-documents.ts makes it: its DID document and
 * the JWK file at the `kid` its tokens name. `published` is the key set the documents list;
 * by default the issuer's own.
 */
function issuerDocuments(
  slug: string,
  keys: TestKeySet,
  published: TestKeySet = keys,
): [string, unknown][] {
  const did = issuerDid(SITE, slug);
  const kid = jwkUrl(SITE, slug, keys.rsaPublic.name);
  return [
    [didWebToDocumentUrl(did), buildDidDocument(did, [published.edPublic, published.rsaPublic])],
    [kid, publicJwkFile(published.rsaPublic, { kid: () => kid })],
  ];
}
const documents = [
  ...issuerDocuments('test-club', KEYS_A),
  ...issuerDocuments('other-club', KEYS_B),
];

const achievementPng = (slug: string) =>
  readFileSync(path.join(projectRoot, 'content', 'achievements', `${slug}.png`));
const dataUri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
const artUris: [string, string][] = ['first-thread', 'translation-weaver'].map((slug) => [
  artKey({ achievement: slug }),
  dataUri(achievementPng(slug)),
]);
const uriOf = (slug: string) =>
  new Map(artUris).get(artKey({ achievement: slug })) ?? 'missing test artwork';

/** Nine awards over two issuers, each from its own issuer DID. */
const signJobs: SignJob[] = Array.from({ length: 9 }, (_, n) => {
  const issuerSlug = n % 3 === 0 ? 'other-club' : 'test-club';
  const credential = sampleCredential();
  credential.id = `${SITE}credentials/2026/award-${n}.json`;
  credential.issuer.id = issuerDid(SITE, issuerSlug);
  credential.credentialSubject.id = `https://example.org/people/${n}`;
  credential.name = `Hélper n° ${n} 王`;
  return {
    kind: 'sign',
    id: `2026/award-${n}`,
    credential,
    issuerSlug,
    achievementSlug: n % 2 === 0 ? 'first-thread' : 'translation-weaver',
    achievementFile: `content/achievements/${n % 2 === 0 ? 'first-thread' : 'translation-weaver'}.md`,
    file: `content/awards/2026/award-${n}.md`,
  };
});

const CARD: PreviewCard = {
  eyebrow: 'Test Club',
  heading: 'First Thread',
  lines: ['Awarded to Zoë "Zed" O\'Brien <&> Friends'],
  footer: '2026-03-01 · badges.example.org/guild',
  art: [{ achievement: 'first-thread' }],
};
/** Three cards, each with the artwork URIs the main thread draws it with. */
const cards: { job: CardJob; images: string[] }[] = [
  { job: { kind: 'card', preview: 'og/first.png', card: CARD }, images: [uriOf('first-thread')] },
  {
    job: {
      kind: 'card',
      preview: 'og/two.png',
      card: {
        ...CARD,
        heading: 'Translation Weaver',
        art: [{ achievement: 'translation-weaver' }, { achievement: 'first-thread' }],
        revoked: true,
      },
    },
    images: [uriOf('translation-weaver'), uriOf('first-thread')],
  },
  {
    // Art the setup has no URI for is left out, as the main thread would leave it out.
    job: {
      kind: 'card',
      preview: 'og/bare.png',
      card: { ...CARD, heading: 'No artwork', art: [{ issuer: 'test-club' }] },
    },
    images: [],
  },
];
const cardJobs = cards.map(({ job }) => job);

const baseSetup: WorkerSetup = {
  site: SITE,
  keys: setupKeys,
  documents,
  artUris,
  asOf: '2026-03-01T00:00:00Z',
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The error a run ends with, or undefined if it ends well. */
async function failureOf(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(iterable);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The files under `dir`, relative to it, sorted. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(path.join(dir, entry)).isFile())
    .sort();
}

const bytesOf = (png: Uint8Array | undefined) => Buffer.from(png ?? new Uint8Array());
const temporary = mkdtempSync(path.join(tmpdir(), 'laurel-publish-pool-'));
const pools: PublishPool[] = [];
function pool(
  setup: Partial<WorkerSetup> = {},
  options: { workers?: number; workerUrl?: URL } = {},
) {
  const created = createPublishPool({ ...baseSetup, ...setup }, { workers: 1, ...options });
  pools.push(created);
  return created;
}

/** signAward on this thread: what the pool must give for each sign job. */
let expectedSigned: SignedAward[];
/** The cards drawn on this thread. */
let expectedPngs: Buffer[];
/** Most tests share pools: each worker takes a second or more to load the libraries. */
let shared: PublishPool;
let cached: PublishPool;
const signCacheDir = path.join(temporary, 'signed');
const previewCacheDir = path.join(temporary, 'previews');

beforeAll(async () => {
  shared = pool({}, { workers: 2 });
  cached = pool({ signCacheDir, previewCacheDir });
  expectedSigned = await Promise.all(
    signJobs.map((job) => {
      const keys = keysByIssuer.get(job.issuerSlug);
      if (!keys) throw new Error('test setup');
      return signAward(job.credential, keys, SITE);
    }),
  );
  const renderer = createPreviewRenderer();
  expectedPngs = cards.map(({ job, images }) =>
    Buffer.from(renderer.draw(job.card, images, job.preview)),
  );
});
afterAll(async () => {
  await Promise.all(pools.map((created) => created.close()));
  rmSync(temporary, { recursive: true, force: true });
});

// Worker start-up, signing and verifying are slow on a busy machine.
describe('createPublishPool: signing', { timeout: 60_000 }, () => {
  it('signs the same bytes as the main thread, in the order of the jobs', async () => {
    const results = await collect(shared.run(signJobs, { batchSize: 2 }));
    expect(results.map((result) => result.id)).toEqual(signJobs.map((job) => job.id));
    results.forEach((result, n) => {
      const want = expectedSigned[n];
      expect(result.kind).toBe('sign');
      expect(JSON.stringify(result.credential)).toBe(JSON.stringify(want?.credential));
      expect(result.jwt).toBe(want?.jwt);
      expect(result.cacheKey).toMatch(/^[0-9a-f]{64}$/);
      expect(result.cached).toBe(false);
    });
    // Each proof is the issuer's own: the two issuers' awards are not signed alike.
    expect(results[0]?.credential.proof[0]?.verificationMethod).toContain('other-club#');
    expect(results[1]?.credential.proof[0]?.verificationMethod).toContain('test-club#');
  });

  it('gives nothing for no jobs, and the same results for one batch or many', async () => {
    expect(await collect(shared.run([]))).toEqual([]);
    const whole = await collect(shared.run(signJobs.slice(2, 6), { batchSize: 100 }));
    expect(whole.map((result) => result.jwt)).toEqual(
      expectedSigned.slice(2, 6).map((want) => want.jwt),
    );
  });

  it('reads the second run from the signed-result cache, with the same bytes and keys', async () => {
    const first = await collect(cached.run(signJobs, { batchSize: 4 }));
    const second = await collect(cached.run(signJobs, { batchSize: 4 }));
    expect(first.map((result) => result.cached)).toEqual(signJobs.map(() => false));
    expect(second.map((result) => result.cached)).toEqual(signJobs.map(() => true));
    expect(second.map((result) => result.id)).toEqual(signJobs.map((job) => job.id));
    expect(second.map((result) => JSON.stringify(result.credential))).toEqual(
      expectedSigned.map((want) => JSON.stringify(want.credential)),
    );
    expect(second.map((result) => result.jwt)).toEqual(expectedSigned.map((want) => want.jwt));
    expect(second.map((result) => result.cacheKey)).toEqual(first.map((result) => result.cacheKey));
    expect(new Set(first.map((result) => result.cacheKey)).size).toBe(signJobs.length);
    expect(filesIn(signCacheDir)).toEqual(
      first.map(({ cacheKey }) => path.join(cacheKey.slice(0, 2), `${cacheKey}.json`)).sort(),
    );
  });

  it('refuses a fresh signature that does not verify, and caches nothing for it', async () => {
    // The documents list KEYS_B under test-club's DID, so test-club's signatures do not verify.
    const dir = path.join(temporary, 'mismatch-signed');
    const mismatched = pool({
      documents: [
        ...issuerDocuments('test-club', KEYS_A, KEYS_B),
        ...issuerDocuments('other-club', KEYS_B),
      ],
      signCacheDir: dir,
    });
    const [otherJob, testJob] = signJobs as [SignJob, SignJob];
    expect(otherJob.issuerSlug).toBe('other-club');
    expect(testJob.issuerSlug).toBe('test-club');
    // The other issuer's documents are right: its award verifies and is stored.
    const [stored] = await collect(mismatched.run([otherJob]));
    expect(stored?.jwt).toBe(expectedSigned[0]?.jwt);
    expect(filesIn(dir)).toHaveLength(1);

    const error = await failureOf(mismatched.run([testJob]));
    expect(error).toBeInstanceOf(LaurelError);
    expect((error as LaurelError).code).toBe('ERR_SELF_CHECK');
    expect((error as LaurelError).file).toBe(testJob.file);
    expect((error as LaurelError).message).toMatch(/does not verify as JSON/);
    expect(filesIn(dir)).toHaveLength(1);
  });

  it('names an issuer it has no keys for, after the results before it', async () => {
    const stray: SignJob = { ...(signJobs[1] as SignJob), issuerSlug: 'nobody' };
    const seen: string[] = [];
    const run = async () => {
      for await (const result of shared.run([signJobs[0] as SignJob, stray], { batchSize: 1 })) {
        seen.push(result.id);
      }
    };
    await expect(run()).rejects.toThrow(/no keys for issuer "nobody"/);
    expect(seen).toEqual([signJobs[0]?.id]);
    // A failed job is not a crashed worker: the pool still works.
    const [again] = await collect(shared.run([signJobs[1] as SignJob]));
    expect(again?.jwt).toBe(expectedSigned[1]?.jwt);
  });
});

describe('createPublishPool: preview cards', { timeout: 60_000 }, () => {
  it('draws the same PNG bytes as the main thread, returned as bytes without a cache', async () => {
    const results = await collect(shared.run(cardJobs, { batchSize: 1 }));
    expect(results.map((result) => result.preview)).toEqual(cardJobs.map((job) => job.preview));
    results.forEach((result, n) => {
      expect(result.kind).toBe('card');
      expect(result.file).toBeUndefined();
      expect(result.png).toBeInstanceOf(Uint8Array);
      expect(bytesOf(result.png).equals(expectedPngs[n] as Buffer)).toBe(true);
    });
    const view = new DataView(expectedPngs[0]?.buffer as ArrayBuffer, expectedPngs[0]?.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([PREVIEW_WIDTH, PREVIEW_HEIGHT]);
    // The cards differ, so equal bytes above mean each was drawn from its own job.
    expect(new Set(expectedPngs.map((png) => png.toString('base64'))).size).toBe(cards.length);
  });

  it('stores cards in the preview cache and finds them there on the next run', async () => {
    const first: CardResult[] = await collect(cached.run(cardJobs));
    first.forEach((result, n) => {
      expect(result.png).toBeUndefined();
      const file = result.file ?? '';
      expect(path.dirname(path.dirname(file))).toBe(previewCacheDir);
      expect(readFileSync(file).equals(expectedPngs[n] as Buffer)).toBe(true);
    });
    const files = filesIn(previewCacheDir);
    expect(files).toHaveLength(cards.length);
    const mtimes = first.map((result) => statSync(result.file ?? '').mtimeMs);

    const second = await collect(cached.run(cardJobs));
    expect(second.map((result) => result.file)).toEqual(first.map((result) => result.file));
    expect(second.every((result) => result.png === undefined)).toBe(true);
    expect(second.map((result) => statSync(result.file ?? '').mtimeMs)).toEqual(mtimes);
    expect(filesIn(previewCacheDir)).toEqual(files);
  });

  it('draws a card again when its cache entry is damaged', async () => {
    const [result] = await collect(cached.run([cardJobs[0] as CardJob]));
    const file = result?.file ?? '';
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const [again] = await collect(cached.run([cardJobs[0] as CardJob]));
    expect(again?.file).toBe(file);
    expect(readFileSync(file).equals(expectedPngs[0] as Buffer)).toBe(true);
  });

  it('returns the bytes when the preview cache cannot store them', async () => {
    const blocked = path.join(temporary, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder should be');
    const results = await collect(pool({ previewCacheDir: blocked }).run([cardJobs[0] as CardJob]));
    expect(results[0]?.file).toBeUndefined();
    expect(bytesOf(results[0]?.png).equals(expectedPngs[0] as Buffer)).toBe(true);
  });
});

describe('createPublishPool: scans', { timeout: 60_000 }, () => {
  it("finds the issuers' own secrets, which only the workers hold, in any issuer", async () => {
    const root = mkdtempSync(path.join(temporary, 'scan-'));
    writeFileSync(path.join(root, 'clean.txt'), 'nothing to see');
    writeFileSync(path.join(root, 'qi.txt'), KEYS_B.rsa.privateKeyJwk.qi);
    writeFileSync(path.join(root, 'seed.yml'), `seed: ${KEYS_A.ed25519.secretKeyMultibase}`);
    const job: ScanJob = {
      kind: 'scan',
      root,
      files: ['clean.txt', 'qi.txt', 'seed.yml'],
      allowed: [],
    };
    const [result] = await collect(shared.run([job]));
    expect(result?.keys).toEqual([
      { file: 'qi.txt', kind: 'issuer-private-key', detail: "qi of other-club's key rsa-test-b" },
      {
        file: 'seed.yml',
        kind: 'issuer-private-key',
        detail: "secretKeyMultibase of test-club's key ed25519-test-a",
      },
    ]);
  });
});

describe('createPublishPool: life cycle', { timeout: 60_000 }, () => {
  it('fails instead of waiting for ever when a worker cannot start', async () => {
    const workerUrl = new URL('./no-such-worker.ts', import.meta.url);
    const broken = pool({}, { workerUrl });
    await expect(collect(broken.run(signJobs.slice(0, 1)))).rejects.toThrow();
    // Once failed, every later run fails too.
    await expect(collect(broken.run(cardJobs))).rejects.toThrow();
  });

  it('stops its workers on close, after which runs fail', async () => {
    const created = pool();
    const [result] = await collect(created.run(signJobs.slice(1, 2)));
    expect(result?.jwt).toBe(expectedSigned[1]?.jwt);
    await created.close();
    await expect(collect(created.run(signJobs.slice(1, 2)))).rejects.toThrow(/closed/);
  });

  it('does not keep the process alive when it is never run nor closed', async () => {
    const outcome = await runChild([
      'createPublishPool(setup, { workers: 1 });',
      "console.log('created');",
    ]);
    expect(outcome.stderr).toBe('');
    expect(outcome).toMatchObject({ code: 0, signal: null, timedOut: false });
    expect(outcome.stdout).toBe('created\n');
  });

  it('holds the process while results are awaited, and lets it exit after', async () => {
    const outcome = await runChild([
      'const pool = createPublishPool(setup, { workers: 1 });',
      'const done = [];',
      'for await (const result of pool.run(jobs, { batchSize: 1 })) {',
      "  done.push(result.kind === 'sign' ? result.jwt : readFileSync(result.file).length);",
      '}',
      'console.log(JSON.stringify(done));',
    ]);
    // Without the hold, Node would end the process early with code 13 (unsettled await).
    expect(outcome.stderr).toBe('');
    expect(outcome).toMatchObject({ code: 0, signal: null, timedOut: false });
    expect(JSON.parse(outcome.stdout)).toEqual([
      ...expectedSigned.slice(0, 3).map((want) => want.jwt),
      expectedPngs[0]?.length,
    ]);
  });
});

/**
 * Runs `lines` as an ES module in a new `node` process, after importing createPublishPool by
 * its file URL and reading `setup` (with a preview cache) and `jobs` (three awards and a card),
 * and kills it if it has not exited after 20 s.
 */
async function runChild(lines: string[]) {
  const dir = mkdtempSync(path.join(temporary, 'child-'));
  const input = path.join(dir, 'input.json');
  const setup: WorkerSetup = { ...baseSetup, previewCacheDir: path.join(dir, 'previews') };
  writeFileSync(input, JSON.stringify({ setup, jobs: [...signJobs.slice(0, 3), cardJobs[0]] }));
  const moduleUrl = pathToFileURL(
    path.join(projectRoot, 'src', 'core', 'publish', 'publish-pool-node.ts'),
  ).href;
  const script = path.join(dir, 'child.mjs');
  const header = [
    "import { readFileSync } from 'node:fs';",
    `import { createPublishPool } from ${JSON.stringify(moduleUrl)};`,
    `const { setup, jobs } = JSON.parse(readFileSync(${JSON.stringify(input)}, 'utf8'));`,
  ];
  writeFileSync(script, [...header, ...lines].join('\n'));
  return runNode(script, 20_000);
}

/** Runs `node script`, killing it after `limit` ms. */
function runNode(
  script: string,
  limit: number,
): Promise<{
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limit);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr });
    });
  });
}
