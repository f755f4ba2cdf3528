/**
 * Real credentials from another Open Badges issuer (../shared/real/cognipilot): did:web key,
 * BitstringStatusList with the Status List 2021 context, baked PNG and SVG made by their tools.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBadge } from '../../../src/core/verify/verify-badge.ts';
import { HAS_SHARED, needsShared, PROJECT_ROOT, SHARED } from '../../support/paths.ts';
import { mapFetcher } from './world.ts';

const REAL = path.join(SHARED, 'real/cognipilot');
const NOW = new Date('2026-06-01T00:00:00Z');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
// Their status list names the Status List 2021 context, which Laurel does not bundle; the test
// serves the copy a dev dependency (@digitalcredentials/verifier-core) brings along.
const STATUS_2021 = path.join(
  PROJECT_ROOT,
  'node_modules/@digitalbazaar/vc-status-list-context/contexts/vc-status-list-v1.jsonld',
);
const READY = HAS_SHARED && existsSync(STATUS_2021);
const TITLE = existsSync(STATUS_2021)
  ? needsShared('CogniPilot credentials')
  : 'CogniPilot credentials (skipped: the Status List 2021 context is not installed)';

function fetchJson() {
  return mapFetcher({
    'https://credentials.cognipilot.org/.well-known/did.json': json(
      path.join(REAL, 'site/.well-known/did.json'),
    ),
    'https://credentials.cognipilot.org/status/revocation-list': json(
      path.join(REAL, 'site/status/revocation-list'),
    ),
    // Fetched through fetchJson like the list itself, since it is not bundled.
    'https://w3id.org/vc/status-list/2021/v1': json(STATUS_2021),
  });
}

/** What each credential is, on 2026-06-01: the list revokes index 11. */
const EXPECTED: Record<string, string> = {
  'collaborator-cognipilot': 'verified',
  'contributor-cognipilot': 'verified',
  'maintainer-cognipilot': 'revoked',
};

describe.skipIf(!READY)(TITLE, () => {
  for (const [name, verdict] of Object.entries(EXPECTED)) {
    for (const file of ['credential.json', 'badge.png', 'badge.svg']) {
      it(`reads ${name}/${file} as ${verdict}`, async () => {
        const bytes = new Uint8Array(readFileSync(path.join(REAL, 'credentials', name, file)));
        const result = await verifyBadge(bytes, { now: NOW, fetchJson: fetchJson() });
        expect(result.verdict, result.reason).toBe(verdict);
        expect(result.steps.find((step) => step.id === 'proof')?.status).toBe('passed');
        expect(result.steps.find((step) => step.id === 'issuer-key')?.status).toBe('passed');
      });
    }
  }

  it('matches their mailto: recipient in any letter case', async () => {
    const credential = json(path.join(REAL, 'credentials/contributor-cognipilot/credential.json'));
    const result = await verifyBadge(credential, {
      now: NOW,
      fetchJson: fetchJson(),
      email: 'Examples@CogniPilot.org',
    });
    expect(result.steps.find((step) => step.id === 'recipient')?.status).toBe('passed');
  });

  it('reads the collaborator badge as expired after its validUntil', async () => {
    const credential = json(path.join(REAL, 'credentials/collaborator-cognipilot/credential.json'));
    const result = await verifyBadge(credential, {
      now: new Date('2026-10-01T00:00:00Z'),
      fetchJson: fetchJson(),
    });
    expect(result.verdict).toBe('expired');
  });
});
