import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PNG_SIGNATURE } from '../../../src/core/bake/png-chunks.ts';
import { encodeITxt } from '../../../src/core/bake/png-text-chunks.ts';
import type { LaurelError } from '../../../src/core/errors.ts';
import { publicEmails } from '../../../src/core/publish/scan-earner-emails-node.ts';
import {
  assertNothingLeaks,
  scanForEarnerEmails,
} from '../../../src/core/publish/scan-output-node.ts';

/** A fake build output: the issuer's Profile (its public address) plus the given files. */
function output(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-out-'));
  const all = {
    'issuers/club.json': JSON.stringify({ type: ['Profile'], email: 'Badges@Club.example.org' }),
    'achievements/helper.json': JSON.stringify({
      creator: { type: ['Profile'], name: 'Guild', email: 'guild@partner.example.net' },
    }),
    'index.html': '<a href="mailto:badges@club.example.org">badges@club.example.org</a>',
    ...files,
  };
  for (const [file, data] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), data);
  }
  return dir;
}

async function findings(files: Record<string, string | Uint8Array>) {
  const dir = output(files);
  return scanForEarnerEmails(dir, await publicEmails(dir));
}

/** A PNG made only of chunks (the scanner does not decode pixels); CRCs are not checked. */
function png(chunks: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const [type, data] of [...chunks, ['IEND', new Uint8Array(0)] as const]) {
    const head = new Uint8Array(8);
    new DataView(head.buffer).setUint32(0, data.length);
    head.set(new TextEncoder().encode(type), 4);
    parts.push(head, data, new Uint8Array(4));
  }
  return Buffer.concat(parts);
}

const jwt = (payload: object) =>
  [{ alg: 'RS256' }, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .concat('c2ln')
    .join('.');

describe('scanForEarnerEmails', () => {
  it('allows the issuers’ and creators’ own addresses, in any letter case', async () => {
    expect(await findings({ 'a.html': 'Write to GUILD@partner.example.net.' })).toEqual([]);
  });

  it('finds an earner’s address in HTML, naming the file and masking the address', async () => {
    expect(
      await findings({ 'credentials/2026/one/index.html': '<p>Ask Jane.Doe@Example.NET</p>' }),
    ).toEqual([{ file: 'credentials/2026/one/index.html', address: 'j***@example.net' }]);
  });

  it('sees through HTML entities, JSON escapes and percent-encoding', async () => {
    expect(
      await findings({
        'a.html': 'jane&#64;example&#46;net',
        'b.html': 'jane&#x40;example.net and bo&commat;example.net',
        'c.json': '{"x":"jane\\u0040example.net"}',
        'd.html': '<a href="mailto:jane%40example.net">mail</a>',
      }),
    ).toEqual([
      { file: 'a.html', address: 'j***@example.net' },
      { file: 'b.html', address: 'b***@example.net' },
      { file: 'b.html', address: 'j***@example.net' },
      { file: 'c.json', address: 'j***@example.net' },
      { file: 'd.html', address: 'j***@example.net' },
    ]);
  });

  it('decodes VC-JWT payloads', async () => {
    const token = jwt({ vc: { credentialSubject: { email: 'earner@example.org' } } });
    expect(await findings({ 'credentials/x.jwt': token })).toEqual([
      { file: 'credentials/x.jwt', address: 'e***@example.org' },
    ]);
    const fine = jwt({ vc: { issuer: { email: 'badges@club.example.org' } } });
    expect(await findings({ 'credentials/y.jwt': fine })).toEqual([]);
  });

  it('reads PNG text chunks, compressed ones too, and skips other binary files', async () => {
    const zTxt = Buffer.concat([
      Buffer.from('Comment\0\0'),
      deflateSync(Buffer.from('from zed@example.org')),
    ]);
    const found = await findings({
      'credentials/x.png': png([
        ['iTXt', encodeITxt('openbadgecredential', '{"name":"ann@example.org"}')],
        ['zTXt', zTxt],
      ]),
      'fonts/x.woff2': Buffer.from('\0\0\0binary bob@example.org'),
    });
    expect(found).toEqual([
      { file: 'credentials/x.png', address: 'a***@example.org' },
      { file: 'credentials/x.png', address: 'z***@example.org' },
    ]);
  });

  it('fails the build with ERR_LEAK, never printing the whole address', async () => {
    const dir = output({ 'achievements/helper/index.html': 'Ask someone.private@gmail.com' });
    const error = (await assertNothingLeaks(dir).catch((caught: unknown) => caught)) as LaurelError;
    expect(error.code).toBe('ERR_LEAK');
    expect(error.format()).toBe(
      'plaintext e-mail address(es) in the output: achievements/helper/index.html ' +
        "(s***@gmail.com). Only the issuers' own addresses may be published. Remove the " +
        'address from the content or public/ file it came from; an earner is named by ' +
        '`hashedEmail` (run `npm run laurel -- hash-email`), an issuer contact belongs in the ' +
        "issuer's `email`.",
    );
    expect(error.format()).not.toContain('someone.private');
    await expect(assertNothingLeaks(output({}))).resolves.toBe(undefined);
  });
});

describe('assertNothingLeaks', () => {
  const key = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), d: 'B'.repeat(43) });

  it('reports a private key first, then earner addresses, in one pass over the folder', async () => {
    const both = output({ 'keys.json': key, 'page.html': '<p>ana.lopez@mail.example.net</p>' });
    await expect(assertNothingLeaks(both)).rejects.toMatchObject({
      code: 'ERR_LEAK',
      message: expect.stringContaining('keys.json (jwk-private)'),
    });
    const address = output({ 'page.html': '<p>ana.lopez@mail.example.net</p>' });
    await expect(assertNothingLeaks(address)).rejects.toMatchObject({
      code: 'ERR_LEAK',
      message: expect.stringContaining('page.html (a***@mail.example.net)'),
    });
  });

  it("passes a folder with only the issuers' own addresses", async () => {
    await expect(assertNothingLeaks(output({}))).resolves.toBe(undefined);
  });
});
