/**
 * JSON Schema validation with Ajv (draft 2019-09, as the Open Badges schemas declare) and
 * ajv-formats. Ajv compiles each schema to code with `new Function`, which a page whose
 * Content-Security-Policy forbids eval cannot run: the CLI uses this, the verify page does not.
 */
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import type { SchemaValidator } from './types.ts';

/** A validator that compiles each distinct schema once. */
export function createAjvSchemaValidator(): SchemaValidator {
  const compiled = new Map<string, ValidateFunction>();
  return (schema, data) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      // One Ajv per schema: two schemas may claim the same $id.
      const ajv = new Ajv2019({ allErrors: true, strict: false });
      addFormats.default(ajv);
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || 'the credential'} ${error.message ?? 'is invalid'}`,
    );
  };
}
