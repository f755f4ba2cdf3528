import { describe, expect, it } from 'vitest';
import { linkedInAddUrl } from '../../../src/core/share/linkedin.ts';

const CERTIFICATION = {
  name: 'R&D #1 — Café',
  organizationName: 'Ünïon & Sons #2',
  issued: '2026-03-14T09:30:00Z',
  certUrl: 'https://badges.example.org/guild/credentials/2026/r-d/',
  certId: 'https://badges.example.org/guild/credentials/2026/r-d.json',
};

describe('linkedInAddUrl', () => {
  it('decodes back to the exact fields of an award named R&D #1 — Café', () => {
    const url = new URL(linkedInAddUrl(CERTIFICATION));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(url.hash).toBe('');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'R&D #1 — Café',
      organizationName: 'Ünïon & Sons #2',
      issueYear: '2026',
      issueMonth: '3',
      certUrl: CERTIFICATION.certUrl,
      certId: CERTIFICATION.certId,
    });
  });

  it('encodes & and # so they cannot end a field or start a fragment', () => {
    const url = linkedInAddUrl(CERTIFICATION);
    expect(url).toContain('name=R%26D+%231+%E2%80%94+Caf%C3%A9&');
    expect(url).not.toContain('#');
  });

  it('adds the expiry month and year only when the award expires', () => {
    const expiring = new URL(linkedInAddUrl({ ...CERTIFICATION, expires: '2028-11-30T00:00:00Z' }));
    expect(expiring.searchParams.get('expirationYear')).toBe('2028');
    expect(expiring.searchParams.get('expirationMonth')).toBe('11');
    const lasting = new URL(linkedInAddUrl(CERTIFICATION));
    expect(lasting.searchParams.has('expirationYear')).toBe(false);
    expect(lasting.searchParams.has('expirationMonth')).toBe(false);
  });
});
