import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { unbake } from '../../../src/core/bake/unbake.ts';
import { itWithShared, sharedDir } from './artwork.ts';

const validator = (file: string) =>
  readFileSync(path.join(sharedDir, 'ob3/examples/validator-1edtech', file));
const cognipilot = (badge: string, file: string) =>
  readFileSync(path.join(sharedDir, 'real/cognipilot/credentials', badge, file));

/** The payload of a compact JWS, decoded but not verified. */
const payloadOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));

describe('unbake reads images baked by other tools', () => {
  itWithShared('the 1EdTech validator fixtures with embedded proof (PNG and SVG)', () => {
    const png = unbake(validator('ob30/simple-json.png'));
    const svg = unbake(validator('ob30/simple-json.svg'));
    expect(png).toMatchObject({ ok: true, format: 'png' });
    expect(svg).toMatchObject({ ok: true, format: 'svg' });
    if (!png.ok || !svg.ok) return;
    expect(png.credential).toMatchObject({
      id: 'http://example.com/credentials/3527',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
    });
    expect(svg.credential).toEqual(png.credential);
    expect(svg.text).toMatch(/^\s+\{/); // their SVG indents the CDATA body; we return it as is
  });

  itWithShared('the 1EdTech validator fixtures with a JWT proof (PNG and SVG)', () => {
    for (const file of ['ob30/simple-jwt.png', 'ob30/simple-jwt.svg']) {
      const result = unbake(validator(file));
      expect(result, file).toMatchObject({ ok: true, credential: expect.any(String) });
      if (!result.ok || typeof result.credential !== 'string') continue;
      expect(result.credential.split('.')).toHaveLength(3);
      expect(payloadOf(result.credential).type).toContain('OpenBadgeCredential');
    }
  });

  itWithShared('the CogniPilot badges, equal to their published credential.json', () => {
    for (const badge of [
      'collaborator-cognipilot',
      'contributor-cognipilot',
      'maintainer-cognipilot',
    ]) {
      const published = JSON.parse(cognipilot(badge, 'credential.json').toString('utf8'));
      for (const file of ['badge.png', 'badge.svg']) {
        // Their SVG puts the element last rather than first; readers must not care.
        expect(unbake(cognipilot(badge, file)), `${badge}/${file}`).toMatchObject({
          ok: true,
          credential: published,
        });
      }
    }
  });

  itWithShared('the 1EdTech OB 2.0 baked PNG, read as OB 2.0 only', () => {
    const bytes = validator('ob20/simple-badge.png');
    expect(unbake(bytes, { version: '2.0' })).toMatchObject({
      ok: true,
      format: 'png',
      credential: { type: 'Assertion', '@context': 'https://w3id.org/openbadges/v2' },
    });
    expect(unbake(bytes)).toMatchObject({ ok: false, code: 'no-credential' });
  });
});
