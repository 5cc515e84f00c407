import { z } from 'zod';

// The wallet protocol settings (DESIGN §12), set by an admin: GET/PUT /v1/counter/wallet-policy.
export const MAX_BATCH_SIZE = 100;

export const zWalletPolicy = z.strictObject({
  /** Refuse token requests without a DPoP proof, and Bearer use of any access token (RFC 9449). */
  requireDpop: z.boolean().default(false),
  /** Refuse DPoP proofs without a current server nonce (RFC 9449 §8: use_dpop_nonce). */
  requireDpopNonce: z.boolean().default(false),
  /** Refuse PAR and token requests without a wallet attestation from a trusted wallet provider. */
  requireWalletAttestation: z.boolean().default(false),
  /** Refuse authorization requests not pushed first (RFC 9126 §5; FAPI 2.0 through HAIP §4). */
  requirePushedAuthorizationRequests: z.boolean().default(false),
  /** OID4VCI 1.0 batch_credential_issuance.batch_size; 1 turns batch issuance off. */
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).default(10),
});
export type WalletPolicy = z.infer<typeof zWalletPolicy>;
export const defaultWalletPolicy: WalletPolicy = zWalletPolicy.parse({});

// Trusted wallet providers: the anchors of wallet and key attestations.
export const zCreateWalletProviderRequest = z.union([
  z.strictObject({ name: z.string().min(1).max(100), certificatePem: z.string().min(1).max(20_000) }),
  z.strictObject({ name: z.string().min(1).max(100), jwk: z.record(z.string(), z.unknown()) }),
]);
export type CreateWalletProviderRequest = z.infer<typeof zCreateWalletProviderRequest>;

export const zWalletProvider = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['certificate', 'jwk']),
  /** SHA-256 of the certificate (hex), or the JWK thumbprint (RFC 7638). */
  fingerprint: z.string(),
  createdAt: z.string(),
  /** Certificate anchors: who it names and until when it is valid. */
  certificate: z.object({ subject: z.string(), notAfter: z.string() }).optional(),
});
export type WalletProvider = z.infer<typeof zWalletProvider>;
export const zWalletProviderList = z.object({ data: z.array(zWalletProvider) });
