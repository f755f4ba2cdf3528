import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { exportPKCS8, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import type { LaurelError } from '../../../src/core/errors.ts';
import { buildDidDocument, verificationMethodId } from '../../../src/core/keys/did-document.ts';
import { issuerSecrets } from '../../../src/core/keys/issuer-secrets-node.ts';
import { buildJwks, publicJwkFile } from '../../../src/core/keys/jwks.ts';
import { encodePrivateKeysEnv } from '../../../src/core/keys/private-keys-env.ts';
import {
  findPrivateKeyMaterial,
  privateKeyKinds,
  privateKeyText,
} from '../../../src/core/keys/scan-private-keys.ts';
import {
  assertNothingLeaks,
  scanFiles,
  scanForPrivateKeys,
} from '../../../src/core/publish/scan-output-node.ts';
import { signDataIntegrity } from '../../../src/core/sign/sign-data-integrity.ts';
import { signVcJwt } from '../../../src/core/sign/sign-jwt.ts';
import { ISSUER_DID, KEYS_A, sampleCredential } from '../../fixtures/keys/test-keys.ts';
import { projectRoot } from '../bake/artwork.ts';
import { issuerKeys } from '../publish/test-issuer-keys.ts';

const SAMPLE_PNG = 'content/achievements/first-thread.png';

function outputFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-scan-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function publicOutput(): Promise<Record<string, string>> {
  const signed = await signDataIntegrity(sampleCredential(), KEYS_A.ed25519, {
    created: '2026-03-01T00:00:00Z',
    verificationMethod: verificationMethodId(ISSUER_DID, KEYS_A.ed25519.name),
  });
  const keys = [KEYS_A.edPublic, KEYS_A.rsaPublic];
  return {
    'credentials/ada.json': JSON.stringify(signed, null, 2),
    'credentials/ada.jws': await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: 'https://x' }),
    'issuers/test-club/did.json': JSON.stringify(buildDidDocument(ISSUER_DID, keys)),
    'issuers/test-club/jwks.json': JSON.stringify(buildJwks(keys)),
    'issuers/test-club/keys/rsa-test-a.json': JSON.stringify(publicJwkFile(KEYS_A.rsaPublic)),
    'badge.svg': '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10"/></svg>',
  };
}

describe('the private key scanner', () => {
  it('finds nothing in what a build publishes', async () => {
    const dir = outputFolder(await publicOutput());
    expect(await scanForPrivateKeys(dir)).toEqual([]);
  });

  it('finds a planted private JWK and a PEM private key, and names the files', async () => {
    const pem = await exportPKCS8(
      await importJWK(KEYS_A.rsa.privateKeyJwk, 'RS256', { extractable: true }),
    );
    const dir = outputFolder({
      ...(await publicOutput()),
      'assets/config.json': JSON.stringify({ key: KEYS_A.rsa.privateKeyJwk }, null, 2),
      'nested/deep/key.txt': `notes\n${pem}`,
    });
    expect(await scanForPrivateKeys(dir)).toEqual([
      { file: 'assets/config.json', kind: 'jwk-private' },
      { file: 'nested/deep/key.txt', kind: 'pem-private' },
    ]);
    await expect(assertNothingLeaks(dir)).rejects.toMatchObject({
      code: 'ERR_LEAK',
      message: expect.stringContaining('assets/config.json (jwk-private)'),
    });
  });

  it('reads each file alone: a large file does not spill into the ones after it', async () => {
    const secret = `"secretKeyMultibase": "${KEYS_A.ed25519.secretKeyMultibase}"`;
    // Larger than the scanner's first read buffer, with the key at its very end.
    const large = `${'x'.repeat(3 * 1024 * 1024)}${secret}`;
    const dir = outputFolder({
      'a/large.txt': large,
      'b/small.txt': 'a short clean file',
      'c/empty.txt': '',
      'd/medium.txt': `${'y'.repeat(1024 * 1024 + 10)}`,
      'e/key.txt': secret,
    });
    expect(await scanForPrivateKeys(dir)).toEqual([
      { file: 'a/large.txt', kind: 'multikey-secret' },
      { file: 'e/key.txt', kind: 'multikey-secret' },
    ]);
  });

  it('reads a PNG where text can hide, but not its compressed pixels', () => {
    const artwork = new Uint8Array(readFileSync(path.join(projectRoot, SAMPLE_PNG)));
    const secret = `"secretKeyMultibase": "${KEYS_A.ed25519.secretKeyMultibase}"`;
    const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
    // A clean PNG: only its chunk headers and metadata are read, not the IDAT data.
    const clean = privateKeyText(artwork);
    expect(clean.length).toBeLessThan(artwork.length / 2);
    expect(privateKeyKinds(clean)).toEqual([]);
    // Baked in a text chunk, or appended after the IEND chunk: found.
    const baked = bakePng(artwork, `{${secret}}`, { keyword: 'openbadges' });
    expect(privateKeyKinds(privateKeyText(baked))).toEqual(['multikey-secret']);
    const appended = Buffer.concat([artwork, Buffer.from(secret)]);
    expect(privateKeyKinds(privateKeyText(appended))).toEqual(['multikey-secret']);
    // A damaged PNG is read whole.
    const damaged = Buffer.concat([artwork.subarray(0, 100), Buffer.from(secret)]);
    expect(privateKeyText(damaged)).toBe(latin1(damaged));
    expect(privateKeyKinds(privateKeyText(damaged))).toEqual(['multikey-secret']);
  });

  it('recognises every form of Laurel private key material', () => {
    expect(privateKeyKinds(JSON.stringify(KEYS_A.ed25519))).toEqual(['multikey-secret']);
    expect(privateKeyKinds(JSON.stringify(KEYS_A.rsa))).toEqual(['jwk-private']);
    expect(privateKeyKinds(encodePrivateKeysEnv({ x: [KEYS_A.ed25519] }))).toEqual([
      'laurel-env-value',
    ]);
    expect(privateKeyKinds('-----BEGIN EC PRIVATE KEY-----\nMHc...')).toEqual(['pem-private']);
    // JSON escaped inside an HTML attribute or a JS string.
    const escaped = JSON.stringify(JSON.stringify({ jwk: KEYS_A.rsa.privateKeyJwk }));
    expect(findPrivateKeyMaterial(escaped)).toBe(true);
  });

  it('does not mistake public keys or ordinary text for private ones', () => {
    expect(findPrivateKeyMaterial(JSON.stringify(publicJwkFile(KEYS_A.rsaPublic)))).toBe(false);
    expect(findPrivateKeyMaterial('-----BEGIN PUBLIC KEY-----')).toBe(false);
    expect(findPrivateKeyMaterial('Set "secretKeyMultibase" in the key file.')).toBe(false);
    expect(findPrivateKeyMaterial('{"d": "short"}')).toBe(false);
    expect(findPrivateKeyMaterial('secretKeyMultibase: <the z... value from the key file>')).toBe(
      false,
    );
  });
});

describe("the private key scanner, given the issuers' keys", () => {
  const keys = [issuerKeys(KEYS_A)];
  const jwk = KEYS_A.rsa.privateKeyJwk;
  const multibase = KEYS_A.ed25519.secretKeyMultibase;
  const edKey = "test-club's key ed25519-test-a";
  const rsaKey = "test-club's key rsa-test-a";
  const issuerKey = (file: string, detail: string) => ({
    file,
    kind: 'issuer-private-key',
    detail,
  });
  /** Base64 with `+`, `/` and padding, as `base64` and most libraries write it. */
  const standard = (base64url: string) => Buffer.from(base64url, 'base64url').toString('base64');

  it('finds a bare secretKeyMultibase, a bare RSA d and a YAML line, by file', async () => {
    const dir = outputFolder({
      ...(await publicOutput()),
      'notes/multibase.txt': `${multibase}\n`,
      'notes/rsa-d.txt': jwk.d,
      'data/keys.yml': `issuer: test-club\nsecretKeyMultibase: ${multibase}\n`,
    });
    expect(await scanForPrivateKeys(dir, keys)).toEqual([
      { file: 'data/keys.yml', kind: 'multikey-secret' },
      issuerKey('data/keys.yml', `secretKeyMultibase of ${edKey}`),
      issuerKey('notes/multibase.txt', `secretKeyMultibase of ${edKey}`),
      issuerKey('notes/rsa-d.txt', `d of ${rsaKey}`),
    ]);
    // The patterns alone know no bare values: only the YAML line's shape gives it away.
    expect(await scanForPrivateKeys(dir)).toEqual([
      { file: 'data/keys.yml', kind: 'multikey-secret' },
    ]);
  });

  it('finds a private JWK HTML-escaped in an attribute, as Astro writes it', async () => {
    const attribute = JSON.stringify(jwk).replaceAll('"', '&quot;');
    const dir = outputFolder({
      ...(await publicOutput()),
      'keys/index.html': `<!doctype html><div id="k" data-key="${attribute}"></div>`,
    });
    expect(await scanForPrivateKeys(dir, keys)).toEqual([
      { file: 'keys/index.html', kind: 'jwk-private' },
      issuerKey('keys/index.html', `d, p, q, dp, dq, qi of ${rsaKey}`),
    ]);
  });

  it('finds each private member alone in standard base64, however it is escaped', async () => {
    const p = standard(jwk.p);
    const qi = standard(jwk.qi);
    const dq = standard(jwk.dq);
    const dp = standard(jwk.dp);
    // The test means something only if the two alphabets differ for these values.
    for (const [value, member] of [
      [p, jwk.p],
      [qi, jwk.qi],
      [dq, jwk.dq],
      [dp, jwk.dp],
    ]) {
      expect(value?.replace(/=+$/, '')).not.toBe(member);
    }
    const ed = await ed25519Forms();
    const dir = outputFolder({
      'a/p.txt': p,
      'b/qi.html': `<a href="/unlock?k=${encodeURIComponent(qi)}">x</a>`,
      'c/dq.json': JSON.stringify({ dq }).replaceAll('/', '\\/'),
      'd/dp.html': `<p>${dp.replaceAll('/', '&#x2F;').replaceAll('+', '&#43;')}</p>`,
      'e/ed-d.txt': `seed: ${standard(ed.jwk.d)}`,
      'f/ed-jwk.js': `const jwk = ${JSON.stringify(ed.jwk)};`,
      'g/ed-multikey-jwk.json': JSON.stringify({ d: ed.secret64 }),
    });
    expect(await scanForPrivateKeys(dir, keys)).toEqual([
      issuerKey('a/p.txt', `p of ${rsaKey}`),
      issuerKey('b/qi.html', `qi of ${rsaKey}`),
      issuerKey('c/dq.json', `dq of ${rsaKey}`),
      issuerKey('d/dp.html', `dp of ${rsaKey}`),
      issuerKey('e/ed-d.txt', `d of ${edKey}`),
      { file: 'f/ed-jwk.js', kind: 'jwk-private' },
      issuerKey('f/ed-jwk.js', `d of ${edKey}`),
      issuerKey('g/ed-multikey-jwk.json', `d of ${edKey}`),
    ]);
  });

  it('finds the keys as PEM and as a PKCS#8 body without its header', async () => {
    const rsa = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    const rsaPem = rsa.export({ type: 'pkcs8', format: 'pem' }).toString();
    const edPem = (await ed25519Forms()).key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = (pem: string) => pem.replaceAll(/-----[^-]+-----/g, '').trim();
    const dir = outputFolder({
      'pem/rsa.pem': rsaPem,
      'pem/ed.pem': edPem,
      'config/rsa.json': JSON.stringify({ privateKey: body(rsaPem).replaceAll('\n', '') }),
      'config/ed.txt': `KEY=${body(edPem)}`,
      'config/rsa-pkcs1.txt': rsa.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    });
    expect(await scanForPrivateKeys(dir, keys)).toEqual([
      issuerKey('config/ed.txt', `PKCS#8 of ${edKey}`),
      issuerKey('config/rsa-pkcs1.txt', `p, q, qi, PKCS#1 of ${rsaKey}`),
      // Members that sit on a base64 boundary inside the DER are found as themselves too.
      issuerKey('config/rsa.json', `d, dq, PKCS#8 of ${rsaKey}`),
      { file: 'pem/ed.pem', kind: 'pem-private' },
      issuerKey('pem/ed.pem', `PKCS#8 of ${edKey}`),
      { file: 'pem/rsa.pem', kind: 'pem-private' },
      issuerKey('pem/rsa.pem', `PKCS#8 of ${rsaKey}`),
    ]);
  });

  it("does not report the issuers' public keys", async () => {
    const { n, e } = jwk;
    const { x } = (await ed25519Forms()).jwk;
    const attribute = JSON.stringify({ kty: 'RSA', n, e }).replaceAll('"', '&quot;');
    const dir = outputFolder({
      ...(await publicOutput()),
      'keys/public.txt': [KEYS_A.ed25519.publicKeyMultibase, n, e, x].join('\n'),
      'keys/public.html': `<div data-key="${attribute}"></div>`,
      'keys/ed-public.json': JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x }),
      'keys/public.pem': createPublicKey({ key: { ...jwk }, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    });
    expect(await scanForPrivateKeys(dir, keys)).toEqual([]);
  });

  it('fails the build naming the file and the key, never printing the secret', async () => {
    const dir = outputFolder({ ...(await publicOutput()), 'assets/d.txt': jwk.d });
    const secrets = issuerSecrets(keys);
    const error = (await assertNothingLeaks(dir, async (files, allowed) =>
      scanFiles(dir, files, allowed, secrets),
    ).catch((caught: unknown) => caught)) as LaurelError;
    expect(error.code).toBe('ERR_LEAK');
    expect(error.format()).toBe(
      `Private key material found in ${dir}: assets/d.txt (issuer-private-key: d of ${rsaKey}). ` +
        'Find what copied the key there (a content file, a public/ asset, a custom page) and ' +
        'remove it; if the key ever left your machine, run `npm run keys -- rotate`.',
    );
    expect(error.format()).not.toContain(jwk.d.slice(0, 16));
  });
});

/**
 * The test Ed25519 key as the Multikey library decodes it: its 64-byte secret (seed, then public
 * key, the `d` the library's own JWK export carries) and Node's key object made from the seed.
 */
async function ed25519Forms() {
  const pair = await Ed25519Multikey.from(KEYS_A.ed25519);
  const secret = Buffer.from(pair.secretKey ?? new Uint8Array());
  const jwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    d: secret.subarray(0, 32).toString('base64url'),
    x: Buffer.from(pair.publicKey).toString('base64url'),
  };
  return {
    jwk,
    secret64: secret.toString('base64url'),
    key: createPrivateKey({ key: jwk, format: 'jwk' }),
  };
}
