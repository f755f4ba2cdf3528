/**
 * The embedded proof (REQUIREMENTS 2.2): a DataIntegrityProof with the eddsa-rdfc-2022
 * cryptosuite (or its earlier name, eddsa-2022, which signs the same way). The signature is
 * checked here against the key `resolveProofKey` found; who owns that key is the issuer-key
 * step's business, so each is reported on its own.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '../sign/document-loader.ts';
import { jsonLdProblem, unbundledContext } from './check-json-ld.ts';
import { isObject, type Json, type VerificationMethod } from './key-documents.ts';
import { reasonOf } from './read-input.ts';
import { resolveProofKey } from './resolve-proof-key.ts';
import type { FetchJson, VerifyStep } from './types.ts';

const SUITES = new Map([
  ['eddsa-rdfc-2022', cryptosuite],
  ['eddsa-2022', { ...cryptosuite, name: 'eddsa-2022' }],
]);

/** The part of the library's suite this file calls; its published types leave it out. */
const DATA_INTEGRITY_V1 = 'https://w3id.org/security/data-integrity/v1';

interface ProofVerifier {
  contextUrl: string;
  verifyProof(options: {
    proof: Json;
    document: Json;
    proofSet: Json[];
    purpose: { validate(): Promise<{ valid: boolean }> };
    documentLoader: (url: string) => Promise<unknown>;
  }): Promise<{ verified: boolean; error?: unknown }>;
}

export interface ProofSteps {
  proof: VerifyStep;
  key: VerifyStep;
}

/** Checks the credential's embedded proofs; the first that verifies decides. */
export async function verifyEmbeddedProof(
  credential: Json,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
  extraContexts: ReadonlyMap<string, object> = new Map(),
): Promise<ProofSteps> {
  const proofs = [credential.proof].flat().filter(isObject);
  if (proofs.length === 0) {
    return {
      proof: {
        id: 'proof',
        status: 'failed',
        message: 'It carries no proof: nothing shows who issued it.',
      },
      key: {
        id: 'issuer-key',
        status: 'skipped',
        message: 'There is no proof whose key could be checked.',
      },
    };
  }
  const supported = proofs.filter(
    (proof) => proof.type === 'DataIntegrityProof' && SUITES.has(String(proof.cryptosuite)),
  );
  if (supported.length === 0) {
    const kinds = proofs.map((proof) => [proof.type, proof.cryptosuite].filter(Boolean).join(' '));
    return {
      proof: {
        id: 'proof',
        status: 'unknown',
        message:
          `It is signed with ${kinds.join(', ') || 'an unnamed proof type'}, which this verifier ` +
          'does not check (it checks DataIntegrityProof eddsa-rdfc-2022 and VC-JWT).',
      },
      key: { id: 'issuer-key', status: 'skipped', message: 'No supported proof names a key.' },
    };
  }
  const { proof: _, ...document } = credential;
  const outcomes: ProofSteps[] = [];
  for (const proof of supported) {
    const outcome = await checkOne(proof, supported, document, issuerId, fetchJson, extraContexts);
    if (outcome.proof.status === 'passed' && outcome.key.status !== 'failed') return outcome;
    outcomes.push(outcome);
  }
  return outcomes[0] as ProofSteps;
}

async function checkOne(
  proof: Json,
  proofSet: Json[],
  document: Json,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
  extraContexts: ReadonlyMap<string, object>,
): Promise<ProofSteps> {
  const key = await resolveProofKey(proof.verificationMethod, issuerId, fetchJson);
  const keyStep: VerifyStep = { id: 'issuer-key', status: key.status, message: key.message };
  if (proof.proofPurpose !== 'assertionMethod') {
    const purpose = JSON.stringify(proof.proofPurpose) ?? 'missing';
    return {
      proof: {
        id: 'proof',
        status: 'failed',
        message: `Its proofPurpose is ${purpose}; a credential's must be "assertionMethod".`,
      },
      key: keyStep,
    };
  }
  if (key.method === undefined) {
    const status = key.status === 'unknown' ? 'unknown' : 'failed';
    const lead =
      status === 'unknown'
        ? 'The signature could not be checked'
        : 'The signature cannot be checked';
    return {
      proof: { id: 'proof', status, message: `${lead}: its key was not found.` },
      key: keyStep,
    };
  }
  const signature = await checkSignature(proof, proofSet, document, key.method, extraContexts);
  return { proof: signature, key: keyStep };
}

async function checkSignature(
  proof: Json,
  proofSet: Json[],
  document: Json,
  method: VerificationMethod,
  extraContexts: ReadonlyMap<string, object>,
): Promise<VerifyStep> {
  const suite = SUITES.get(String(proof.cryptosuite)) ?? cryptosuite;
  const verifier = new DataIntegrityProof({ cryptosuite: suite }) as unknown as ProofVerifier;
  // eddsa-2022 proofs were made under the v1 Data Integrity context; the suite would otherwise
  // add v2 to the proof options, which redefines protected terms.
  if (proof.cryptosuite === 'eddsa-2022') verifier.contextUrl = DATA_INTEGRITY_V1;
  const documentLoader = createDocumentLoader((url) =>
    url === method.id ? method : extraContexts.get(url),
  );
  let result: { verified: boolean; error?: unknown };
  try {
    result = await verifier.verifyProof({
      proof,
      proofSet,
      document,
      documentLoader,
      purpose: { validate: async () => ({ valid: true }) },
    });
  } catch (error) {
    result = { verified: false, error };
  }
  if (result.verified) {
    const name =
      proof.cryptosuite === 'eddsa-2022'
        ? 'eddsa-2022 (the earlier name of eddsa-rdfc-2022)'
        : 'eddsa-rdfc-2022';
    return {
      id: 'proof',
      status: 'passed',
      message: `The ${name} signature matches the credential.`,
    };
  }
  const missing = unbundledContext(result.error);
  if (missing !== undefined) {
    return {
      id: 'proof',
      status: 'unknown',
      message: `The signature could not be checked: the context ${missing} is not bundled with this verifier.`,
    };
  }
  return { id: 'proof', status: 'failed', message: signatureProblem(result.error) };
}

function signatureProblem(error: unknown): string {
  const text = reasonOf(error);
  if (/invalid signature/i.test(text)) {
    return 'The signature does not match: the credential was changed after it was signed, or someone else signed it.';
  }
  if ((error as { name?: string } | undefined)?.name === 'jsonld.ValidationError') {
    return `The signature cannot be checked: ${jsonLdProblem(error)}`;
  }
  return `The signature does not verify: ${text}`;
}
