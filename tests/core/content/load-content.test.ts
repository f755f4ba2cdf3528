import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/core/content/load-content.ts';
import { LaurelError, LaurelErrors } from '../../../src/core/errors.ts';
import { GOOD_FILES, makeSite } from '../../support/temp-site.ts';

/** Loads a site made of the good files with some replaced, and returns its errors. */
function problems(changes: Record<string, string | Uint8Array>): LaurelError[] {
  const root = makeSite({ ...GOOD_FILES, ...changes });
  try {
    loadContent(root);
  } catch (error) {
    if (error instanceof LaurelErrors) return [...error.errors];
    if (error instanceof LaurelError) return [error];
    throw error;
  }
  return [];
}

const award = (lines: string[]) => ['---', ...lines, '---', 'Narrative.'].join('\n');

describe('loadContent', () => {
  it('loads good content with resolved records', () => {
    const content = loadContent(makeSite(GOOD_FILES));
    expect(content.issuers.map((issuer) => issuer.slug)).toEqual(['club']);
    expect(content.achievements[0]?.artwork).toEqual({ svg: 'content/achievements/helper.svg' });
    expect(content.awards[0]).toMatchObject({
      id: '2026/one',
      file: 'content/awards/2026/one.md',
      validFrom: '2026-03-01T00:00:00Z',
      narrative: 'Fixed the docs.',
    });
  });

  it('refuses an unknown achievement reference, naming the choices', () => {
    const [error, ...rest] = problems({
      'content/awards/2026/one.md': award([
        'achievement: helpr',
        'recipient:',
        '  id: https://example.org/people/one',
        'awardedDate: 2026-03-01',
      ]),
    });
    expect(rest).toEqual([]);
    expect(error?.code).toBe('ERR_REFERENCE');
    expect(error?.format()).toBe(
      'content/awards/2026/one.md:2: achievement: names the achievement "helpr", which does not ' +
        'exist. Use one of: helper (files in content/achievements).',
    );
  });

  it('refuses an unknown issuer reference', () => {
    const [error] = problems({
      'content/achievements/helper.md': GOOD_FILES['content/achievements/helper.md']?.replace(
        'issuer: club',
        'issuer: klub',
      ) as string,
    });
    expect(error?.code).toBe('ERR_REFERENCE');
    expect(error?.file).toBe('content/achievements/helper.md');
    expect(error?.field).toBe('issuer');
    expect(error?.hint).toContain('club');
  });

  it('refuses a plaintext e-mail with the hashing hint, wherever it is written', () => {
    for (const lines of [
      ['achievement: helper', 'recipient:', '  email: ada@example.org', 'awardedDate: 2026-03-01'],
      [
        'achievement: helper',
        'recipient:',
        '  id: mailto:ada@example.org',
        'awardedDate: 2026-03-01',
      ],
    ]) {
      const [error] = problems({ 'content/awards/2026/one.md': award(lines) });
      expect(error?.code).toBe('ERR_PLAINTEXT_EMAIL');
      expect(error?.line).toBe(4);
      expect(error?.format()).toContain('npm run laurel -- hash-email');
      expect(error?.format()).not.toContain('ada@example.org');
    }
  });

  it('refuses an unparseable date with the line and the accepted forms', () => {
    const [error] = problems({
      'content/awards/2026/one.md': award([
        'achievement: helper',
        'recipient:',
        '  id: https://example.org/people/one',
        'awardedDate: 14/03/2026',
      ]),
    });
    expect(error?.format()).toBe(
      'content/awards/2026/one.md:5: awardedDate: "14/03/2026" is not a date. Write a date as ' +
        '2026-05-01 (midnight UTC) or a date and time with a zone, 2026-05-01T14:30:00Z.',
    );
  });

  it('refuses impossible calendar dates and fractional seconds', () => {
    for (const date of ['2026-02-30', '2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00']) {
      const [error] = problems({
        'content/awards/2026/one.md': award([
          'achievement: helper',
          'recipient:',
          '  id: https://example.org/people/one',
          `awardedDate: ${date}`,
        ]),
      });
      expect(error?.field, date).toBe('awardedDate');
    }
  });

  it('refuses validUntil before awardedDate', () => {
    const [error] = problems({
      'content/awards/2026/one.md': award([
        'achievement: helper',
        'recipient:',
        '  id: https://example.org/people/one',
        'awardedDate: 2026-03-01',
        'validUntil: 2026-02-01',
      ]),
    });
    expect(error?.field).toBe('validUntil');
    expect(error?.line).toBe(6);
    expect(error?.message).toBe('is not after awardedDate (2026-03-01T00:00:00Z)');
  });

  it('refuses a missing image file', () => {
    const [error] = problems({
      'content/achievements/helper.md': GOOD_FILES['content/achievements/helper.md']?.replace(
        'image: helper.svg',
        'image: gone.svg',
      ) as string,
    });
    expect(error?.code).toBe('ERR_IMAGE');
    expect(error?.format()).toBe(
      'content/achievements/helper.md:5: image: gone.svg does not exist. Put the file at ' +
        'content/achievements/gone.svg, or fix the path (it is relative to ' +
        'content/achievements/helper.md).',
    );
  });

  it('refuses an image that is not PNG or SVG', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46);
    expect(problems({ 'content/achievements/helper.svg': jpeg })[0]?.message).toBe(
      'helper.svg is not an SVG image',
    );
    const [error] = problems({
      'content/achievements/helper.md': GOOD_FILES['content/achievements/helper.md']?.replace(
        'image: helper.svg',
        'image: helper.jpg',
      ) as string,
      'content/achievements/helper.jpg': jpeg,
    });
    expect(error?.field).toBe('image');
    expect(error?.message).toBe('must be a .png or .svg file beside the Markdown file');
  });

  it('refuses an unknown front-matter key, listing the known ones', () => {
    const [error] = problems({
      'content/awards/2026/one.md': award([
        'achievement: helper',
        'recipient:',
        '  id: https://example.org/people/one',
        '  nmae: Typo',
        'awardedDate: 2026-03-01',
      ]),
    });
    expect(error?.field).toBe('recipient.nmae');
    expect(error?.line).toBe(5);
    expect(error?.hint).toContain('`name`');
  });

  it('refuses two awards with the same id', () => {
    const errors = problems({
      'content/awards/2026/one.markdown': GOOD_FILES['content/awards/2026/one.md'] as string,
    });
    expect(errors.map((error) => error.code)).toEqual(['ERR_DUPLICATE_ID']);
    expect(errors[0]?.format()).toContain('the same award id "2026/one"');
  });

  it('refuses award paths that cannot be permanent ids', () => {
    const [error] = problems({
      'content/awards/2026/One Award.md': GOOD_FILES['content/awards/2026/one.md'] as string,
    });
    expect(error?.message).toBe('"2026/One Award" cannot be an award id');
  });

  it('reports an award whose extension is in capitals instead of skipping it', () => {
    const [error] = problems({
      'content/awards/2026/erin.MD': GOOD_FILES['content/awards/2026/one.md'] as string,
    });
    expect(error?.message).toBe('"2026/erin.MD" cannot be an award id');
    expect(error?.file).toBe('content/awards/2026/erin.MD');
  });

  it('reports every problem of a run, not just the first', () => {
    const errors = problems({
      'content/awards/a.md': award(['achievement: nope', 'recipient: {id: "x"}']),
      'content/awards/b.md': award(['achievement: helper']),
    });
    expect(errors.map((error) => `${error.file} ${error.field}`)).toEqual([
      'content/awards/a.md recipient.id',
      'content/awards/a.md awardedDate',
      'content/awards/b.md recipient',
      'content/awards/b.md awardedDate',
    ]);
  });

  it('normalises dates to whole-second UTC DateTimeZ', () => {
    const content = loadContent(
      makeSite({
        ...GOOD_FILES,
        'content/awards/2026/one.md': award([
          'achievement: helper',
          'recipient:',
          '  id: did:example:123',
          'awardedDate: 2026-03-14T09:30:00+01:00',
          'validUntil: 2028-01-01T00:00Z',
        ]),
      }),
    );
    expect(content.awards[0]?.data.awardedDate).toBe('2026-03-14T08:30:00Z');
    expect(content.awards[0]?.data.validUntil).toBe('2028-01-01T00:00:00Z');
  });
});
