import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHttpFetchers } from '../../core/verify/fetch-http.ts';
import {
  fetchBytesFromSite,
  fetchJsonFromSite,
  siteFile,
} from '../../core/verify/fetch-site-node.ts';
import { createAjvSchemaValidator } from '../../core/verify/schema-ajv.ts';
import type {
  FetchBytes,
  FetchJson,
  VerificationResult,
  VerifyOptions,
} from '../../core/verify/types.ts';
import { verifyBadge } from '../../core/verify/verify-badge.ts';
import type { CliIo } from '../io.ts';

const HELP = `Usage: laurel verify <file|url|folder>... [options]

Verifies Open Badges 3.0 credentials: JSON, VC-JWT (.jwt, .jws), baked PNG or SVG badges, their
URLs, or every credentials/**/*.{json,jwt,png,svg} of a folder such as a built site. Prints one
line per credential and a count; exits 0 only when every credential verifies.

Options:
  --site-dir <dir>   answer URLs under --site from this built folder (check before deploying)
  --site <url>       the site's URL, as in astro.config.mjs; needed with --site-dir
  --offline          fetch nothing from the network; what is not answered locally is unknown
  --email <address>  also check that each badge was issued to this e-mail address
  --id <id>          also check that each badge was issued to this id (a URL or DID)
  --now <date-time>  check validity at this time instead of the clock's
  --json             print the full results as JSON
  -v, --verbose      print every check under each credential`;

/** Files a folder is searched for. */
const CREDENTIAL_FILE = /\.(json|jwt|jws|png|svg)$/i;
/** Larger files are not read at all. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

interface Target {
  /** How the credential is named in the output. */
  label: string;
  input: Uint8Array | string;
  /** Set when the file was not read at all. */
  problem?: string;
}

/** `laurel verify`: check credentials the way a verifier (or an earner's wallet) would. */
export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'site-dir': { type: 'string' },
      site: { type: 'string' },
      offline: { type: 'boolean' },
      email: { type: 'string' },
      id: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const usage = (problem: string) => {
    io.stderr(`laurel verify: ${problem}\n\n${HELP}`);
    return 1;
  };
  if (positionals.length === 0) return usage('give at least one file, URL or folder.');
  if ((values['site-dir'] === undefined) !== (values.site === undefined)) {
    return usage('--site-dir and --site go together: the folder and the URL it is served at.');
  }
  if (values.site !== undefined && !/^https?:\/\//.test(values.site)) {
    return usage(`--site "${values.site}" is not an http(s) URL.`);
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) return usage(`--now "${values.now}" is not a date-time.`);

  const siteDir =
    values['site-dir'] === undefined ? undefined : path.resolve(io.root, values['site-dir']);
  if (siteDir !== undefined && !existsSync(siteDir))
    return usage(`--site-dir ${siteDir} does not exist.`);
  const targets: Target[] = [];
  for (const argument of positionals) {
    const found = collect(argument, io.root);
    if (typeof found === 'string') return usage(found);
    targets.push(...found);
  }
  const options: VerifyOptions = {
    now,
    ...fetchers(siteDir, values.site, values.offline === true),
    validateSchema: createAjvSchemaValidator(),
  };
  if (values.email !== undefined) options.email = values.email;
  if (values.id !== undefined) options.recipientId = values.id;

  const results: { label: string; result: VerificationResult }[] = [];
  for (const target of targets) {
    const result = target.problem
      ? unread(target.problem)
      : await verifyBadge(target.input, options);
    results.push({ label: target.label, result });
  }
  const passed = results.filter(({ result }) => result.verdict === 'verified').length;
  if (values.json) {
    const report = results.map(({ label, result }) => ({
      input: label,
      verdict: result.verdict,
      reason: result.reason,
      format: result.format,
      steps: result.steps,
      summary: result.summary,
    }));
    io.stdout(JSON.stringify(report, null, 2));
  } else {
    for (const { label, result } of results)
      io.stdout(line(label, result, values.verbose === true));
    io.stdout(`${passed} passed, ${results.length - passed} failed`);
  }
  return passed === results.length ? 0 : 1;
}

/** `✓ label  verified` or `✗ label  forged: reason`, with what did not pass (or every step) below. */
function line(label: string, result: VerificationResult, verbose: boolean): string {
  const ok = result.verdict === 'verified';
  const forged = result.steps.some((step) => step.id === 'proof' && step.status === 'failed');
  const word = result.verdict === 'invalid' && forged ? 'forged' : result.verdict;
  const head = ok ? `✓ ${label}  verified` : `✗ ${label}  ${word}: ${result.reason}`;
  // Verified: only its warnings. Not verified: every check that did not pass, to show why.
  const details = result.steps.filter((step) =>
    verbose
      ? true
      : ok
        ? step.status === 'warning'
        : step.status === 'warning' || step.status === 'unknown' || step.status === 'failed',
  );
  const marks = { passed: '✓', failed: '✗', warning: '!', unknown: '?', skipped: '-' } as const;
  return [
    head,
    ...details.map((step) => `    ${marks[step.status]} ${step.id}: ${step.message}`),
  ].join('\n');
}

function unread(message: string): VerificationResult {
  return {
    verdict: 'invalid',
    reason: message,
    steps: [{ id: 'parsed', status: 'failed', message }],
    summary: {},
  };
}

/** The files (or URL) an argument names; a string is a problem to report. */
function collect(argument: string, root: string): Target[] | string {
  if (/^https?:\/\//i.test(argument)) return [{ label: argument, input: argument }];
  const full = path.resolve(root, argument);
  if (!existsSync(full)) return `${argument} does not exist.`;
  const stat = statSync(full);
  if (stat.isFile()) return [readTarget(full, argument)];
  const credentials = path.join(full, 'credentials');
  const searched =
    existsSync(credentials) && statSync(credentials).isDirectory() ? credentials : full;
  const files = readdirSync(searched, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && CREDENTIAL_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0) return `${argument} holds no credential files (.json, .jwt, .png, .svg).`;
  return files.map((file) => readTarget(file, path.relative(full, file).split(path.sep).join('/')));
}

function readTarget(file: string, label: string): Target {
  const size = statSync(file).size;
  // Too large to read: the verifier refuses anything this big anyway, by its length.
  if (size > MAX_FILE_BYTES) {
    return {
      label,
      input: '',
      problem: `The file is ${size} bytes, far larger than any badge; it was not read.`,
    };
  }
  return { label, input: new Uint8Array(readFileSync(file)) };
}

/** Site files first (when given), then the network unless offline. */
function fetchers(
  siteDir: string | undefined,
  site: string | undefined,
  offline: boolean,
): { fetchJson: FetchJson; fetchBytes: FetchBytes } {
  const network = createHttpFetchers();
  const local =
    siteDir !== undefined && site !== undefined
      ? {
          json: fetchJsonFromSite(siteDir, site),
          bytes: fetchBytesFromSite(siteDir, site),
          site,
          siteDir,
        }
      : undefined;
  const refuse = async (_url: string): Promise<never> => {
    throw new Error('--offline is set');
  };
  const onSite = (url: string) =>
    local !== undefined && siteFile(local.siteDir, local.site, url) !== undefined;
  return {
    fetchJson: (url) =>
      onSite(url) && local ? local.json(url) : offline ? refuse(url) : network.fetchJson(url),
    fetchBytes: (url) =>
      onSite(url) && local ? local.bytes(url) : offline ? refuse(url) : network.fetchBytes(url),
  };
}
