import { describe, expect, it } from 'vitest';
import { collectEarners, earnerSlug } from '../../../src/core/share/earners-node.ts';
import { HASHED_NAME, shareSite } from './share-site.ts';

describe('earnerSlug', () => {
  // Published earner pages are linked from CVs: these exact slugs must never change.
  it.each([
    ['https://example.org/people/zoe-obrien', 'zoe-obrien-f152e860fe'],
    ['did:key:z6Mkq3h5HmimPqt34wHdmmMMJMiMZJAxRE6mA9CWy6VqpfVS', 'did-key-90c8fe97ac'],
    ['https://git.example.net/nested-earner', 'nested-earner-734b791363'],
  ])('derives %s to the stable slug %s', (id, slug) => {
    expect(earnerSlug(id)).toBe(slug);
  });

  it('is readable for accented and odd URLs, and differs for different ids', () => {
    expect(earnerSlug('https://example.org/people/Am%C3%A9lie%20Rousseau')).toMatch(
      /^amelie-rousseau-[0-9a-f]{10}$/,
    );
    expect(earnerSlug('https://example.org/')).toMatch(/^example-org-[0-9a-f]{10}$/);
    expect(earnerSlug('urn:uuid:0b7f')).toMatch(/^uuid-0b7f-[0-9a-f]{10}$/);
    expect(earnerSlug('urn:🦊')).toMatch(/^earner-[0-9a-f]{10}$/);
    expect(earnerSlug('https://example.org/a/x')).not.toBe(earnerSlug('https://example.org/b/x'));
  });
});

describe('collectEarners', () => {
  const { site } = shareSite();
  const earners = collectEarners(site.content.awards);

  it('lists URL and DID earners, newest award first, and never a hashed e-mail earner', () => {
    expect(earners.map((earner) => [earner.id, earner.awardIds])).toEqual([
      ['did:key:z6Mkq3h5HmimPqt34wHdmmMMJMiMZJAxRE6mA9CWy6VqpfVS', ['2026/did']],
      ['https://example.org/people/one', ['2026/later', '2026/one']],
      ['https://example.org/people/two', ['2026/revoked']],
    ]);
    expect(JSON.stringify(earners)).not.toContain(HASHED_NAME);
  });

  it('takes the display name from the newest award that has one', () => {
    expect(earners.find((earner) => earner.id === 'https://example.org/people/one')?.name).toBe(
      'Zoë Renamed',
    );
  });
});
