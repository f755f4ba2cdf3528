import { describe, expect, it } from 'vitest';
import { EMAIL_PATTERN, findEmailAddresses } from '../../../src/core/content/plaintext-email.ts';
import { prng } from '../../support/prng.ts';

/** What the regular expression alone finds: the definition findEmailAddresses must agree with. */
function byPattern(text: string) {
  return [...text.matchAll(EMAIL_PATTERN)].map((match) => ({
    address: match[0],
    index: match.index,
  }));
}

describe('findEmailAddresses', () => {
  it('finds addresses in prose with their positions', () => {
    expect(findEmailAddresses('Write to ana.lopez+badges@mail.example.org, or me@x.io.')).toEqual([
      { address: 'ana.lopez+badges@mail.example.org', index: 9 },
      { address: 'me@x.io', index: 47 },
    ]);
  });

  it('ignores @ that is not an address', () => {
    expect(findEmailAddresses('@handle, a@b, x@y.z, @@, trailing@')).toEqual([]);
  });

  it('agrees with EMAIL_PATTERN on 20,000 random strings built to have tricky @s', () => {
    const random = prng(20261203);
    const pieces = ['a', 'Z', '7', '.', '-', '_', '%', '+', '@', '@', ' ', 'é', '.co', 'ab.cd'];
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const length = Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(findEmailAddresses(text), JSON.stringify(text)).toEqual(byPattern(text));
    }
  });

  it('stays linear on a long run of letters and digits, where the pattern alone is quadratic', () => {
    // 400,000 base64-like characters and one address at the end; the regular expression would
    // try each start position of the run and scan it to its end.
    const run = 'QUJDRA0123456789'.repeat(25_000);
    expect(findEmailAddresses(`${run} earner@example.org`)).toEqual([
      { address: 'earner@example.org', index: run.length + 1 },
    ]);
    // The same run glued to the address is all local part, as EMAIL_PATTERN reads it.
    expect(findEmailAddresses(`${run}@example.org`)).toEqual([
      { address: `${run}@example.org`, index: 0 },
    ]);
  });
});
