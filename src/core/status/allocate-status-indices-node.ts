/**
 * Gives each new award of an issuer its index in the revocation list, for ever.
 * Indices look random, as the specification asks (so neighbouring indices say
 * nothing about award order), yet are a pure function of the issuer and the award,
 * so every build and every branch agrees. Node only because of `node:crypto`, the
 * one synchronous SHA-256; browsers never allocate.
 */
import { createHash } from 'node:crypto';
import { LaurelError } from '../errors.ts';
import { compareCodePoints, emptyStatusRecord, type StatusRecord } from './status-record.ts';

export interface StatusAllocation {
  /** The record with the new awards added; existing entries unchanged. */
  record: StatusRecord;
  /** Awards that got an index now, in code-point order. */
  added: string[];
  /** Awards in the record but not in content, in code-point order; they keep their index. */
  removed: string[];
}

/**
 * Where the search for a free index starts: the SHA-256 digest of the UTF-8 text
 * `<issuer slug>\n<award id>`, read as a big-endian unsigned integer, modulo the
 * list length. Exported so that other tools can reproduce an allocation.
 */
export function probeStart(issuerSlug: string, awardId: string, length: number): number {
  const digest = createHash('sha256').update(`${issuerSlug}\n${awardId}`, 'utf8').digest('hex');
  return Number(BigInt(`0x${digest}`) % BigInt(length));
}

/**
 * Allocates indices for the awards of `awardIds` that the record lacks. New awards
 * are taken in code-point order; each gets `probeStart` or, if that is taken, the
 * next free index after it (wrapping around). Existing entries never change, even
 * for awards no longer in content: those are reported as `removed` and the caller
 * decides, since a published award must not vanish. Pure: the input record is not
 * modified, and a second run with the result adds nothing. Expects a record that
 * passed `checkStatusRecord` (`readStatusRecord` checks it); `undefined` means
 * none.
 */
export function allocateStatusIndices(
  record: StatusRecord | undefined,
  issuerSlug: string,
  awardIds: readonly string[],
): StatusAllocation {
  const base = record ?? emptyStatusRecord();
  const wanted = new Set(awardIds);
  const added = [...wanted]
    .filter((id) => !Object.hasOwn(base.indices, id))
    .sort(compareCodePoints);
  const used = new Set(Object.values(base.indices));
  const entries = Object.entries(base.indices);
  for (const id of added) {
    if (used.size >= base.length) {
      throw new LaurelError('ERR_STATUS', `The revocation list of "${issuerSlug}" is full.`, {
        field: 'indices',
        hint: `Each list holds ${base.length} awards; a second list is not supported yet.`,
      });
    }
    let index = probeStart(issuerSlug, id, base.length);
    while (used.has(index)) index = (index + 1) % base.length;
    used.add(index);
    entries.push([id, index]);
  }
  const removed = Object.keys(base.indices)
    .filter((id) => !wanted.has(id))
    .sort(compareCodePoints);
  // fromEntries defines own properties: even an id like "__proto__" stays a key.
  const indices = Object.fromEntries(entries);
  return { record: { list: base.list, length: base.length, indices }, added, removed };
}
