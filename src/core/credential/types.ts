/**
 * The Open Badges 3.0 data model as Laurel emits it, named as in the specification. Every
 * multi-valued property is an array and every complex value an object, so the output passes both
 * the strict JSON Schema and the JSON-LD adaptation (see REQUIREMENTS.md sections 1 and 1.11).
 */

/** Image class: always an object, never a bare URL. */
export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface Profile {
  id: string;
  type: string[];
  name?: string;
  url?: string;
  email?: string;
  description?: string;
  image?: Image;
}

export interface Criteria {
  id?: string;
  narrative?: string;
}

export interface Alignment {
  type: string[];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

export interface Achievement {
  id: string;
  type: string[];
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: string;
  image?: Image;
  tag?: string[];
  alignment?: Alignment[];
  creator?: Profile;
}

export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
}

export interface AchievementSubject {
  id?: string;
  type: string[];
  achievement: Achievement;
  identifier?: IdentityObject[];
  name?: string;
  narrative?: string;
}

export interface Evidence {
  id?: string;
  type: string[];
  name?: string;
  narrative?: string;
  description?: string;
}

export interface CredentialSchema {
  id: string;
  type: string;
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

/** An OpenBadgeCredential before any proof is attached. */
export interface UnsignedCredential {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  description?: string;
  image?: Image;
  issuer: Profile;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: AchievementSubject;
  evidence?: Evidence[];
  credentialSchema: CredentialSchema[];
  credentialStatus?: BitstringStatusListEntry;
}

export interface SignedCredential extends UnsignedCredential {
  proof: DataIntegrityProof[];
}
