import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { listFiles } from '../support/built-site.ts';

it('builds the same commit to byte-identical output at different clock times', () => {
  const { out, outShifted } = inject('builtSite');
  const files = listFiles(out);
  expect(files.length).toBeGreaterThan(20);
  expect(listFiles(outShifted)).toEqual(files);
  const different = files.filter(
    (file) => !readFileSync(path.join(out, file)).equals(readFileSync(path.join(outShifted, file))),
  );
  expect(different).toEqual([]);
});
