import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPKCS8, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { buildDidDocument, verificationMethodId } from '../../../src/core/keys/did-document.ts';
import { buildJwks, publicJwkFile } from '../../../src/core/keys/jwks.ts';
import { encodePrivateKeysEnv } from '../../../src/core/keys/private-keys-env.ts';
import {
  findPrivateKeyMaterial,
  privateKeyKinds,
  privateKeyText,
} from '../../../src/core/keys/scan-private-keys.ts';
import {
  assertNothingLeaks,
  scanForPrivateKeys,
} from '../../../src/core/publish/scan-output-node.ts';
import { signDataIntegrity } from '../../../src/core/sign/sign-data-integrity.ts';
import { signVcJwt } from '../../../src/core/sign/sign-jwt.ts';
import { ISSUER_DID, KEYS_A, sampleCredential } from '../../fixtures/keys/test-keys.ts';
import { projectRoot } from '../bake/artwork.ts';

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
  });
});
