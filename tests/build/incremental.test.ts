import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SIGN_CACHE_DIR } from '../../src/core/publish/sign-cache-node.ts';
import { PREVIEW_CACHE_DIR } from '../../src/core/share/preview-cache-node.ts';
import { paths } from '../../src/core/urls.ts';
import { listFiles } from '../support/built-site.ts';
import { PROJECT_ROOT } from '../support/paths.ts';

const { root: builtRoot, out: builtOut, site } = inject('revocationSite');
// Inside the project, like the fixture builds: Astro resolves the injected routes from there.
const work = mkdtempSync(path.join(PROJECT_ROOT, 'tests/.tmp/incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file of a cache folder with its modification time, by path. */
function entries(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, file));
    if (stat.isFile()) found.set(file, stat.mtimeMs);
  }
  return found;
}

const NEW_AWARD = `---
achievement: night-walk
recipient:
  id: https://example.org/people/elm
  name: Elm Example
awardedDate: 2026-06-20
---
Walked the whole route.
`;

describe('a rebuild after adding one award', { timeout: 120_000 }, () => {
  // The fixture as the globalSetup left it, caches included, plus one new award.
  const root = path.join(work, 'site');
  const out = path.join(work, 'dist');
  cpSync(builtRoot, root, { recursive: true });
  const signedBefore = entries(path.join(root, SIGN_CACHE_DIR));
  const previewsBefore = entries(path.join(root, PREVIEW_CACHE_DIR));
  // Astro keeps a copy of every page it may reuse, and restores it with the copy's times.
  const pagesBefore = entries(path.join(root, 'node_modules/.astro/dist'));
  writeFileSync(path.join(root, 'content/awards/2026/elm.md'), NEW_AWARD);
  // Ash's card entry overwritten with Birch's card, as an image optimiser or a slip of `cp`
  // would through the published file, which is a hard link to the entry.
  const cardOf = (id: string) => readFileSync(path.join(builtOut, paths.previewAward(id)));
  const ashEntry = [...previewsBefore.keys()].find((file) =>
    readFileSync(path.join(root, PREVIEW_CACHE_DIR, file)).equals(cardOf('2026/ash')),
  );
  writeFileSync(path.join(root, PREVIEW_CACHE_DIR, ashEntry ?? 'missing'), cardOf('2026/birch'));
  execFileSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'tests/support/build-site.ts'), root, out, site],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  const signedAfter = entries(path.join(root, SIGN_CACHE_DIR));
  const previewsAfter = entries(path.join(root, PREVIEW_CACHE_DIR));

  it('signs only the new award: one new cache entry, the others untouched', () => {
    const added = [...signedAfter.keys()].filter((file) => !signedBefore.has(file));
    expect(added).toHaveLength(1);
    expect(signedBefore.size).toBe(4);
    for (const [file, mtime] of signedBefore) expect(signedAfter.get(file), file).toBe(mtime);
  });

  it('draws only the cards whose text changed, and keeps no card the site no longer shows', () => {
    const added = [...previewsAfter.keys()].filter((file) => !previewsBefore.has(file));
    const removed = [...previewsBefore.keys()].filter((file) => !previewsAfter.has(file));
    // The new award's and its earner's cards are new; so are those that count awards (the
    // index, the achievement and the issuer), whose old versions are pruned.
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(added.length).toBeLessThan(previewsBefore.size);
    expect(removed.length).toBe(added.length - 2);
    for (const [file, mtime] of previewsAfter) {
      if (previewsBefore.has(file) && file !== ashEntry) {
        expect(mtime, file).toBe(previewsBefore.get(file));
      }
    }
  });

  it('draws again a card whose cache entry was changed, and publishes the real one', () => {
    expect(ashEntry).toBeDefined();
    const published = readFileSync(path.join(out, paths.previewAward('2026/ash')));
    expect(published.equals(cardOf('2026/ash'))).toBe(true);
    expect(published.equals(cardOf('2026/birch'))).toBe(false);
    expect(readFileSync(path.join(root, PREVIEW_CACHE_DIR, ashEntry ?? '')).equals(published)).toBe(
      true,
    );
  });

  it('renders only the new award and earner pages; Astro restores the other award pages', () => {
    const page = (id: string) => path.join(paths.awardPage(id), 'index.html');
    for (const id of ['2026/ash', '2026/birch', '2026/cedar', '2026/dogwood']) {
      const before = pagesBefore.get(page(id));
      expect(before, page(id)).toBeDefined();
      // Restored with the kept copy's modification time (to the millisecond), not written now.
      const restored = statSync(path.join(out, page(id))).mtimeMs;
      expect(Math.abs(restored - (before ?? 0)), page(id)).toBeLessThan(1);
      expect(readFileSync(path.join(out, page(id)))).toEqual(
        readFileSync(path.join(builtOut, page(id))),
      );
    }
    expect(pagesBefore.has(page('2026/elm'))).toBe(false);
    const elm = readFileSync(path.join(out, page('2026/elm')), 'utf8');
    expect(elm).toContain('Elm Example');
  });

  it('publishes every earlier credential byte for byte as before, and the new one', () => {
    for (const id of ['2026/ash', '2026/birch', '2026/cedar', '2026/dogwood']) {
      for (const file of [paths.credentialJson(id), paths.credentialJwt(id)]) {
        expect(readFileSync(path.join(out, file)), file).toEqual(
          readFileSync(path.join(builtOut, file)),
        );
      }
    }
    expect(listFiles(out)).toContain(paths.credentialJson('2026/elm'));
  });
});
