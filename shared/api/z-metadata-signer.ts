import { z } from 'zod';

// The key that signs the issuer metadata (DESIGN §12, OID4VCI 1.0 §12.2.3, HAIP §4.1), for admins:
// GET/POST/PUT /v1/counter/metadata-signer. Either imported at start (COUNTER_METADATA_SIGNING_KEY
// and _CERT) or made in the kiosk: POST makes a key (in the PKCS#11 token when one is configured)
// and answers its CSR; PUT installs the certificate a CA issued for it.

export const zCreateMetadataSignerRequest = z.strictObject({
  /** The CSR's subject CN; "<display name> metadata signer" when left out. */
  commonName: z.string().min(1).max(64).optional(),
  /** The CSR's subject C (ISO 3166-1 alpha-2); the kiosk's country when left out. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** The CSR's subject O, when the CA wants one. */
  organization: z.string().min(1).max(64).optional(),
});
export type CreateMetadataSignerRequest = z.infer<typeof zCreateMetadataSignerRequest>;

export const zInstallMetadataSignerRequest = z.strictObject({
  /** The CA's certificate for the pending key, then any intermediates (PEM, leaf first, without the trust anchor). */
  certificatePem: z.string().min(1).max(40_000),
});
export type InstallMetadataSignerRequest = z.infer<typeof zInstallMetadataSignerRequest>;

const zCertificateFacts = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-256 of the leaf certificate, hex. */
  fingerprint: z.string(),
  /** Certificates in x5c (the leaf and its intermediates). */
  chainLength: z.number().int(),
});

export const zMetadataSigner = z.object({
  /** environment: COUNTER_METADATA_SIGNING_KEY/_CERT; kiosk: a key made here; none: the metadata is not signed. */
  source: z.enum(['environment', 'kiosk', 'none']),
  /** The certificate the metadata is signed under now. */
  certificate: zCertificateFacts.optional(),
  /** A key made here that waits for its certificate. */
  pending: z
    .object({
      id: z.uuid(),
      createdAt: z.string(),
      /** Where the key is: a key file or a PKCS#11 token (never the key). */
      keyLocation: z.string(),
      csrPem: z.string(),
    })
    .optional(),
});
export type MetadataSigner = z.infer<typeof zMetadataSigner>;
