#!/usr/bin/env node
import process from 'node:process';
import { LaurelError } from '../core/errors.ts';
import { checkCommand } from './commands/check.ts';
import { hashEmailCommand } from './commands/hash-email.ts';
import type { CliIo, Command } from './io.ts';

const COMMANDS: Record<string, { run: () => Promise<Command>; summary: string }> = {
  award: {
    run: async () => (await import('./commands/award.ts')).awardCommand,
    summary: 'write a new award file (or many from a CSV) with its records',
  },
  check: { run: async () => checkCommand, summary: 'validate all content without building' },
  diff: {
    run: async () => (await import('./commands/diff.ts')).diffCommand,
    summary: 'list the badges issued, revoked, changed or removed since a git ref',
  },
  'hash-email': {
    run: async () => hashEmailCommand,
    summary: "hash an earner's e-mail address for an award file",
  },
  keys: {
    run: async () => (await import('./commands/keys.ts')).keysCommand,
    summary: 'create, rotate and list signing keys',
  },
  verify: {
    run: async () => (await import('./commands/verify.ts')).verifyCommand,
    summary: 'verify credentials: files, URLs or a whole built site',
  },
};

const HELP = `Usage: laurel <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
  .join('\n')}

Run \`laurel <command> --help\` for a command's options.`;

/** Runs one CLI command and returns its exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`laurel: unknown command "${name}".\n\n${HELP}`);
    return 1;
  }
  try {
    return await (await command.run())(rest, io);
  } catch (error) {
    if (error instanceof LaurelError) {
      io.stderr(`laurel ${name}: ${error.format()}`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`laurel ${name}: ${error.message}. Run \`laurel ${name} --help\`.`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  const io: CliIo = {
    root: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  };
  process.exitCode = await main(process.argv.slice(2), io);
}
