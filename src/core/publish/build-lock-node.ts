/**
 * One build at a time per project. Two builds of one checkout share the output folder and the
 * caches: each would clear the folder the other is writing, and the first to fail would remove
 * the other's output. The second build stops at once instead, naming the first.
 *
 * The lock is a file holding the building process's id and, on Linux, its start time, created
 * exclusively. A lock whose process is gone (a build killed with SIGKILL, say) is taken over,
 * also when another process has since been given its id; so is one this process left after a
 * failed build, so a long-running process can build again.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { LaurelError } from '../errors.ts';
import { isProcessRunning, processStartTime } from '../process-running-node.ts';

/** Where the lock lives, relative to the project root. */
export const BUILD_LOCK = 'node_modules/.cache/laurel/build.lock';

export interface BuildLock {
  /** Removes the lock if it is still this build's. Safe to call more than once. */
  release(): void;
}

interface Holder {
  pid: number;
  started: string;
  /** The process's start time where the system tells it (see processStartTime). */
  processStart?: string | undefined;
}

/** Takes the project's build lock, or throws ERR_CONFIG naming the build that holds it. */
export function acquireBuildLock(root: string): BuildLock {
  const file = path.join(root, BUILD_LOCK);
  mkdirSync(path.dirname(file), { recursive: true });
  const mine: Holder = {
    pid: process.pid,
    started: new Date().toISOString(),
    processStart: processStartTime(process.pid),
  };
  const text = JSON.stringify(mine);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, text, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (attempt > 0 || (holder && holder.pid !== process.pid && isHolderRunning(holder))) {
      const who = holder ? `process ${holder.pid}, started ${holder.started}` : 'another process';
      throw new LaurelError('ERR_CONFIG', `another build of this project is running (${who})`, {
        file: BUILD_LOCK,
        hint: 'Wait for it to finish; if no build is running, delete this file and build again.',
      });
    }
    rmSync(file, { force: true });
  }
  const release = () => {
    try {
      if (readFileSync(file, 'utf8') === text) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
    process.off('exit', release);
  };
  // A failed build ends the process without a hook Laurel could use: release on the way out.
  process.on('exit', release);
  return { release };
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (!Number.isSafeInteger(holder.pid) || (holder.pid ?? 0) <= 0) return undefined;
    return {
      pid: holder.pid as number,
      started: String(holder.started ?? 'at an unknown time'),
      processStart: typeof holder.processStart === 'string' ? holder.processStart : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Whether the lock's process still runs: its id is taken, by a process that started with it. */
function isHolderRunning(holder: Holder): boolean {
  if (!isProcessRunning(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  return holder.processStart === undefined || now === undefined || now === holder.processStart;
}
