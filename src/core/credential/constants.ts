/** JSON-LD contexts of an OpenBadgeCredential, in the order the specification requires. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3P0_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Defines `1EdTechJsonSchemaValidator2019`, the type of our `credentialSchema` entry. */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

export const CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, OB_V3P0_CONTEXT, OB_EXTENSIONS_CONTEXT];

/** The JSON Schema every verifier knows; the spec's own examples cite this URL. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019';
