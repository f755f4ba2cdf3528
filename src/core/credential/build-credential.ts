import type { AchievementRecord, AwardRecord, IssuerRecord } from '../content/records.ts';
import type { SiteUrls } from '../urls.ts';
import { buildAchievement } from './build-achievement.ts';
import { buildProfile } from './build-profile.ts';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA,
  CREDENTIAL_CONTEXT,
  SCHEMA_VALIDATOR_TYPE,
} from './constants.ts';
import type {
  AchievementSubject,
  BitstringStatusListEntry,
  Evidence,
  UnsignedCredential,
} from './types.ts';

export interface CredentialInputs {
  award: AwardRecord;
  achievement: AchievementRecord;
  issuer: IssuerRecord;
  issuers: ReadonlyMap<string, IssuerRecord>;
  urls: SiteUrls;
  credentialStatus?: BitstringStatusListEntry | undefined;
}

/**
 * Assembles the unsigned OpenBadgeCredential of one award: a pure function of the content records
 * and the site URL, so the same commit always yields the same credential. The shape follows
 * REQUIREMENTS.md section 1: the credential's id is the URL of its JSON, the issuer Profile and
 * the Achievement are embedded, every multi-valued property is an array, and empty optional
 * properties are omitted rather than written as null or [].
 */
export function buildCredential(inputs: CredentialInputs): UnsignedCredential {
  const { award, achievement, issuer, urls } = inputs;
  const achievementData = buildAchievement(achievement, inputs.issuers, urls);
  const credential: UnsignedCredential = {
    '@context': [...CREDENTIAL_CONTEXT],
    id: urls.credentialJson(award.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.data.name,
    description: achievement.data.description,
    issuer: buildProfile(issuer, urls),
    validFrom: award.validFrom,
    awardedDate: award.data.awardedDate,
    credentialSubject: buildSubject(award, achievementData),
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: SCHEMA_VALIDATOR_TYPE }],
  };
  if (achievementData.image) credential.image = { ...achievementData.image };
  if (award.validUntil) credential.validUntil = award.validUntil;
  const evidence = buildEvidence(award);
  if (evidence.length > 0) credential.evidence = evidence;
  if (inputs.credentialStatus) credential.credentialStatus = inputs.credentialStatus;
  return credential;
}

function buildSubject(
  award: AwardRecord,
  achievement: AchievementSubject['achievement'],
): AchievementSubject {
  const { recipient } = award.data;
  const subject: AchievementSubject = { type: ['AchievementSubject'], achievement };
  if ('id' in recipient) {
    subject.id = recipient.id;
  } else {
    subject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: recipient.hashedEmail.toLowerCase(),
        salt: recipient.salt,
      },
    ];
  }
  if (recipient.name) subject.name = recipient.name;
  if (award.narrative) subject.narrative = award.narrative;
  return subject;
}

function buildEvidence(award: AwardRecord): Evidence[] {
  return award.data.evidence.map((item) => {
    const evidence: Evidence = { type: ['Evidence'] };
    if (item.url) evidence.id = item.url;
    if (item.name) evidence.name = item.name;
    if (item.narrative) evidence.narrative = item.narrative;
    if (item.description) evidence.description = item.description;
    return evidence;
  });
}
