/**
 * The first step: turn whatever the user gave (a parsed object, text, a compact JWS, baked PNG or
 * SVG bytes, a URL) into a credential or a compact JWS. Never throws: every way the input can be
 * wrong is a sentence.
 */

import { classifyCredentialText } from '../bake/credential-text.ts';
import { hasPngSignature } from '../bake/png-chunks.ts';
import { looksLikeMarkup } from '../bake/sniff-image-format.ts';
import { unbakeAsync } from '../bake/unbake.ts';
import { formatBytes, MAX_INPUT_BYTES } from './limits.ts';
import type { VerifyOptions } from './types.ts';

export type BadgeInput = Uint8Array | string | URL | Record<string, unknown>;

export type InputFormat = 'json' | 'jwt' | 'png' | 'svg';

export type ReadResult =
  | {
      ok: true;
      format: InputFormat;
      /** A credential object (embedded proof) or a compact JWS string (VC-JWT). */
      credential: Record<string, unknown> | string;
    }
  | { ok: false; status: 'failed' | 'unknown'; message: string };

const OB2_MESSAGE =
  'This is an Open Badges 2.0 assertion; this verifier checks Open Badges 3.0 credentials.';

/** Reads the input into a credential or a compact JWS. */
export async function readInput(input: unknown, options: VerifyOptions): Promise<ReadResult> {
  if (input instanceof Uint8Array) return readBytes(input);
  if (input instanceof URL) return readUrl(input.href, options);
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (/^https?:\/\/\S+$/i.test(trimmed) && URL.canParse(trimmed)) {
      return readUrl(trimmed, options);
    }
    return readText(input, 'json');
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return fromObject(input as Record<string, unknown>, 'json');
  }
  return failed('There is nothing to verify: give a credential file, its text or its URL.');
}

async function readUrl(url: string, options: VerifyOptions): Promise<ReadResult> {
  try {
    if (options.fetchBytes) {
      const bytes = await options.fetchBytes(url);
      return await readBytes(bytes);
    }
    if (options.fetchJson) {
      const document = await options.fetchJson(url);
      if (document === null || typeof document !== 'object' || Array.isArray(document)) {
        return failed(`The document at ${url} is not a JSON object.`);
      }
      return fromObject(document as Record<string, unknown>, 'json');
    }
  } catch (error) {
    return {
      ok: false,
      status: 'unknown',
      message: `The credential at ${url} could not be fetched: ${reasonOf(error)}`,
    };
  }
  return { ok: false, status: 'unknown', message: `Nothing here can fetch ${url}.` };
}

async function readBytes(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return failed('The file is empty.');
  if (bytes.length > MAX_INPUT_BYTES) {
    return failed(
      `The file is ${formatBytes(bytes.length)}; the verifier reads at most ` +
        `${formatBytes(MAX_INPUT_BYTES)}, far more than any badge needs.`,
    );
  }
  const image = hasPngSignature(bytes) ? 'png' : looksLikeSvg(bytes) ? 'svg' : undefined;
  if (image === undefined) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return failed('The file is not a PNG or SVG badge, nor text: it could be any binary file.');
    }
    return readText(text, 'json');
  }
  const found = await unbakeAsync(bytes);
  if (!found.ok) {
    if (found.code === 'no-credential' && (await unbakeAsync(bytes, { version: '2.0' })).ok) {
      return failed(OB2_MESSAGE);
    }
    return failed(found.message);
  }
  const credential = found.credential as Record<string, unknown> | string;
  return typeof credential === 'string'
    ? { ok: true, format: image, credential }
    : fromObject(credential, image);
}

function readText(text: string, format: InputFormat): ReadResult {
  if (text.length > MAX_INPUT_BYTES) {
    return failed(
      `The text is longer than the ${formatBytes(MAX_INPUT_BYTES)} the verifier reads.`,
    );
  }
  if (text.trim().startsWith('<')) {
    return failed(
      'The text looks like markup; give the SVG file itself so it is read as an image.',
    );
  }
  const trimmed = text.trim();
  if (/^eyJ[\w-]*(\.[\w-]*)*$/.test(trimmed) && trimmed.split('.').length !== 3) {
    return failed(
      `The input looks like a JWT but has ${trimmed.split('.').length} parts; a compact JWS has three.`,
    );
  }
  const found = classifyCredentialText(text);
  if ('problem' in found) {
    return failed(`The input is not a credential: ${found.problem}.`);
  }
  if (found.kind === 'url') return failed('The input is a URL inside other text.');
  if (found.kind === 'jws') return { ok: true, format: 'jwt', credential: found.credential };
  return fromObject(found.credential as Record<string, unknown>, format);
}

function fromObject(credential: Record<string, unknown>, format: InputFormat): ReadResult {
  if (isOpenBadges2(credential)) return failed(OB2_MESSAGE);
  return { ok: true, format, credential };
}

/** An OB 2.0 assertion: its context, or its `Assertion` type with no VC type. */
function isOpenBadges2(document: Record<string, unknown>): boolean {
  const contexts = [document['@context']].flat();
  if (contexts.some((context) => typeof context === 'string' && /openbadges\/v2/.test(context))) {
    return true;
  }
  const types = [document.type].flat();
  return types.includes('Assertion') && !types.includes('VerifiableCredential');
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return utf16 || looksLikeMarkup(bytes);
}

function failed(message: string): ReadResult {
  return { ok: false, status: 'failed', message };
}

/** An error's message as a sentence ending in a period. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const trimmed = text.trim() || 'unknown error';
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
