import { describe, expect, it } from 'vitest';
import {
  addValidityPeriod,
  isValidityPeriod,
  toDateTimeZ,
} from '../../../src/core/content/dates.ts';
import { loadContent } from '../../../src/core/content/load-content.ts';
import { GOOD_FILES, makeSite } from '../../support/temp-site.ts';

describe('toDateTimeZ', () => {
  it.each([
    ['2026-03-14', '2026-03-14T00:00:00Z'],
    ['2026-03-14T09:30:00+01:00', '2026-03-14T08:30:00Z'],
    ['2026-03-14T23:30:00-03:00', '2026-03-15T02:30:00Z'],
    ['2026-03-14t09:30z', '2026-03-14T09:30:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
  ])('%s is %s', (input, expected) => {
    expect(toDateTimeZ(input)).toBe(expected);
  });

  it.each(['2026-02-29', '2026-13-01', '14/03/2026', '2026-03-14T25:00:00Z', '2026-03-14T10:00'])(
    'refuses %s',
    (input) => {
      expect(toDateTimeZ(input)).toBeUndefined();
    },
  );
});

describe('addValidityPeriod', () => {
  it.each([
    ['2026-03-14T08:30:00Z', 'P2Y', '2028-03-14T08:30:00Z'],
    ['2026-01-31T00:00:00Z', 'P1M', '2026-02-28T00:00:00Z'],
    ['2024-02-29T00:00:00Z', 'P1Y', '2025-02-28T00:00:00Z'],
    ['2026-11-15T00:00:00Z', 'P3M', '2027-02-15T00:00:00Z'],
    ['2026-03-14T00:00:00Z', 'P90D', '2026-06-12T00:00:00Z'],
    ['2026-03-14T00:00:00Z', 'P1Y2M3W4D', '2027-06-08T00:00:00Z'],
  ])('%s + %s = %s', (start, period, expected) => {
    expect(addValidityPeriod(start, period)).toBe(expected);
  });

  it('accepts only year, month, week and day periods', () => {
    expect(['P2Y', 'P6M', 'P4W', 'P90D'].every(isValidityPeriod)).toBe(true);
    expect(['P', 'PT1H', '2Y', 'P-1Y', 'P1.5Y'].some(isValidityPeriod)).toBe(false);
  });
});

it("an achievement's validFor sets the expiry of awards that have none of their own", () => {
  const achievement = GOOD_FILES['content/achievements/helper.md']?.replace(
    'imageAlt: A red circle',
    'imageAlt: A red circle\nvalidFor: P2Y',
  ) as string;
  const content = loadContent(
    makeSite({
      ...GOOD_FILES,
      'content/achievements/helper.md': achievement,
      'content/awards/2026/two.md': [
        '---',
        'achievement: helper',
        'recipient: { id: "https://example.org/people/two" }',
        'awardedDate: 2026-03-01',
        'validUntil: 2026-06-01',
        '---',
      ].join('\n'),
    }),
  );
  const validUntil = Object.fromEntries(content.awards.map((a) => [a.id, a.validUntil]));
  expect(validUntil).toEqual({
    '2026/one': '2028-03-01T00:00:00Z',
    '2026/two': '2026-06-01T00:00:00Z',
  });
});
