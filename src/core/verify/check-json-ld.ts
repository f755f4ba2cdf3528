/**
 * JSON-LD safe mode (REQUIREMENTS 4 and the issuer certification page): every property and type
 * must be defined by a context the credential lists. Contexts come only from the bundled set, so
 * a credential cannot change meaning by pointing at a context someone else controls.
 */
import jsonld from 'jsonld';
import { documentLoader } from '../sign/document-loader.ts';
import { reasonOf } from './read-input.ts';
import type { VerifyStep } from './types.ts';

/**
 * Expands the credential in safe mode with the bundled contexts. Its `proof` is left out: the
 * proof step canonicalises the proofs it checks (in safe mode too), and a credential may carry
 * extra proofs of types no bundled context defines.
 */
export async function checkJsonLd(credential: Record<string, unknown>): Promise<VerifyStep> {
  const { proof: _, ...document } = credential;
  try {
    await jsonld.expand(document, { documentLoader, safe: true });
    return {
      id: 'json-ld',
      status: 'passed',
      message: 'Every property and type is defined by its JSON-LD contexts.',
    };
  } catch (error) {
    const missing = unbundledContext(error);
    if (missing !== undefined) {
      return {
        id: 'json-ld',
        status: 'unknown',
        message:
          `It uses the context ${missing}, which this verifier does not bundle ` +
          '(it never fetches contexts), so its terms could not be checked.',
      };
    }
    return { id: 'json-ld', status: 'failed', message: jsonLdProblem(error) };
  }
}

/** The URL of a context the bundled loader refused, if that is what went wrong. */
export function unbundledContext(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ERR_CONTEXT') {
      const found = /"([^"]+)"/.exec((current as Error).message);
      return found?.[1] ?? 'an unknown URL';
    }
    const details = (current as { details?: { cause?: unknown } }).details;
    current = details?.cause ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A sentence naming the undefined term, from jsonld.js's safe-mode error. */
export function jsonLdProblem(error: unknown): string {
  const event = (
    error as { details?: { event?: { code?: string; details?: Record<string, unknown> } } }
  )?.details?.event;
  const where = event?.details;
  const term = where?.property ?? where?.type ?? where?.term;
  if (event?.code && term !== undefined) {
    return `JSON-LD processing in safe mode failed (${event.code}): "${String(term)}" is not defined by its contexts.`;
  }
  if (event?.code) return `JSON-LD processing in safe mode failed: ${event.code}.`;
  return `JSON-LD processing in safe mode failed: ${reasonOf(error)}`;
}
