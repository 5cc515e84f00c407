import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { EngineContext } from '../context';
import { claimFields } from '../../../../shared/claims/claim-fields';
import { routePath } from '../../../../shared/routes/route-paths';
import { routeTable, type RouteId } from '../../../../shared/routes/route-table';
import { AUTHORIZATION_CODE_GRANT, PRE_AUTHORIZED_GRANT } from '../offers/credential-offer';
import { POP_SIGNING_ALGS } from '../dpop/oauth2-library';
import { ATTESTATION_ALGS } from '../wallets/anchored-jwt';
import { ATTESTATION_POP_ALGS } from '../wallets/client-attestation';

/** The path of a route of the table, parameters filled in. */
export const walletPath = (id: RouteId, params?: Record<string, string>): string => routePath(routeTable[id].path, params);
/** The absolute URL of a route at this issuer. */
export const issuerUrl = (issuer: string, id: RouteId, params?: Record<string, string>): string => issuer + walletPath(id, params);

const LOCALE = 'en-US';

/** What the wallet policy (DESIGN §12) changes in the metadata. */
export interface MetadataPolicy {
  /** batch_credential_issuance.batch_size; 1: no batch issuance (§12.2.4: batch_size must be 2 or more). */
  batchSize: number;
  /** Trusted wallet providers exist, so key attestations can be checked (the `attestation` proof type). */
  keyAttestations: boolean;
  requireWalletAttestation: boolean;
  requirePushedAuthorizationRequests: boolean;
}

export async function metadataPolicy(ctx: EngineContext): Promise<MetadataPolicy> {
  const [policy, anchors] = await Promise.all([ctx.walletTrust.policy(), ctx.walletTrust.anchors()]);
  return {
    batchSize: policy.batchSize,
    keyAttestations: anchors.length > 0,
    requireWalletAttestation: policy.requireWalletAttestation,
    requirePushedAuthorizationRequests: policy.requirePushedAuthorizationRequests,
  };
}

/** GET /.well-known/openid-credential-issuer (OID4VCI 1.0 §12.2, DESIGN §4). */
export function credentialIssuerMetadata(issuer: string, displayName: string, configurations: MdocConfiguration[], policy: MetadataPolicy) {
  return {
    credential_issuer: issuer,
    authorization_servers: [issuer],
    credential_endpoint: issuerUrl(issuer, 'credential'),
    nonce_endpoint: issuerUrl(issuer, 'nonce'),
    notification_endpoint: issuerUrl(issuer, 'notification'),
    display: [{ name: displayName, locale: LOCALE }],
    mdoc_iacas_uri: issuerUrl(issuer, 'iacas'),
    ...(policy.batchSize >= 2 ? { batch_credential_issuance: { batch_size: policy.batchSize } } : {}),
    credential_configurations_supported: Object.fromEntries(configurations.map((c) => [c.id, configurationMetadata(c, policy)])),
  };
}

/** Appendix F: proof types and their algorithms; key_attestations_required only when the configuration asks (§12.2.4). */
function proofTypes(c: MdocConfiguration, policy: MetadataPolicy) {
  const required = c.keyAttestationsRequired
    ? {
        key_attestations_required: {
          ...(c.keyAttestationsRequired.keyStorage ? { key_storage: c.keyAttestationsRequired.keyStorage } : {}),
          ...(c.keyAttestationsRequired.userAuthentication ? { user_authentication: c.keyAttestationsRequired.userAuthentication } : {}),
        },
      }
    : {};
  return {
    jwt: { proof_signing_alg_values_supported: ['ES256'], ...required },
    ...(policy.keyAttestations ? { attestation: { proof_signing_alg_values_supported: ['ES256'], ...required } } : {}),
  };
}

function configurationMetadata(c: MdocConfiguration, policy: MetadataPolicy) {
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
    // OID4VCI 1.0 Appendix A.2.2: issuerAuth is alg -7 with a P-256 key, which matches both -7
    // (ES256) and -9 (ESP256, fully specified); some wallets look for only one of them (DESIGN §12).
    credential_signing_alg_values_supported: [-7, -9],
    proof_types_supported: proofTypes(c, policy),
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

/** GET /.well-known/oauth-authorization-server (RFC 8414; OID4VCI 1.0 §12.3; RFC 9449 §5.1; attestation-based client authentication §10). */
export function authorizationServerMetadata(
  issuer: string,
  configurations: MdocConfiguration[],
  policy: Pick<MetadataPolicy, 'requireWalletAttestation' | 'requirePushedAuthorizationRequests'>,
) {
  return {
    issuer,
    token_endpoint: issuerUrl(issuer, 'token'),
    authorization_endpoint: issuerUrl(issuer, 'authorize'),
    pushed_authorization_request_endpoint: issuerUrl(issuer, 'pushAuthorizationRequest'),
    require_pushed_authorization_requests: policy.requirePushedAuthorizationRequests,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [AUTHORIZATION_CODE_GRANT, PRE_AUTHORIZED_GRANT],
    scopes_supported: [...new Set(configurations.map((c) => c.type))],
    authorization_response_iss_parameter_supported: true,
    authorization_details_types_supported: ['openid_credential'],
    // Anonymous only while wallet attestation is optional.
    'pre-authorized_grant_anonymous_access_supported': !policy.requireWalletAttestation,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: [
      ...(policy.requireWalletAttestation ? [] : ['none']),
      'attest_jwt_client_auth',
      'attest_jwt_client_auth_dpop',
    ],
    client_attestation_signing_alg_values_supported: ATTESTATION_ALGS,
    client_attestation_pop_signing_alg_values_supported: ATTESTATION_POP_ALGS,
    client_attestation_pop_methods_supported: [
      'attestation_pop_jwt',
      'dpop_combined',
      ...(policy.requireWalletAttestation ? [] : ['none']),
    ],
    dpop_signing_alg_values_supported: [...POP_SIGNING_ALGS],
  };
}
