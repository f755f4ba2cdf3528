/**
 * The two public faces of a revocation list: the unsigned
 * BitstringStatusListCredential published at the list URL, and the
 * BitstringStatusListEntry each OpenBadgeCredential carries in `credentialStatus`
 * (REQUIREMENTS.md sections 1.9 and 7). Signing happens elsewhere.
 */
import { VC_V2_CONTEXT } from '../credential/constants.ts';
import type { BitstringStatusListEntry } from '../credential/types.ts';
import { LaurelError } from '../errors.ts';
import { MIN_STATUS_LIST_LENGTH } from './bitstring.ts';
import { encodeStatusList } from './encoded-list.ts';

/** A BitstringStatusListCredential before its proof is attached. */
export interface UnsignedStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
}

export interface StatusListCredentialInputs {
  /** Where the list is published; also its `id`. */
  url: string;
  issuer: string;
  validFrom: string;
  /** Indices of revoked credentials. */
  setIndices: Iterable<number>;
  /** Bits in the list; 131,072 unless the record says otherwise. */
  length?: number | undefined;
}

/**
 * Builds the unsigned revocation list credential of one issuer: a VC 2.0 credential
 * whose `id` is the URL it is published at and whose subject (`<url>#list`) carries
 * the encoded bitstring. Only the v2 context is needed, since the Bitstring Status
 * List terms are defined there.
 */
export async function buildStatusListCredential(
  inputs: StatusListCredentialInputs,
): Promise<UnsignedStatusListCredential> {
  const url = checkListUrl(inputs.url);
  return {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: inputs.issuer,
    validFrom: inputs.validFrom,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: await encodeStatusList(
        inputs.setIndices,
        inputs.length ?? MIN_STATUS_LIST_LENGTH,
      ),
    },
  };
}

/**
 * The `credentialStatus` of the credential at `index` in the list at `listUrl`. The
 * entry's `id` is `<list url>#<index>`: the strict schema requires an id and the
 * specification forbids it to equal the list URL. The index is written as a base-10
 * string, as the specification says.
 */
export function statusEntry(listUrl: string, index: number): BitstringStatusListEntry {
  const url = checkListUrl(listUrl);
  if (!Number.isInteger(index) || index < 0) {
    throw new LaurelError('ERR_STATUS', `Status index ${index} is not a non-negative integer.`, {
      hint: 'Status indices come from the issuer record in content/status/.',
    });
  }
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

function checkListUrl(url: string): string {
  if (!URL.canParse(url) || url.includes('#')) {
    throw new LaurelError('ERR_STATUS', `"${url}" cannot be a status list URL.`, {
      hint: 'Use the absolute URL of the list without a fragment (siteUrls().statusList).',
    });
  }
  return url;
}
