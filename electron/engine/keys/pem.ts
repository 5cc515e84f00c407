/** PEM armour (RFC 7468) for certificates, PKCS#10 requests and PKCS#8 private keys. */
export type PemLabel = 'CERTIFICATE' | 'CERTIFICATE REQUEST' | 'PRIVATE KEY';

export function pemEncode(der: Uint8Array, label: PemLabel): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The one block with this label; throws (naming `source`) if there is none or more than one. */
export function pemDecode(text: string, label: PemLabel, source: string): Uint8Array<ArrayBuffer> {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*)-----END ${label}-----`, 'g');
  const blocks = [...text.matchAll(pattern)];
  if (blocks.length !== 1) {
    throw new Error(`${source}: expected exactly one PEM "${label}" block, found ${blocks.length}`);
  }
  const der = Buffer.from(blocks[0]![1]!.replace(/\s+/g, ''), 'base64');
  if (der.length === 0) throw new Error(`${source}: the PEM "${label}" block is empty`);
  return new Uint8Array(der);
}
