/**
 * JSON Schema validation without code generation, for the verify page: its
 * Content-Security-Policy forbids `eval`, which Ajv needs. @cfworker/json-schema interprets the
 * schema (draft 2019-09, as the Open Badges schemas declare) instead of compiling it.
 */
import { type Schema, Validator } from '@cfworker/json-schema';
import type { SchemaValidator } from './types.ts';

/** A validator that prepares each distinct schema once. */
export function createInterpretedSchemaValidator(): SchemaValidator {
  const validators = new Map<string, Validator>();
  return (schema, data) => {
    const key = JSON.stringify(schema);
    let validator = validators.get(key);
    if (validator === undefined) {
      validator = new Validator(schema as Schema, '2019-09', false);
      validators.set(key, validator);
    }
    const result = validator.validate(data);
    if (result.valid) return [];
    // The library lists every failing keyword up the tree; the innermost ones say what is wrong.
    const leaves = result.errors.filter(
      (error) => !/^(?:\$ref|properties|allOf|anyOf|oneOf|items)$/.test(error.keyword),
    );
    return (leaves.length > 0 ? leaves : result.errors).map(
      (error) => `${error.instanceLocation.replace(/^#/, '') || 'the credential'}: ${error.error}`,
    );
  };
}
