import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../../shared/claims/claim-fields';
import { routePath } from '../../../../shared/routes/route-paths';
import { routeTable, type RouteId } from '../../../../shared/routes/route-table';
import { AUTHORIZATION_CODE_GRANT, PRE_AUTHORIZED_GRANT } from '../offers/credential-offer';

/** The path of a route of the table, parameters filled in. */
export const walletPath = (id: RouteId, params?: Record<string, string>): string => routePath(routeTable[id].path, params);
/** The absolute URL of a route at this issuer. */
export const issuerUrl = (issuer: string, id: RouteId, params?: Record<string, string>): string => issuer + walletPath(id, params);

const LOCALE = 'en-US';

/** GET /.well-known/openid-credential-issuer (OID4VCI 1.0 §12.2, DESIGN §4). */
export function credentialIssuerMetadata(issuer: string, displayName: string, configurations: MdocConfiguration[]) {
  return {
    credential_issuer: issuer,
    authorization_servers: [issuer],
    credential_endpoint: issuerUrl(issuer, 'credential'),
    nonce_endpoint: issuerUrl(issuer, 'nonce'),
    notification_endpoint: issuerUrl(issuer, 'notification'),
    display: [{ name: displayName, locale: LOCALE }],
    mdoc_iacas_uri: issuerUrl(issuer, 'iacas'),
    credential_configurations_supported: Object.fromEntries(configurations.map((c) => [c.id, configurationMetadata(c)])),
  };
}

function configurationMetadata(c: MdocConfiguration) {
  const display = {
    name: c.branding?.name ?? c.type,
    locale: LOCALE,
    ...(c.branding?.description ? { description: c.branding.description } : {}),
    ...(c.branding?.backgroundColor ? { background_color: c.branding.backgroundColor } : {}),
    ...(c.branding?.textColor ? { text_color: c.branding.textColor } : {}),
  };
  return {
    format: 'mso_mdoc',
    doctype: c.type,
    scope: c.type,
    cryptographic_binding_methods_supported: ['cose_key'],
    // COSE -7 = ES256; wallets read the integer form as OID4VCI 1.0 (NOTES).
    credential_signing_alg_values_supported: [-7],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    credential_metadata: {
      display: [display],
      claims: claimFields(c).map((f) => ({
        path: [f.namespace, f.element],
        mandatory: f.required,
        display: [{ name: f.label, locale: LOCALE }],
      })),
    },
  };
}

/** GET /.well-known/oauth-authorization-server (RFC 8414; OID4VCI 1.0 §12.3). */
export function authorizationServerMetadata(issuer: string, configurations: MdocConfiguration[]) {
  return {
    issuer,
    token_endpoint: issuerUrl(issuer, 'token'),
    authorization_endpoint: issuerUrl(issuer, 'authorize'),
    pushed_authorization_request_endpoint: issuerUrl(issuer, 'pushAuthorizationRequest'),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [AUTHORIZATION_CODE_GRANT, PRE_AUTHORIZED_GRANT],
    scopes_supported: [...new Set(configurations.map((c) => c.type))],
    authorization_response_iss_parameter_supported: true,
    authorization_details_types_supported: ['openid_credential'],
    'pre-authorized_grant_anonymous_access_supported': true,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
  };
}
