import { describe, expect, it } from 'vitest';
import { buildSiteView } from '../../../src/core/view/site-view.ts';
import { SHARE_FILES, shareSite } from '../share/share-site.ts';

/** The site view of the sharing test site with some files changed. */
function keysWith(changes: Record<string, string> = {}) {
  const { site } = shareSite({ ...SHARE_FILES, ...changes });
  return buildSiteView(site, '/guild/').pageKeys;
}

const changed = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after })
    .filter((key) => before[key] !== after[key])
    .sort();

describe('pageKeys', () => {
  const base = keysWith();

  it('gives every award and earner page a key, the same for the same content', () => {
    expect(Object.keys(base.awards).length).toBeGreaterThan(3);
    expect(Object.keys(base.earners).length).toBeGreaterThan(1);
    for (const key of [...Object.values(base.awards), ...Object.values(base.earners)]) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(keysWith()).toEqual(base);
  });

  it('changes only the keys of the pages that show a changed award', () => {
    const file = 'content/awards/2026/one.md';
    const after = keysWith({ [file]: `${SHARE_FILES[file]}\nAnd more.` });
    expect(changed(base.awards, after.awards)).toEqual(['2026/one']);
    // Its earner's page lists it, so that page changes too; other earners keep their keys.
    const earners = changed(base.earners, after.earners);
    expect(earners).toHaveLength(1);
    expect(earners[0]).toMatch(/^one-/);
  });

  it('changes every key when something every page shows changes', () => {
    const file = 'content/issuers/club.md';
    const after = keysWith({
      [file]: (SHARE_FILES[file] ?? '').replace(/^name: .*$/m, 'name: Renamed Club'),
    });
    expect(changed(base.awards, after.awards)).toEqual(Object.keys(base.awards).sort());
    expect(changed(base.earners, after.earners)).toEqual(Object.keys(base.earners).sort());
  });
});
