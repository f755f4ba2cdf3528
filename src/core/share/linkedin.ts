/**
 * LinkedIn's "Add licence or certification" form, prefilled from an award. LinkedIn reads the
 * fields from the query string of its profile URL; there is no API call and nothing is sent to
 * LinkedIn until the earner opens the link and saves the form themselves. Browser-safe.
 */

const ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

export interface LinkedInCertification {
  /** The achievement's name, shown as the certification's name. */
  name: string;
  /** The issuer's name; LinkedIn matches it against its company pages. */
  organizationName: string;
  /** DateTimeZ the award was made (`awardedDate`); LinkedIn keeps year and month. */
  issued: string;
  /** DateTimeZ the award expires (`validUntil`), if it does. */
  expires?: string | undefined;
  /** The award's page, which LinkedIn shows as "Show credential". */
  certUrl: string;
  /** The credential's id, shown as "Credential ID". */
  certId: string;
}

/**
 * The URL that opens LinkedIn's add-certification form with every field filled in. Values are
 * encoded by URLSearchParams, so names with `&`, `#` or non-ASCII letters arrive intact. Months
 * are 1 to 12 and come from the UTC date, the one the credential is signed with.
 */
export function linkedInAddUrl(certification: LinkedInCertification): string {
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: certification.name,
    organizationName: certification.organizationName,
    issueYear: certification.issued.slice(0, 4),
    issueMonth: String(Number(certification.issued.slice(5, 7))),
  });
  if (certification.expires) {
    params.set('expirationYear', certification.expires.slice(0, 4));
    params.set('expirationMonth', String(Number(certification.expires.slice(5, 7))));
  }
  params.set('certUrl', certification.certUrl);
  params.set('certId', certification.certId);
  return `${ADD_TO_PROFILE}?${params}`;
}
