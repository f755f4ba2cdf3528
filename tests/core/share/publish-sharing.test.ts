import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unbake } from '../../../src/core/bake/unbake.ts';
import { OutputDir } from '../../../src/core/publish/output-dir.ts';
import { publishSharing } from '../../../src/core/publish/publish-sharing.ts';
import { startPublishWork } from '../../../src/core/publish/publish-work-node.ts';
import { HASHED_NAME, SITE, shareSite } from './share-site.ts';

async function publish() {
  const { root, site } = shareSite();
  const out = new OutputDir(mkdtempSync(path.join(tmpdir(), 'laurel-share-')));
  const warnings: string[] = [];
  const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
  const config = { site: SITE, root, contentDir: 'content', keysDir: 'keys' };
  // The cards are drawn by the worker pool, as in a build; this site has no keys, so no signing.
  const work = startPublishWork({ config, site, keys: new Map() });
  try {
    await publishSharing(
      { config, site, keys: new Map(), statusIndices: new Map(), out, logger },
      work,
    );
  } finally {
    await work.close();
  }
  return { out, warnings };
}

describe('publishSharing', async () => {
  const { out, warnings } = await publish();
  const read = (file: string) => readFileSync(path.join(out.root, file));

  it('warns about an achievement without imageAlt, naming the file and the fix', () => {
    expect(warnings).toEqual([
      'content/achievements/plain.md: no imageAlt, so its badge images are described only as ' +
        '"Plain". Add imageAlt: a short description of the artwork.',
    ]);
  });

  it('writes a preview card for every page, earner pages included', () => {
    expect(out.written.filter((file) => file.startsWith('previews/')).sort()).toEqual([
      'previews/achievements/helper.png',
      'previews/achievements/plain.png',
      'previews/credentials/2026/did.png',
      'previews/credentials/2026/hashed.png',
      'previews/credentials/2026/later.png',
      'previews/credentials/2026/one.png',
      'previews/credentials/2026/revoked.png',
      expect.stringMatching(/^previews\/earners\/did-key-[0-9a-f]{10}\.png$/),
      expect.stringMatching(/^previews\/earners\/one-[0-9a-f]{10}\.png$/),
      expect.stringMatching(/^previews\/earners\/two-[0-9a-f]{10}\.png$/),
      'previews/index.png',
      'previews/issuers/club.png',
    ]);
  });

  it('publishes OB 2.0 copies for e-mail and URL earners only, baked as openbadges', () => {
    const assertions = out.written.filter((file) => file.startsWith('ob2/assertions/')).sort();
    expect(assertions).toEqual([
      'ob2/assertions/2026/hashed.json',
      'ob2/assertions/2026/hashed.png',
      'ob2/assertions/2026/later.json',
      'ob2/assertions/2026/later.png',
      'ob2/assertions/2026/one.json',
      'ob2/assertions/2026/one.png',
      'ob2/assertions/2026/revoked.json',
      'ob2/assertions/2026/revoked.png',
    ]);
    expect(existsSync(path.join(out.root, 'ob2/assertions/2026/did.json'))).toBe(false);
    const baked = unbake(new Uint8Array(read('ob2/assertions/2026/later.png')), {
      version: '2.0',
    });
    expect(baked.ok && baked.credential).toEqual(
      JSON.parse(read('ob2/assertions/2026/later.json').toString('utf8')),
    );
  });

  it('lists every page in the sitemap, with earner pages for URL and DID earners only', () => {
    const sitemap = read('sitemap.xml').toString('utf8');
    expect(sitemap.match(/<loc>/g)).toHaveLength(12);
    expect(sitemap.match(/\/earners\//g)).toHaveLength(3);
  });

  it('lists every award in the feed, newest first', () => {
    const feed = read('feed.xml').toString('utf8');
    const titles = [...feed.matchAll(/<entry><id>[^<]*<\/id><title>([^<]*)</g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Plain awarded to Zoë Renamed',
      `R&amp;D #1 — Café awarded to ${HASHED_NAME}`,
      'Plain awarded',
      'R&amp;D #1 — Café awarded to Zoë Example',
      'R&amp;D #1 — Café awarded (revoked)',
    ]);
  });
});
