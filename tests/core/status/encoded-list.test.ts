import { describe, expect, it } from 'vitest';
import { LaurelError } from '../../../src/core/errors.ts';
import {
  createBitstring,
  isBitSet,
  MIN_STATUS_LIST_LENGTH,
  setBitIndices,
} from '../../../src/core/status/bitstring.ts';
import { decodeStatusList, encodeStatusList } from '../../../src/core/status/encoded-list.ts';

const base64urlToBytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

describe('encodeStatusList and decodeStatusList', () => {
  it('round-trips exactly the set indices', async () => {
    const encoded = await encodeStatusList([0, 7, 8, 131_071]);
    const bits = await decodeStatusList(encoded);
    expect(bits.length).toBe(16_384);
    expect(setBitIndices(bits)).toEqual([0, 7, 8, 131_071]);
    expect(isBitSet(bits, 0)).toBe(true);
    expect(isBitSet(bits, 1)).toBe(false);
    expect(isBitSet(bits, 131_071)).toBe(true);
  });

  it('puts index 0 in the most significant bit of byte 0', () => {
    expect(createBitstring([0], MIN_STATUS_LIST_LENGTH)[0]).toBe(0x80);
    expect(createBitstring([7], MIN_STATUS_LIST_LENGTH)[0]).toBe(0x01);
    const eight = createBitstring([8], MIN_STATUS_LIST_LENGTH);
    expect([eight[0], eight[1]]).toEqual([0x00, 0x80]);
  });

  it('writes multibase base64url without padding, over a GZIP stream', async () => {
    const encoded = await encodeStatusList([3]);
    expect(encoded).toMatch(/^uH4sI[A-Za-z0-9_-]+$/);
  });

  it('gives the same bytes every time, with no timestamp in the GZIP header', async () => {
    const first = await encodeStatusList([5, 99, 4_000]);
    const second = await encodeStatusList([4_000, 99, 5]);
    expect(second).toBe(first);
    const header = base64urlToBytes(first.slice(1)).subarray(0, 10);
    // Magic, deflate, no flags, MTIME 0, XFL 0, OS 255 (unknown).
    expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  });

  it('encodes longer lists', async () => {
    const bits = await decodeStatusList(await encodeStatusList([140_000], 131_072 + 16_384));
    expect(bits.length * 8).toBe(147_456);
    expect(setBitIndices(bits)).toEqual([140_000]);
  });

  it.each([
    [131_064, 'shorter than the minimum'],
    [131_073, 'not a multiple of 8'],
    [131_072.5, 'not an integer'],
  ])('refuses a length of %d (%s)', async (length) => {
    await expect(encodeStatusList([], length)).rejects.toMatchObject({ code: 'ERR_STATUS' });
  });

  it.each([-1, 131_072, 1.5, Number.NaN])('refuses index %d', async (index) => {
    await expect(encodeStatusList([index])).rejects.toThrow(/outside the list/);
  });

  it('refuses to read a bit past the end of the list', () => {
    const bits = createBitstring([], MIN_STATUS_LIST_LENGTH);
    expect(() => isBitSet(bits, 131_072)).toThrow(LaurelError);
  });
});

describe('decodeStatusList tolerance', () => {
  const plain = Buffer.from(createBitstring([1, 42], MIN_STATUS_LIST_LENGTH));

  async function gzipped(): Promise<Buffer> {
    const { gzipSync } = await import('node:zlib');
    return gzipSync(plain);
  }

  it('reads a list without the multibase prefix', async () => {
    const bits = await decodeStatusList((await gzipped()).toString('base64url'));
    expect(setBitIndices(bits)).toEqual([1, 42]);
  });

  it('reads standard base64 with padding, with or without a prefix', async () => {
    const standard = (await gzipped()).toString('base64');
    expect(setBitIndices(await decodeStatusList(standard))).toEqual([1, 42]);
    expect(setBitIndices(await decodeStatusList(`u${standard}`))).toEqual([1, 42]);
  });

  it.each([
    ['an empty string', '', /missing or empty/],
    ['text that is not base64', 'u!!not base64!!', /is not base64/],
    ['base64 that is not GZIP', `u${Buffer.from('hello world').toString('base64url')}`, /GZIP/],
    ['a truncated GZIP stream', 'uH4sIAAAAAAAA_-3BMQEAAAzDoMy_6cnoA9QF', /broken GZIP stream/],
  ])('rejects %s with ERR_STATUS', async (_name, encoded, message) => {
    const failure = decodeStatusList(encoded);
    await expect(failure).rejects.toBeInstanceOf(LaurelError);
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_STATUS',
      message: expect.stringMatching(message),
    });
  });

  it('rejects a list that inflates past the size limit', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(new Uint8Array(17 * 1024 * 1024));
    await expect(decodeStatusList(`u${bomb.toString('base64url')}`)).rejects.toThrow(
      /inflates past/,
    );
  });
});
