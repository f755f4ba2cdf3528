import { readFileSync } from 'node:fs';
import process from 'node:process';

/**
 * Whether a process with this id exists on this machine (one run by another user counts), as
 * the owner of a lock or a staging folder left behind would be.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process `pid` started, as Linux counts it (clock ticks since boot, from
 * `/proc/<pid>/stat`), or undefined elsewhere. Process ids are reused, in containers soon and
 * often: a process with the id a lock names is its owner only if it also started when the
 * owner did.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: count fields after its closing one.
  // What follows it starts at field 3 (state); the start time is field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3];
}
