/**
 * The credential's own JSON Schemas (REQUIREMENTS 1.8, VCCS-10): every `credentialSchema` entry
 * of type 1EdTechJsonSchemaValidator2019 is fetched and validated against. A schema that cannot
 * be fetched or compiled leaves the step `unknown`, never passed.
 */
import { fetchDocument, isObject } from './key-documents.ts';
import { reasonOf } from './read-input.ts';
import type { VerifyOptions, VerifyStep } from './types.ts';

const SCHEMA_TYPE = '1EdTechJsonSchemaValidator2019';

/** Validates the credential against each of its 1EdTechJsonSchemaValidator2019 schemas. */
export async function checkSchema(
  credential: Record<string, unknown>,
  options: VerifyOptions,
): Promise<VerifyStep> {
  if (credential.credentialSchema === undefined) {
    return {
      id: 'schema',
      status: 'skipped',
      message: 'It names no credentialSchema to validate against.',
    };
  }
  const entries = [credential.credentialSchema].flat().filter(isObject);
  const schemas = entries.filter((entry) => entry.type === SCHEMA_TYPE);
  if (schemas.length === 0) {
    return {
      id: 'schema',
      status: 'skipped',
      message: `None of its credentialSchema entries is of type ${SCHEMA_TYPE}.`,
    };
  }
  const validate = options.validateSchema;
  if (validate === undefined) {
    const why = options.schemaUnavailableReason ?? 'No JSON Schema validator is available here.';
    return { id: 'schema', status: 'unknown', message: `Its JSON Schema was not checked. ${why}` };
  }
  const failures: string[] = [];
  const unknowns: string[] = [];
  for (const entry of schemas) {
    const url = typeof entry.id === 'string' ? entry.id : undefined;
    if (url === undefined) {
      failures.push('A credentialSchema entry has no "id".');
      continue;
    }
    const fetched = await fetchDocument(url, options.fetchJson);
    if (!fetched.ok) {
      unknowns.push(`The schema ${fetched.message}.`);
      continue;
    }
    let problems: string[];
    try {
      problems = await validate(fetched.document, credential);
    } catch (error) {
      unknowns.push(`The schema ${url} could not be used: ${reasonOf(error)}`);
      continue;
    }
    if (problems.length > 0) {
      const shown = problems.slice(0, 3).join('; ');
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      failures.push(`It does not match the schema ${url}: ${shown}${more}.`);
    }
  }
  if (failures.length > 0) return { id: 'schema', status: 'failed', message: failures.join(' ') };
  if (unknowns.length > 0) return { id: 'schema', status: 'unknown', message: unknowns.join(' ') };
  const names = schemas.map((entry) => String(entry.id)).join(', ');
  return {
    id: 'schema',
    status: 'passed',
    message: `It is valid against its JSON Schema (${names}).`,
  };
}
