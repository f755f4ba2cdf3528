import { describe, expect, it } from 'vitest';
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  OB_V2_CONTEXT,
  ob2Recipient,
} from '../../../src/core/share/ob2.ts';
import { SITE, shareSite } from './share-site.ts';

const { site } = shareSite();
const award = (id: string) => {
  const found = site.content.awards.find((record) => record.id === id);
  if (!found) throw new Error(`no award ${id}`);
  return found;
};
const recipientOf = (id: string) => {
  const result = ob2Recipient(award(id).data.recipient);
  if (!('recipient' in result)) throw new Error(result.reason);
  return result.recipient;
};

describe('Open Badges 2.0 copies', () => {
  it('names a hashed e-mail earner by the lower-cased hash and its salt', () => {
    expect(recipientOf('2026/hashed')).toEqual({
      type: 'email',
      hashed: true,
      salt: '91d0cdfbb1438c770299fb62',
      identity: 'sha256$72e7e625cfe03c20b8faf9366513a92cdd4485aa6d1d43e20adf41cd5b5a0bf9',
    });
  });

  it('names a URL earner by the plain URL', () => {
    expect(recipientOf('2026/one')).toEqual({
      type: 'url',
      hashed: false,
      identity: 'https://example.org/people/one',
    });
  });

  it('gives a DID earner no OB 2.0 copy, and says why', () => {
    const result = ob2Recipient(award('2026/did').data.recipient);
    expect(result).toEqual({
      reason:
        'Open Badges 2.0 can name an earner only by e-mail address, URL or telephone number, ' +
        'not by a DID, so this badge has no Open Badges 2.0 copy.',
    });
  });

  it('builds the hosted Assertion with expiry, linked to its BadgeClass and baked image', () => {
    expect(buildOb2Assertion(award('2026/later'), recipientOf('2026/later'), site.urls)).toEqual({
      '@context': OB_V2_CONTEXT,
      type: 'Assertion',
      id: `${SITE}ob2/assertions/2026/later.json`,
      recipient: { type: 'url', hashed: false, identity: 'https://example.org/people/one' },
      badge: `${SITE}ob2/badges/plain.json`,
      verification: { type: 'hosted' },
      issuedOn: '2026-06-01T00:00:00Z',
      image: `${SITE}ob2/assertions/2026/later.png`,
      narrative: 'Well done.',
      expires: '2028-11-30T00:00:00Z',
    });
  });

  it('marks a revoked award revoked, with the reason', () => {
    const assertion = buildOb2Assertion(
      award('2026/revoked'),
      recipientOf('2026/revoked'),
      site.urls,
    );
    expect(assertion).toMatchObject({ revoked: true, revocationReason: 'Given by mistake.' });
  });

  it('builds the BadgeClass with criteria, tags and alignments (no targetType)', () => {
    const helper = site.achievements.get('helper')?.record;
    if (!helper) throw new Error('no helper');
    expect(buildOb2BadgeClass(helper, site.urls)).toEqual({
      '@context': OB_V2_CONTEXT,
      type: 'BadgeClass',
      id: `${SITE}ob2/badges/helper.json`,
      name: 'R&D #1 — Café',
      description: 'Helped <another> member & more.',
      image: `${SITE}achievements/helper.png`,
      criteria: {
        id: `${SITE}achievements/helper/`,
        narrative: 'Help another member with a task.',
      },
      issuer: `${SITE}ob2/issuers/club.json`,
      tags: ['help'],
      alignment: [
        { targetName: 'Helping', targetUrl: 'https://skills.example.net/help', targetCode: 'H-1' },
      ],
    });
  });

  it('builds the Issuer with the name, url and email OB 2.0 validators require', () => {
    const club = site.issuers.get('club')?.record;
    if (!club) throw new Error('no club');
    expect(buildOb2Issuer(club, site.urls)).toEqual({
      '@context': OB_V2_CONTEXT,
      type: 'Issuer',
      id: `${SITE}ob2/issuers/club.json`,
      name: 'Test Club',
      url: 'https://club.example.org',
      email: 'badges@club.example.org',
      description: 'A club for tests.',
    });
  });
});
