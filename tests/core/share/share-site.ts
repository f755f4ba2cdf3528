/**
 * A small site for the sharing tests, loaded and assembled in memory: one issuer, an achievement
 * with and one without imageAlt, and awards to a URL, a DID, a hashed e-mail address (with a
 * display name) and a revoked one.
 */
import { loadContent } from '../../../src/core/content/load-content.ts';
import { type AssembledSite, assembleSite } from '../../../src/core/credential/assemble-site.ts';
import { siteUrls } from '../../../src/core/urls.ts';
import { GOOD_FILES, makeSite, TINY_SVG } from '../../support/temp-site.ts';

export const SITE = 'https://badges.example.org/guild/';
export const HASHED_NAME = 'Hidden Person';

const award = (lines: string[], narrative = 'Well done.') =>
  ['---', ...lines, '---', narrative].join('\n');

export const SHARE_FILES: Record<string, string> = {
  ...GOOD_FILES,
  'content/achievements/helper.md': [
    '---',
    'name: "R&D #1 — Café"',
    'description: Helped <another> member & more.',
    'issuer: club',
    'image: helper.svg',
    'imageAlt: A red circle',
    'tags: [help]',
    'alignments:',
    '  - targetName: Helping',
    '    targetUrl: https://skills.example.net/help',
    '    targetCode: H-1',
    '    targetType: CFItem',
    '---',
    'Help another member with a task.',
  ].join('\n'),
  'content/achievements/plain.md': [
    '---',
    'name: Plain',
    'description: No alt text here.',
    'issuer: club',
    'image: plain.svg',
    '---',
    'Be plain.',
  ].join('\n'),
  'content/achievements/plain.svg': TINY_SVG,
  'content/awards/2026/did.md': award([
    'achievement: plain',
    'recipient:',
    '  id: did:key:z6Mkq3h5HmimPqt34wHdmmMMJMiMZJAxRE6mA9CWy6VqpfVS',
    'awardedDate: 2026-04-01',
  ]),
  'content/awards/2026/hashed.md': award([
    'achievement: helper',
    'recipient:',
    '  hashedEmail: sha256$72E7E625CFE03C20B8FAF9366513A92CDD4485AA6D1D43E20ADF41CD5B5A0BF9',
    '  salt: 91d0cdfbb1438c770299fb62',
    `  name: ${HASHED_NAME}`,
    'awardedDate: 2026-05-01',
  ]),
  'content/awards/2026/later.md': award([
    'achievement: plain',
    'recipient:',
    '  id: https://example.org/people/one',
    '  name: Zoë Renamed',
    'awardedDate: 2026-06-01',
    'validUntil: 2028-11-30',
  ]),
  'content/awards/2026/revoked.md': award([
    'achievement: helper',
    'recipient:',
    '  id: https://example.org/people/two',
    'awardedDate: 2026-02-01',
    'revoked:',
    '  date: 2026-02-10',
    '  reason: Given by mistake.',
  ]),
};

/** Writes the files to a temporary project and assembles it; returns the project root too. */
export function shareSite(files: Record<string, string> = SHARE_FILES): {
  root: string;
  site: AssembledSite;
} {
  const root = makeSite(files);
  return { root, site: assembleSite(loadContent(root), siteUrls(SITE)) };
}
