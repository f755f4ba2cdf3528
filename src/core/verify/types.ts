/**
 * The shapes the verifier hands back. Every check is one step with a plain-sentence message, so
 * the CLI, the JSON output and the verify page show the same words.
 */

/** The checks, in the order they are reported. */
export type StepId =
  | 'parsed'
  | 'structure'
  | 'json-ld'
  | 'schema'
  | 'proof'
  | 'issuer-key'
  | 'valid-from'
  | 'expiry'
  | 'status'
  | 'recipient';

export type StepStatus = 'passed' | 'failed' | 'warning' | 'unknown' | 'skipped';

export interface VerifyStep {
  id: StepId;
  status: StepStatus;
  /** One or two sentences for a person, ending in a period. */
  message: string;
}

/**
 * The overall answer. `invalid` covers forged and malformed credentials (a failed signature
 * always lands here, whatever else is wrong); `unverifiable` means a check that decides
 * authenticity or revocation could not be made, e.g. a key or status list could not be fetched.
 */
export type Verdict =
  | 'verified'
  | 'revoked'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid'
  | 'unverifiable';

/** What a person wants to see about a badge; every field is text taken from the credential. */
export interface BadgeSummary {
  issuer?: { id?: string; name?: string };
  /** The earner's name, else their id, else a note that they are identified by a hash. */
  earner?: string;
  achievement?: { name?: string; description?: string };
  criteria?: { id?: string; narrative?: string };
  image?: { url: string; caption?: string };
}

export interface VerificationResult {
  verdict: Verdict;
  /** The sentence that explains the verdict: the message of the step that decided it. */
  reason: string;
  steps: VerifyStep[];
  /** The credential as read (for a JWT, its payload's credential), when it could be parsed. */
  credential?: Record<string, unknown>;
  /** How the credential arrived. */
  format?: 'json' | 'jwt' | 'png' | 'svg';
  summary: BadgeSummary;
}

/**
 * Fetches and parses a JSON document: a DID document, key, status list or schema. Rejects (with
 * an Error whose message says why) when the document cannot be had; the verifier then reports the
 * step as `unknown`, never as passed. Tests pass a map; the CLI and the page pass real fetchers.
 */
export type FetchJson = (url: string) => Promise<unknown>;

/** Fetches the raw bytes at a URL, for a credential given by its address. */
export type FetchBytes = (url: string) => Promise<Uint8Array>;

/** Validates `data` against a JSON Schema; returns problem sentences, empty when valid. */
export type SchemaValidator = (schema: object, data: unknown) => Promise<string[]> | string[];

export interface VerifyOptions {
  /** The time to check validity and expiry against; defaults to the clock. */
  now?: Date;
  /** Every document the checks need comes through here. Left out, nothing is fetched. */
  fetchJson?: FetchJson;
  /** Reads a credential given as a URL; left out, `fetchJson` reads it (JSON only). */
  fetchBytes?: FetchBytes;
  /**
   * Checks `credentialSchema`. Left out, the schema step is `unknown`: the page cannot compile
   * schemas under its Content-Security-Policy, the CLI passes the Ajv validator.
   */
  validateSchema?: SchemaValidator;
  /** Why the schema step cannot run here, shown when `validateSchema` is left out. */
  schemaUnavailableReason?: string;
  /** The earner's e-mail address, for the recipient check (any letter case). */
  email?: string;
  /** The earner's id (URL or DID), for the recipient check. */
  recipientId?: string;
}
