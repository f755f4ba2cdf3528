/**
 * The Open Badges shape checks that JSON-LD and the JSON Schema can miss (REQUIREMENTS 4, the
 * validator's context, type, subject, issuer and evidence probes): a credential without a
 * `credentialSchema` still has to be an OpenBadgeCredential with a Profile issuer and an
 * AchievementSubject.
 */
import type { VerifyStep } from './types.ts';

type Json = Record<string, unknown>;

const VC_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://www.w3.org/2018/credentials/v1',
];
const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/;
const OB_CONTEXT_ALIASES = [
  'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html',
  'https://imsglobal.github.io/openbadges-specification/context.json',
];
const CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/** Checks the credential's contexts, types, issuer and subject; one message per problem. */
export function checkStructure(credential: Json): VerifyStep {
  const problems = [...contextProblems(credential), ...typeProblems(credential)];
  if (problems.length === 0) {
    return {
      id: 'structure',
      status: 'passed',
      message: `It is an ${credentialKind(credential)} with the structure Open Badges 3.0 requires.`,
    };
  }
  const shown = problems.slice(0, 4).join(' ');
  const more = problems.length > 4 ? ` (and ${problems.length - 4} more problems)` : '';
  return { id: 'structure', status: 'failed', message: `${shown}${more}` };
}

function contextProblems(credential: Json): string[] {
  const contexts = [credential['@context']].flat();
  if (credential['@context'] === undefined) return ['It has no "@context".'];
  const first = contexts[0];
  const problems: string[] = [];
  if (typeof first !== 'string' || !VC_CONTEXTS.includes(first)) {
    problems.push(
      `Its first "@context" must be ${VC_CONTEXTS[0]}, the Verifiable Credentials context; ` +
        `it is ${describe(first)}.`,
    );
  }
  const hasOb = contexts.some(
    (context) =>
      typeof context === 'string' &&
      (OB_CONTEXT.test(context) || OB_CONTEXT_ALIASES.includes(context)),
  );
  if (!hasOb) problems.push('Its "@context" does not include an Open Badges 3.0 context.');
  return problems;
}

function typeProblems(credential: Json): string[] {
  const problems: string[] = [];
  const types = typesOf(credential.type);
  if (!types.includes('VerifiableCredential')) {
    problems.push('Its "type" does not include VerifiableCredential.');
  }
  if (!types.some((type) => CREDENTIAL_TYPES.includes(type))) {
    problems.push(
      `Its "type" (${types.join(', ') || 'none'}) includes none of ${CREDENTIAL_TYPES.join(', ')}.`,
    );
  }
  problems.push(...issuerProblems(credential.issuer));
  const subject = credential.credentialSubject;
  if (!isObject(subject)) {
    problems.push('It has no "credentialSubject" object.');
  } else if (types.includes('EndorsementCredential')) {
    expectType(problems, subject, 'EndorsementSubject', 'credentialSubject');
  } else {
    problems.push(...subjectProblems(subject));
  }
  eachOf(credential.evidence, (item, at) =>
    expectType(problems, item, 'Evidence', `evidence[${at}]`),
  );
  return problems;
}

function issuerProblems(issuer: unknown): string[] {
  if (typeof issuer === 'string') return issuer === '' ? ['Its "issuer" is empty.'] : [];
  if (!isObject(issuer)) return ['It has no "issuer".'];
  const problems: string[] = [];
  if (typeof issuer.id !== 'string' || issuer.id === '') problems.push('Its issuer has no "id".');
  expectType(problems, issuer, 'Profile', 'issuer');
  if (issuer.parentOrg !== undefined)
    expectType(problems, issuer.parentOrg, 'Profile', 'issuer.parentOrg');
  eachOf(issuer.otherIdentifier, (item, at) =>
    expectType(problems, item, 'IdentifierEntry', `issuer.otherIdentifier[${at}]`),
  );
  return problems;
}

function subjectProblems(subject: Json): string[] {
  const problems: string[] = [];
  expectType(problems, subject, 'AchievementSubject', 'credentialSubject');
  if (subject.id === undefined && subject.identifier === undefined) {
    problems.push(
      'Its credentialSubject has neither an "id" nor an "identifier" naming the earner.',
    );
  }
  eachOf(subject.identifier, (item, at) =>
    expectType(problems, item, 'IdentityObject', `credentialSubject.identifier[${at}]`),
  );
  eachOf(subject.result, (item, at) =>
    expectType(problems, item, 'Result', `credentialSubject.result[${at}]`),
  );
  if (subject.source !== undefined) {
    expectType(problems, subject.source, 'Profile', 'credentialSubject.source');
  }
  const achievement = subject.achievement;
  if (!isObject(achievement)) {
    problems.push('Its credentialSubject has no "achievement".');
    return problems;
  }
  expectType(problems, achievement, 'Achievement', 'credentialSubject.achievement');
  const criteria = achievement.criteria;
  if (!isObject(criteria) || (criteria.id === undefined && criteria.narrative === undefined)) {
    problems.push('Its achievement has no "criteria" with an "id" or a "narrative".');
  }
  eachOf(achievement.resultDescription, (item, at) =>
    expectType(problems, item, 'ResultDescription', `achievement.resultDescription[${at}]`),
  );
  return problems;
}

function expectType(problems: string[], node: unknown, type: string, where: string): void {
  if (!isObject(node)) {
    problems.push(`Its ${where} is not an object.`);
    return;
  }
  const types = typesOf(node.type);
  if (!types.includes(type)) {
    problems.push(`Its ${where} has type ${types.join(', ') || 'none'}; it must include ${type}.`);
  }
}

function eachOf(value: unknown, visit: (item: unknown, at: number) => void): void {
  if (value === undefined) return;
  [value].flat().forEach(visit);
}

function typesOf(value: unknown): string[] {
  return [value].flat().filter((type): type is string => typeof type === 'string');
}

function credentialKind(credential: Json): string {
  return typesOf(credential.type).find((type) => CREDENTIAL_TYPES.includes(type)) ?? 'credential';
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 120);
}
