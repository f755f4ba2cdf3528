import { describe, expect, it } from 'vitest';
import { LaurelError, LaurelErrors } from '../../../src/core/errors.ts';
import { deserialiseError, serialiseError } from '../../../src/core/publish/worker-errors.ts';

/** What a worker's error looks like once the build has it back. */
const roundTrip = (error: unknown) => deserialiseError(structuredClone(serialiseError(error)));

describe('errors from worker threads', () => {
  it('keep a LaurelError whole: code, file, field, line and hint', () => {
    const error = new LaurelError('ERR_IMAGE', 'cannot draw the preview card x.png', {
      file: 'content/awards/x.md',
      field: 'image',
      line: 3,
      hint: 'Check the artwork.',
    });
    const back = roundTrip(error);
    expect(back).toBeInstanceOf(LaurelError);
    expect((back as LaurelError).format()).toBe(error.format());
    expect((back as LaurelError).code).toBe('ERR_IMAGE');
  });

  it('keep every problem of a LaurelErrors', () => {
    const errors = new LaurelErrors([
      new LaurelError('ERR_CONTENT', 'first', { file: 'a.md', line: 1, hint: 'Fix a.' }),
      new LaurelError('ERR_REFERENCE', 'second', { file: 'b.md', field: 'achievement' }),
    ]);
    const back = roundTrip(errors);
    expect(back).toBeInstanceOf(LaurelErrors);
    expect((back as LaurelErrors).errors.map((error) => error.format())).toEqual([
      'a.md:1: first. Fix a.',
      'b.md: achievement: second.',
    ]);
    expect(back.message).toBe(errors.message);
  });

  it('keep the message and stack of any other error', () => {
    const error = new TypeError('boom');
    const back = roundTrip(error);
    expect(back.message).toBe('boom');
    expect(back.stack).toBe(error.stack);
    expect(roundTrip('a thrown string').message).toBe('a thrown string');
  });
});
