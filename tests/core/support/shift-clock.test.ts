import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths.ts';

// The determinism build test relies on this preload really moving the clock.
it('the shift-clock preload moves Date.now and new Date() years ahead', () => {
  const preload = path.join(PROJECT_ROOT, 'tests/support/shift-clock.ts');
  const printed = execFileSync(
    process.execPath,
    ['--import', preload, '-e', 'console.log(Date.now(), new Date().getTime())'],
    { encoding: 'utf8' },
  );
  const [now, constructed] = printed.trim().split(' ').map(Number);
  const twoYears = 2 * 365 * 24 * 3600 * 1000;
  expect(now).toBeGreaterThan(Date.now() + twoYears);
  expect(constructed).toBeGreaterThan(Date.now() + twoYears);
  expect(new Date(0).getTime()).toBe(0);
});
