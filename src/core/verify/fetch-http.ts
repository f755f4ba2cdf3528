/**
 * Fetching over HTTP(S) for the verifier, with a timeout and a size ceiling on every response.
 * Browser-safe (it only uses `fetch`): the CLI uses it for the network, the verify page for its
 * own site.
 */
import { readStreamCapped } from '../read-stream.ts';
import { FETCH_TIMEOUT_MS, formatBytes, MAX_DOCUMENT_BYTES, MAX_INPUT_BYTES } from './limits.ts';
import type { FetchBytes, FetchJson } from './types.ts';

export interface HttpFetchOptions {
  timeoutMs?: number;
  /** The `fetch` to use; defaults to the global one. */
  fetch?: typeof fetch;
}

const JSON_TYPES = 'application/vc+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.5';

/** A `fetchJson` and `fetchBytes` that read http(s) URLs. */
export function createHttpFetchers(options: HttpFetchOptions = {}): {
  fetchJson: FetchJson;
  fetchBytes: FetchBytes;
} {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const get = (url: string, maxBytes: number, accept: string) =>
    readLimited(options.fetch ?? fetch, url, { timeoutMs, maxBytes, accept });
  return {
    fetchBytes: (url) =>
      get(url, MAX_INPUT_BYTES, `${JSON_TYPES}, image/png, image/svg+xml, text/plain`),
    fetchJson: async (url) => parseJson(await get(url, MAX_DOCUMENT_BYTES, JSON_TYPES), url),
  };
}

/** Parses fetched bytes as JSON, or rejects with a sentence naming the URL. */
export function parseJson(bytes: Uint8Array, url: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error(`${url} is not JSON`);
  }
}

async function readLimited(
  fetchImpl: typeof fetch,
  url: string,
  options: { timeoutMs: number; maxBytes: number; accept: string },
): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(url)) throw new Error(`${url} is not an http(s) URL`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      signal,
      headers: { accept: options.accept },
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new Error(
      timedOut
        ? `no answer within ${options.timeoutMs / 1000} s`
        : `the request failed (${describe(error)})`,
    );
  }
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes)
    throw new Error(`it is larger than ${formatBytes(options.maxBytes)}`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const bytes = await readStreamCapped(response.body, options.maxBytes);
  if (bytes === undefined) throw new Error(`it is larger than ${formatBytes(options.maxBytes)}`);
  return bytes;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
