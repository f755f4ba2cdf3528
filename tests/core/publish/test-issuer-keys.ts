/** The test-only key sets shaped as the build loads an issuer's keys. */
import type { IssuerKeys } from '../../../src/core/keys/load-issuer-keys.ts';
import { ISSUER_SLUG, type TestKeySet } from '../../fixtures/keys/test-keys.ts';

export function issuerKeys(set: TestKeySet, issuerSlug = ISSUER_SLUG): IssuerKeys {
  return {
    issuerSlug,
    publicKeys: [set.edPublic, set.rsaPublic],
    ed25519: { publicKey: set.edPublic, privateKey: set.ed25519 },
    rsa: { publicKey: set.rsaPublic, privateKey: set.rsa },
    development: false,
    generated: false,
    warnings: [],
  };
}
