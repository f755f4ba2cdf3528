import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TINY_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

export const GOOD_FILES: Record<string, string> = {
  'content/issuers/club.md': [
    '---',
    'name: Test Club',
    'url: https://club.example.org',
    'email: badges@club.example.org',
    '---',
    'A club for tests.',
  ].join('\n'),
  'content/achievements/helper.md': [
    '---',
    'name: Helper',
    'description: Helped another member.',
    'issuer: club',
    'image: helper.svg',
    'imageAlt: A red circle',
    '---',
    'Help another member with a task.',
  ].join('\n'),
  'content/achievements/helper.svg': TINY_SVG,
  'content/awards/2026/one.md': [
    '---',
    'achievement: helper',
    'recipient:',
    '  id: https://example.org/people/one',
    '  name: Zoë Example',
    'awardedDate: 2026-03-01',
    '---',
    'Fixed the docs.',
  ].join('\n'),
};

/** Writes a throwaway project with the given files (paths relative to its root). */
export function makeSite(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'laurel-test-'));
  for (const [file, data] of Object.entries(files)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return root;
}
