import type { EngineContext } from '../context';
import { invalidRequest, OAuthError } from '../errors/oauth-error';
import { detailsConfigurations, isDetailsRefusal } from '../authorization/authorization-details';
import type { Grant } from './grant';

// authorization_details at the token endpoint: what the wallet MAY send with either grant (OID4VCI
// 1.0 §6.1), and what the token response then describes with credential identifiers (§6.2).

/** As at the authorization endpoint (DESIGN §8): far more than ten details need. */
const MAX_DETAILS_LENGTH = 4096;

/** RFC 9396 §5, §6: details the AS does not accept, or that ask for more than the grant allows. */
const invalidDetails = (description: string) => new OAuthError(400, 'invalid_authorization_details', description);

/**
 * The configurations the token request's authorization_details name, checked before the grant is
 * looked at (so a refusal never touches a code); undefined when it has none. RFC 6749 §3.1: a
 * parameter sent without a value counts as omitted.
 */
export async function tokenRequestDetails(ctx: EngineContext, form: Record<string, string>): Promise<string[] | undefined> {
  const raw = form.authorization_details;
  if (!raw) return undefined;
  if (raw.length > MAX_DETAILS_LENGTH) throw invalidRequest(`authorization_details is longer than ${MAX_DETAILS_LENGTH} characters`);
  const named = detailsConfigurations(raw, await ctx.stores.configurations.list(), ctx.settings.credentialIssuer);
  if (isDetailsRefusal(named)) throw named.refusal === 'not_json' ? invalidRequest(named.description) : invalidDetails(named.description);
  return named;
}

/**
 * What the access token's authorization_details describe (OID4VCI 1.0 §6.2), or undefined for a
 * token granted without them. Details in the token request narrow the grant to what they name
 * (§6.1 recommends taking a subset; RFC 9396 §6 refuses anything beyond the grant); otherwise an
 * authorization request that used authorization_details is described whole, configurations asked
 * for by scope included, since with credential identifiers in the token response the wallet may no
 * longer name any credential by credential_configuration_id (§8.2).
 */
export function grantedDetails(requested: string[] | undefined, grant: Grant): string[] | undefined {
  if (requested) {
    if (requested.some((id) => !grant.offer.credentials.includes(id)))
      throw invalidDetails('authorization_details asks for a credential this grant does not include');
    return requested;
  }
  return grant.detailsRequested ? grant.offer.credentials : undefined;
}
