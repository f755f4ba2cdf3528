import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LaurelError } from '../../../src/core/errors.ts';
import { processStartTime } from '../../../src/core/process-running-node.ts';
import { acquireBuildLock, BUILD_LOCK } from '../../../src/core/publish/build-lock-node.ts';

const MODULE = path.resolve('src/core/publish/build-lock-node.ts');
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function freshRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'laurel-lock-'));
  roots.push(root);
  return root;
}

/** Another Node process that takes the lock of `root`, runs `then`, and exits. */
function otherProcess(root: string, then = '') {
  const script =
    `const { acquireBuildLock } = await import(${JSON.stringify(MODULE)});` +
    `try { acquireBuildLock(${JSON.stringify(root)}); } ` +
    'catch (error) { console.log(error.message); process.exit(3); }' +
    then;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('acquireBuildLock', () => {
  it('stops a second build of the same project while the first holds the lock', () => {
    const root = freshRoot();
    const lock = acquireBuildLock(root);
    const holder = JSON.parse(readFileSync(path.join(root, BUILD_LOCK), 'utf8'));
    expect(holder.pid).toBe(process.pid);
    const second = otherProcess(root);
    expect(second.status).toBe(3);
    expect(second.stdout).toContain(
      `another build of this project is running (process ${process.pid}, ` +
        `started ${holder.started})`,
    );
    lock.release();
    expect(existsSync(path.join(root, BUILD_LOCK))).toBe(false);
    expect(otherProcess(root).status).toBe(0);
  });

  it('names the lock file and how to clear it', () => {
    const root = freshRoot();
    const lock = acquireBuildLock(root);
    // The process that spawned this test runner is alive and is not this process.
    writeFileSync(path.join(root, BUILD_LOCK), JSON.stringify({ pid: process.ppid, started: 'x' }));
    let error: unknown;
    try {
      acquireBuildLock(root);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LaurelError);
    expect((error as LaurelError).format()).toBe(
      `${BUILD_LOCK}: another build of this project is running (process ${process.ppid}, ` +
        'started x). Wait for it to finish; if no build is running, delete this file and build ' +
        'again.',
    );
    // Not this build's lock any more: releasing leaves it.
    lock.release();
    expect(existsSync(path.join(root, BUILD_LOCK))).toBe(true);
  });

  it.skipIf(processStartTime(process.pid) === undefined)(
    'takes over a lock whose process id now belongs to a process started later',
    () => {
      const root = freshRoot();
      const lockFile = path.join(root, BUILD_LOCK);
      acquireBuildLock(root).release();
      // The parent process is running, but started at another time than the lock says.
      const reused = { pid: process.ppid, started: 'x', processStart: '1' };
      writeFileSync(lockFile, JSON.stringify(reused));
      expect(processStartTime(process.ppid)).not.toBe('1');
      const lock = acquireBuildLock(root);
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
      lock.release();
      // With its real start time, the same process holds the lock.
      const holding = { ...reused, processStart: processStartTime(process.ppid) };
      writeFileSync(lockFile, JSON.stringify(holding));
      expect(() => acquireBuildLock(root)).toThrow(/another build of this project is running/);
    },
  );

  it('is released when the process exits, even without release()', () => {
    const root = freshRoot();
    const ended = otherProcess(root, 'process.exitCode = 1;');
    expect(ended.status).toBe(1);
    expect(existsSync(path.join(root, BUILD_LOCK))).toBe(false);
  });

  it('takes over a lock whose process is gone, or one this process left behind', () => {
    const root = freshRoot();
    // A process that took the lock and was killed before it could release it.
    const killed = otherProcess(root, 'process.kill(process.pid, "SIGKILL");');
    expect(killed.signal).toBe('SIGKILL');
    const stale = JSON.parse(readFileSync(path.join(root, BUILD_LOCK), 'utf8'));
    expect(stale.pid).toBe(killed.pid);
    acquireBuildLock(root);
    expect(JSON.parse(readFileSync(path.join(root, BUILD_LOCK), 'utf8')).pid).toBe(process.pid);
    // Left behind by a failed build in this process: the next build goes ahead.
    const again = acquireBuildLock(root);
    again.release();
    expect(existsSync(path.join(root, BUILD_LOCK))).toBe(false);
    writeFileSync(path.join(root, BUILD_LOCK), 'not a lock');
    acquireBuildLock(root).release();
  });
});
