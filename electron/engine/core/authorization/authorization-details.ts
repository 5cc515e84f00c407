import { z } from 'zod';
import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';

// Authorization details of type openid_credential (RFC 9396 §2, OID4VCI 1.0 §5.1.1): read at the
// authorization endpoint, PAR and the token endpoint (§6.1), and described back in the token
// response with credential identifiers (§6.2), which the credential request then names (§8.2).

/** As many as a request may name; this issuer has a handful of configurations. */
const MAX_DETAILS = 10;

const zDetails = z
  .array(
    z.looseObject({
      type: z.literal('openid_credential'),
      credential_configuration_id: z.string().min(1).max(256).optional(),
      // Drafts 13–14 named the credential by format and its format's parameters instead.
      format: z.string().optional(),
      doctype: z.string().optional(),
      locations: z.array(z.string()).optional(),
    }),
  )
  .min(1)
  .max(MAX_DETAILS);

/**
 * Why authorization details are refused: not JSON at all (a malformed request), or not what RFC
 * 9396 §5 accepts (another type, a field of the wrong form, nothing this issuer issues, another place).
 */
export interface DetailsRefusal {
  refusal: 'not_json' | 'invalid';
  description: string;
}

/**
 * The configuration ids that `raw` (the parameter's JSON) names, in order and without repeats, or
 * why it is refused. OID4VCI 1.0 §5.1.1: with `authorization_servers` in the issuer metadata, a
 * detail's `locations` names the credential issuer; one naming another place is not for us.
 */
export function detailsConfigurations(raw: string, configurations: MdocConfiguration[], issuer: string): string[] | DetailsRefusal {
  const shape = 'authorization_details must be a JSON array of openid_credential objects';
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { refusal: 'not_json', description: shape };
  }
  const parsed = zDetails.safeParse(json);
  if (!parsed.success) return { refusal: 'invalid', description: shape };
  const ids: string[] = [];
  for (const d of parsed.data) {
    if (d.locations && !d.locations.includes(issuer))
      return { refusal: 'invalid', description: `authorization_details names locations other than this credential issuer (${issuer})` };
    const match = configurations.find((c) =>
      d.credential_configuration_id ? c.id === d.credential_configuration_id : c.type === d.doctype,
    );
    if (!match) return { refusal: 'invalid', description: 'authorization_details names an unknown credential configuration' };
    if (!ids.includes(match.id)) ids.push(match.id);
  }
  return ids;
}

export const isDetailsRefusal = (v: string[] | DetailsRefusal): v is DetailsRefusal => !Array.isArray(v);

/**
 * OID4VCI 1.0 §6.2: a credential identifier names a Credential Dataset the access token can issue.
 * At a counter the holder's data, as the clerk approved it, makes exactly one dataset per
 * configuration of the offer (a batch is several copies of that one dataset, §8.2), so the
 * identifier is the configuration id itself: stable, the same in every token, and meaningful to
 * anyone reading the issuer metadata. Which identifiers a token may use is what the offer keeps
 * (OfferRecord.detailsCredentials), so nothing more needs storing.
 */
export const credentialIdentifier = (configurationId: string): string => configurationId;

/** The configuration a credential identifier of this token names, if it is one of them. */
export const configurationOfIdentifier = (identifier: string, detailsCredentials: readonly string[]): string | undefined =>
  detailsCredentials.find((id) => credentialIdentifier(id) === identifier);

export type TokenAuthorizationDetail = {
  type: 'openid_credential';
  credential_configuration_id: string;
  locations: string[];
  credential_identifiers: string[];
};

/**
 * OID4VCI 1.0 §6.2 (RFC 9396 §7): the authorization details as granted, one per configuration, each
 * with its credential identifiers; `locations` is the credential issuer, as §5.1.1 asks of the
 * wallet while the issuer metadata lists `authorization_servers`.
 */
export function tokenAuthorizationDetails(configurationIds: readonly string[], issuer: string): TokenAuthorizationDetail[] {
  return configurationIds.map((id) => ({
    type: 'openid_credential',
    credential_configuration_id: id,
    locations: [issuer],
    credential_identifiers: [credentialIdentifier(id)],
  }));
}
