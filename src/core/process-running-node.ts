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
