/**
 * Signing throughput: `node bench/sign.ts [count]`. Prints credentials signed per second with both
 * proofs through Laurel (signDataIntegrity then signVcJwt) next to the raw libraries alone
 * (vc.issue with a ready suite; jose CompactSign with an imported key), so the cost of Laurel's own
 * work (copying, key import, error wrapping, payload assembly) stays visible. Not part of the
 * test suite; the keys are the test-only fixtures.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { issue } from '@digitalbazaar/vc';
import { CompactSign, importJWK } from 'jose';
import type { UnsignedCredential } from '../src/core/credential/types.ts';
import { verificationMethodId } from '../src/core/keys/did-document.ts';
import { documentLoader } from '../src/core/sign/document-loader.ts';
import { signDataIntegrity } from '../src/core/sign/sign-data-integrity.ts';
import { signVcJwt } from '../src/core/sign/sign-jwt.ts';
import { ISSUER_DID, KEYS_A, sampleCredential } from '../tests/fixtures/keys/test-keys.ts';

const count = Number(process.argv[2] ?? 200);
const method = verificationMethodId(ISSUER_DID, KEYS_A.ed25519.name);
const created = '2026-03-01T00:00:00Z';
const kid = 'https://badges.example.org/guild/issuers/test-club/keys/rsa-test-a.json';

const credentials: UnsignedCredential[] = Array.from({ length: count }, (_, i) => {
  const credential = sampleCredential();
  credential.id = `${credential.id}?n=${i}`;
  credential.credentialSubject.id = `https://example.org/people/${i}`;
  return credential;
});

/** Best of three passes after a warm-up, so JIT and GC noise from earlier runs weigh less. */
async function rate(label: string, work: (credential: UnsignedCredential) => Promise<unknown>) {
  for (const credential of credentials.slice(0, 20)) await work(credential);
  let seconds = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass += 1) {
    const start = performance.now();
    for (const credential of credentials) await work(credential);
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  const perSecond = count / seconds;
  const each = ((seconds * 1000) / count).toFixed(2);
  console.log(`${label.padEnd(44)} ${perSecond.toFixed(0).padStart(6)} /s  ${each} ms each`);
  return perSecond;
}

const edPair = await Ed25519Multikey.from({
  ...KEYS_A.ed25519,
  id: method,
  controller: ISSUER_DID,
});
const rsaKey = await importJWK(KEYS_A.rsa.privateKeyJwk, 'RS256');
const signedOnce = await signDataIntegrity(credentials[0] as UnsignedCredential, KEYS_A.ed25519, {
  created,
  verificationMethod: method,
});
const payload = new TextEncoder().encode(JSON.stringify(signedOnce));

console.log(`Signing ${count} credentials, best of 3 passes, one core, Node ${process.version}\n`);
await rate('Laurel: signDataIntegrity only', (credential) =>
  signDataIntegrity(credential, KEYS_A.ed25519, { created, verificationMethod: method }),
);
await rate('Laurel: signVcJwt only', () =>
  signVcJwt(signedOnce, KEYS_A.rsa.privateKeyJwk, { kid }),
);
const rawIssue = await rate('raw: vc.issue (eddsa-rdfc-2022)', (credential) =>
  issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ signer: edPair.signer(), date: created, cryptosuite }),
    documentLoader,
  }),
);
const rawJose = await rate('raw: jose CompactSign (RS256)', () =>
  new CompactSign(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(rsaKey),
);
// Last, so that it runs on warmed-up code like the figures it is compared with.
const both = await rate('Laurel: Data Integrity + VC-JWT', async (credential) => {
  const signed = await signDataIntegrity(credential, KEYS_A.ed25519, {
    created,
    verificationMethod: method,
  });
  return signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid });
});
const rawBoth = 1 / (1 / rawIssue + 1 / rawJose);
console.log(
  `\nraw libraries combined (harmonic): ${rawBoth.toFixed(0)} /s; Laurel: ${both.toFixed(0)} /s ` +
    `(${((both / rawBoth) * 100).toFixed(0)}% of raw)`,
);
