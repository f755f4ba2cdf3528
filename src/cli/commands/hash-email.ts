import { parseArgs } from 'node:util';
import { hashEmail, newSalt } from '../../core/credential/identity-hash.ts';
import type { CliIo } from '../io.ts';

const HELP = `Usage: laurel hash-email <address> [--salt <salt>]

Prints the hashedEmail and salt to put under \`recipient:\` in an award file. The address
itself must never be written to an award file: award files are public.`;

/** `laurel hash-email`: hash an earner's address with a fresh salt. */
export async function hashEmailCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { salt: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const [address] = positionals;
  if (!address || !/^[^@\s]+@[^@\s]+$/.test(address.trim()) || positionals.length > 1) {
    io.stderr(`laurel hash-email: give one e-mail address.\n\n${HELP}`);
    return 1;
  }
  const salt = values.salt ?? newSalt();
  io.stdout(`recipient:\n  hashedEmail: ${await hashEmail(address, salt)}\n  salt: ${salt}`);
  return 0;
}
