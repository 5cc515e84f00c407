import { z } from 'zod';

// The wallet-facing answers (DESIGN §4), as far as the route table and clients need them (a client's
// parse keeps these fields and drops the rest). The engine's own parsers (credential request,
// proofs, token grants) check the details.

/** RFC 6749 §5.1 + OID4VCI 1.0 §6.2 */
export const zTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  c_nonce: z.string().optional(),
  c_nonce_expires_in: z.number().optional(),
  /** §6.2: present when the request used authorization_details; the credential request then names a credential_identifier. */
  authorization_details: z
    .array(
      z.looseObject({
        type: z.literal('openid_credential'),
        credential_configuration_id: z.string(),
        credential_identifiers: z.array(z.string()).min(1),
      }),
    )
    .min(1)
    .optional(),
});

/** OID4VCI 1.0 §7.2 */
export const zNonceResponse = z.object({ c_nonce: z.string() });

/** RFC 9126 §2.2 */
export const zPushedAuthorizationResponse = z.object({ request_uri: z.string(), expires_in: z.number() });

/** OID4VCI 1.0 §8.3 (and the draft 13–14 `credential` + `format`). */
export const zCredentialResponse = z.object({
  credentials: z.array(z.object({ credential: z.string() })).optional(),
  credential: z.string().optional(),
  notification_id: z.string().optional(),
});

/** OID4VCI 1.0 §12.2 */
export const zCredentialIssuerMetadata = z.object({
  credential_issuer: z.string(),
  credential_endpoint: z.string(),
  credential_configurations_supported: z.record(z.string(), z.unknown()),
});

/** RFC 8414 §2 */
export const zAuthorizationServerMetadata = z.object({ issuer: z.string(), token_endpoint: z.string() });

/** OID4VCI 1.0 §4.1.1 */
export const zCredentialOffer = z.object({
  credential_issuer: z.string(),
  credential_configuration_ids: z.array(z.string()),
  grants: z.record(z.string(), z.unknown()).optional(),
});

/** GET /v1/oauth/authorize/wait/{handle}/events: what the holder's wait page follows (DESIGN §8). */
export const zHolderWaitStatus = z.object({ decided: z.boolean(), expires: z.string().optional() });

/** An application/x-www-form-urlencoded body, one value per name (RFC 6749 §3.2). */
export const zForm = z.record(z.string(), z.string());

/** A JSON body the engine's own parser reads (credential, notification). */
export const zJsonBody = z.unknown();
