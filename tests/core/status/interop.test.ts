import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBitSet, setBitIndices } from '../../../src/core/status/bitstring.ts';
import { decodeStatusList } from '../../../src/core/status/encoded-list.ts';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const shared = path.resolve(projectRoot, '..', 'shared');

function encodedListOf(relative: string, skip: (note: string) => never): string {
  const file = path.join(shared, relative);
  if (!existsSync(file)) skip(`fixture absent: ${file}`);
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  expect(credential.type).toContain('BitstringStatusListCredential');
  return credential.credentialSubject.encodedList;
}

describe('lists published by others', () => {
  it('reads the 1EdTech validator fixture: 131,072 bits, only bit 23 set', async ({ skip }) => {
    const relative = 'ob3/examples/validator-1edtech/ob30/bit-string-list/testlist.json';
    const bits = await decodeStatusList(encodedListOf(relative, skip));
    expect(bits.length * 8).toBe(131_072);
    expect(setBitIndices(bits)).toEqual([23]);
    expect(isBitSet(bits, 23)).toBe(true);
  });

  it('reads the CogniPilot list: 131,072 bits, only bit 11 set', async ({ skip }) => {
    // This issuer writes a real timestamp in its GZIP header, unlike ours; decoding
    // ignores it.
    const bits = await decodeStatusList(
      encodedListOf('real/cognipilot/site/status/revocation-list', skip),
    );
    expect(bits.length * 8).toBe(131_072);
    expect(setBitIndices(bits)).toEqual([11]);
  });
});
