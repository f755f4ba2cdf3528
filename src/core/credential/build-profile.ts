import type { IssuerRecord } from '../content/records.ts';
import type { SiteUrls } from '../urls.ts';
import { paths } from '../urls.ts';
import type { Profile } from './types.ts';

/**
 * The issuer's Profile as it is embedded in every credential and published at its own URL. The id
 * is the issuer's did:web, which is also the controller of its signing keys: verifiers require the
 * two to match. Name, url and email are always present, since displayers show them and Open
 * Badges 2.0 consumers require them.
 */
export function buildProfile(issuer: IssuerRecord, urls: SiteUrls): Profile {
  const profile: Profile = {
    id: urls.issuerId(issuer.slug),
    type: ['Profile'],
    name: issuer.data.name,
    url: issuer.data.url,
    email: issuer.data.email,
  };
  if (issuer.description) profile.description = issuer.description;
  if (issuer.image) {
    const extension = issuer.image.slice(issuer.image.lastIndexOf('.')).toLowerCase();
    profile.image = {
      id: urls.at(paths.issuerImage(issuer.slug, extension)),
      type: 'Image',
      caption: issuer.data.imageAlt ?? `Logo of ${issuer.data.name}`,
    };
  }
  return profile;
}
