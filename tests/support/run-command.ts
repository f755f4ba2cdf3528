import type { CliIo, Command } from '../../src/cli/io.ts';

/** An `io` for a CLI command that records what it prints, line by line. */
export function captureIo(
  root: string,
  env: CliIo['env'] = {},
): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    root,
    env,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  return { io, out, err };
}

/** Runs one CLI command in `root` and captures what it printed, joined by lines. */
export async function runCommand(
  command: Command,
  argv: string[],
  root: string,
  env: CliIo['env'] = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, out, err } = captureIo(root, env);
  const status = await command(argv, io);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}
