/**
 * The embedded proof: a Data Integrity proof with the eddsa-rdfc-2022 cryptosuite
 * (REQUIREMENTS 2.2), made and checked with the Digital Bazaar libraries. `created`
 * is always given by the caller, and Ed25519 is deterministic, so the same
 * credential and key give the same bytes. Browser-safe (no node: imports): the
 * verifier page uses `verifyDataIntegrity`.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { CredentialIssuancePurpose, issue, verifyCredential } from '@digitalbazaar/vc';
import type { DataIntegrityProof as Proof, UnsignedCredential } from '../credential/types.ts';
import { LaurelError } from '../errors.ts';
import { documentLoader as bundledLoader, type DocumentLoader } from './document-loader.ts';

/**
 * Anything signable as a verifiable credential: an OpenBadgeCredential or the issuer's status
 * list credential.
 */
export interface SignableCredential {
  '@context': string[];
  id: string;
  type: string[];
}

/** The Ed25519 key pair to sign with, as Multikey values (an `Ed25519PrivateKey` record fits). */
export interface Ed25519SigningKey {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

export interface SignDataIntegrityOptions {
  /** The proof's `created` time, e.g. the award date; never taken from the clock. */
  created: string | Date;
  /** The key's DID URL, `<issuer DID>#<key name>`; its part before `#` is the controller. */
  verificationMethod: string;
  /** Defaults to the bundled contexts; no document is ever fetched. */
  documentLoader?: DocumentLoader;
}

/**
 * Signs `credential` with an eddsa-rdfc-2022 DataIntegrityProof for
 * `assertionMethod` and returns a new object (the input is not changed) whose
 * `proof` is an array holding that proof, as the strict JSON Schema requires.
 * JSON-LD runs in safe mode, so a property no context defines fails here. Throws
 * ERR_SIGN (or ERR_CONTEXT for a context that is not bundled).
 */
export async function signDataIntegrity<T extends SignableCredential = UnsignedCredential>(
  credential: T,
  key: Ed25519SigningKey,
  options: SignDataIntegrityOptions,
): Promise<T & { proof: Proof[] }> {
  const { verificationMethod } = options;
  const created = new Date(options.created);
  if (Number.isNaN(created.getTime())) {
    throw new LaurelError('ERR_SIGN', `"${String(options.created)}" is not a date.`, {
      field: 'proof.created',
      hint: 'Pass the award date as an ISO 8601 date-time.',
    });
  }
  try {
    const keyPair = await Ed25519Multikey.from({
      type: 'Multikey',
      id: verificationMethod,
      controller: verificationMethod.split('#')[0],
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: key.secretKeyMultibase,
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), date: created, cryptosuite });
    // The library adds the proof to the object it is given, so it gets a copy.
    const signed = await issue({
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader ?? bundledLoader,
      purpose: new CredentialIssuancePurpose(),
    });
    const proofs = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
    return { ...(signed as unknown as T), proof: proofs as Proof[] };
  } catch (error) {
    throw laurelErrorIn(error) ?? signError(credential, error);
  }
}

export interface VerifyDataIntegrityOptions {
  /** Resolves contexts and the verification method (e.g. the issuer's DID document). */
  documentLoader: DocumentLoader;
  /**
   * Also check `validFrom`/`validUntil` against this time. Left out, only the proof
   * is checked: dates are a separate verification step with their own messages.
   */
  now?: Date;
}

/** What `verifyDataIntegrity` found; it never throws. */
export interface DataIntegrityVerification {
  verified: boolean;
  /** The `verificationMethod` of the proof that was checked, when there is one. */
  verificationMethod?: string;
  /** Why verification failed, one message each; empty when verified. */
  errors: string[];
}

/**
 * Checks the eddsa-rdfc-2022 proof of `credential`: the signature over the
 * canonical credential, that the key is in its controller's `assertionMethod`, and
 * that the controller is `issuer.id`. Credential status is not checked here.
 * Returns a result object and never throws, so a verifier can report every
 * credential in a batch.
 */
export async function verifyDataIntegrity(
  credential: object,
  options: VerifyDataIntegrityOptions,
): Promise<DataIntegrityVerification> {
  try {
    const result = await verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: options.documentLoader,
      // vc.js always checks dates; "now" at the start of validity turns that off.
      now: options.now ?? validityStart(credential),
      purpose: new CredentialIssuancePurpose(),
      // Status lists are checked by their own step, not as part of the proof.
      checkStatus: async () => ({ verified: true }),
    });
    const verificationMethod = proofMethod(credential);
    const errors = result.verified ? [] : messages(result.error, result.results);
    return verificationMethod === undefined
      ? { verified: result.verified, errors }
      : { verified: result.verified, verificationMethod, errors };
  } catch (error) {
    return { verified: false, errors: messages(error) };
  }
}

function validityStart(credential: object): Date {
  const { validFrom, issuanceDate } = credential as { validFrom?: unknown; issuanceDate?: unknown };
  const start = typeof validFrom === 'string' ? validFrom : issuanceDate;
  const date = typeof start === 'string' ? new Date(start) : new Date(0);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

function proofMethod(credential: object): string | undefined {
  const { proof } = credential as { proof?: unknown };
  const first: unknown = Array.isArray(proof) ? proof[0] : proof;
  const method = (first as { verificationMethod?: unknown } | undefined)?.verificationMethod;
  return typeof method === 'string' ? method : undefined;
}

/** Flattens the library's nested errors (VerificationError.errors, per-proof errors). */
function messages(...sources: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value instanceof LaurelError) {
      found.add(value.format());
    } else if (value instanceof Error) {
      const nested = (value as { errors?: unknown }).errors;
      if (Array.isArray(nested) && nested.length > 0) visit(nested);
      else found.add(describe(value));
    } else if (value && typeof value === 'object' && 'error' in value) {
      visit(value.error);
    }
  };
  visit(sources);
  return found.size > 0 ? [...found] : ['The proof did not verify.'];
}

/** A LaurelError anywhere in the cause chain (jsonld wraps loader errors in its own). */
function laurelErrorIn(error: unknown): LaurelError | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    if (current instanceof LaurelError) return current;
    const details = (current as { details?: { cause?: unknown } }).details;
    current = details?.cause ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function signError(credential: SignableCredential, error: unknown): LaurelError {
  const safeMode = error instanceof Error && error.name === 'jsonld.ValidationError';
  return new LaurelError('ERR_SIGN', `Could not sign "${credential.id}": ${describe(error)}`, {
    hint: safeMode
      ? 'Every property must be defined by a context listed in @context (JSON-LD safe mode).'
      : undefined,
    cause: error,
  });
}

/** The library's message plus, for JSON-LD safe-mode errors, the property at fault. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const event = (error as { details?: { event?: { code?: string; details?: object } } }).details
    ?.event;
  if (event === undefined) return error.message;
  const where = event.details as { property?: string; type?: string } | undefined;
  const term = where?.property ?? where?.type;
  return `${error.message} ${event.code ?? ''}${term ? ` "${term}"` : ''}`.trim();
}
