/**
 * The uncompressed bitstring of a Bitstring Status List: one bit per credential,
 * index 0 the left-most bit (the most significant bit of byte 0), a set bit meaning
 * revoked. Runs in Node and in the browser.
 */
import { LaurelError } from '../errors.ts';

/** The smallest list the specification allows (16 KB); verifiers reject anything shorter. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/**
 * Refuses a list length the specification or the byte layout cannot carry: it must
 * be an integer of at least 131,072 bits and a multiple of 8, so that the bitstring
 * fills whole bytes.
 */
export function checkListLength(length: number): void {
  if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new LaurelError('ERR_STATUS', `A status list cannot be ${length} bits long.`, {
      hint: `Use a multiple of 8 of at least ${MIN_STATUS_LIST_LENGTH} bits (the default).`,
    });
  }
}

/**
 * A bitstring of `length` bits with exactly the given indices set. The length is
 * checked with `checkListLength`; an index that is not an integer in `[0, length)`
 * is an ERR_STATUS, since silently dropping it would leave a revoked credential
 * looking valid.
 */
export function createBitstring(setIndices: Iterable<number>, length: number): Uint8Array {
  checkListLength(length);
  const bits = new Uint8Array(length / 8);
  for (const index of setIndices) {
    checkIndex(index, length);
    bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return bits;
}

/**
 * Whether bit `index` is set (the credential at that index is revoked). An index
 * past the end of the list is an ERR_STATUS rather than `false`: the specification
 * treats it as an error, and a verifier must not report such a credential as valid.
 */
export function isBitSet(bits: Uint8Array, index: number): boolean {
  checkIndex(index, bits.length * 8);
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

/** The indices of all set bits, ascending: what a list revokes, for reports and checks. */
export function setBitIndices(bits: Uint8Array): number[] {
  const indices: number[] = [];
  bits.forEach((byte, at) => {
    for (let bit = 0; byte !== 0 && bit < 8; bit++) {
      if (byte & (0x80 >> bit)) indices.push(at * 8 + bit);
    }
  });
  return indices;
}

function checkIndex(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new LaurelError('ERR_STATUS', `Status index ${index} is outside the list.`, {
      hint: `A status index is an integer from 0 to ${length - 1}.`,
    });
  }
}
