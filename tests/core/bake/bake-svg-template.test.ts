import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { createSvgBakeTemplate } from '../../../src/core/bake/bake-svg-template.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import { artworkFixtures, credentialJson, credentialJws, projectRoot } from './artwork.ts';

const sampleArtwork = path.join(projectRoot, 'content', 'achievements');
const artwork = [
  ...readdirSync(artworkFixtures).map((name) => path.join(artworkFixtures, name)),
  ...readdirSync(sampleArtwork).map((name) => path.join(sampleArtwork, name)),
].filter((file) => file.endsWith('.svg'));

/** Credentials that exercise the CDATA splitting: `]]>` inside, at the start, at the end, twice. */
const credentials = [
  credentialJson('Ada Example'),
  credentialJson('Zoë Ñandú 王晓梅', 2),
  credentialJson('a]]>b'),
  credentialJson(']]>'),
  credentialJson('x]]>]]>y]]]]>>'),
  '{"a":"]]>"}',
];

describe('createSvgBakeTemplate', () => {
  it('has artwork to test on', () => {
    expect(artwork.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of artwork) {
    it(`bakes exactly the bytes bakeSvg bakes: ${path.basename(file)}`, () => {
      const svg = readFileSync(file, 'utf8');
      const template = createSvgBakeTemplate(svg, { file });
      for (const json of credentials) {
        expect(template.bake(json)).toBe(bakeSvg(svg, { json }, { file }));
      }
    });
  }

  it('refuses what bakeSvg refuses, with the same error', () => {
    const svg = readFileSync(artwork[0] as string, 'utf8');
    const template = createSvgBakeTemplate(svg, { file: 'a.svg' });
    for (const text of [' {"a":1}', 'not json', credentialJws(), '{"a":"\u0001"}']) {
      const ours = catchError(() => template.bake(text));
      const theirs = catchError(() => bakeSvg(svg, { json: text }, { file: 'a.svg' }));
      expect(ours).toBeInstanceOf(LaurelError);
      expect(ours?.format()).toBe(theirs?.format());
    }
  });

  it('refuses unusable artwork when the template is made, as bakeSvg does', () => {
    const html = '<html xmlns="http://www.w3.org/1999/xhtml"/>';
    expect(() => createSvgBakeTemplate(html, { file: 'x.svg' })).toThrow(/not an SVG image/);
  });

  it('refuses artwork that already holds the placeholder, rather than splicing twice', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><desc><![CDATA[{"laurel:placeholder":' +
      '"credential JSON goes here"}]]></desc></svg>';
    expect(() => createSvgBakeTemplate(svg)).toThrow(/cannot make a baking template/);
  });
});

function catchError(run: () => unknown): LaurelError | undefined {
  try {
    run();
  } catch (error) {
    return error as LaurelError;
  }
  return undefined;
}
