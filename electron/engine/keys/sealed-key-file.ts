import { z } from 'zod';

/**
 * `*-key.sealed`: a private key encrypted by a KeyProtection. A small JSON document, so that a start
 * (or a person) can tell which protection it needs before trying to open it:
 *
 *   {"format":"counter-sealed-private-key","version":1,"protection":"passphrase",
 *    "contents":"pkcs8-der","sealed":"<base64 of what KeyProtection.seal returned>"}
 */
export const SEALED_KEY_FORMAT = 'counter-sealed-private-key';

export const zProtectionName = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'a short lower-case name (a-z, 0-9, ".", "-")');

const zSealedKeyFile = z.strictObject({
  format: z.literal(SEALED_KEY_FORMAT),
  version: z.literal(1),
  protection: zProtectionName,
  contents: z.literal('pkcs8-der'),
  sealed: z.base64().min(1),
});

export interface SealedKey {
  protection: string;
  sealed: Uint8Array;
}

export function encodeSealedKeyFile({ protection, sealed }: SealedKey): string {
  const file: z.infer<typeof zSealedKeyFile> = {
    format: SEALED_KEY_FORMAT,
    version: 1,
    protection,
    contents: 'pkcs8-der',
    sealed: Buffer.from(sealed).toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Throws, naming `source`, when the text is not a sealed key file this version understands. */
export function decodeSealedKeyFile(text: string, source: string): SealedKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${source}: not a Counter sealed key file (not JSON)`);
  }
  const parsed = zSealedKeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: not a Counter sealed key file (${issue?.path.join('.') || 'document'}: ${issue?.message})`);
  }
  return { protection: parsed.data.protection, sealed: new Uint8Array(Buffer.from(parsed.data.sealed, 'base64')) };
}
