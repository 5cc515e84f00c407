import type { KeyRef } from '../core/signing/key-ref';
import type { CrlRecord, IacaRecord, SignerRecord } from '../core/store';
import { CorruptRecordError } from '../core/store-errors';

// Rows of iacas, signers and iaca_crls as both stores read them (DESIGN §10). The two databases
// differ only in how a flag comes back (SQLite 0/1, PostgreSQL boolean) and how the key_ref JSON
// column is read, which each store hands in.

type Flag = number | boolean;

export interface IacaRow<J> {
  id: string;
  managed: Flag;
  active: Flag;
  certificate: Buffer;
  fingerprint: string;
  key_ref: J | null;
  created_at: number;
  updated_at: number;
}

export interface SignerRow<J> {
  id: string;
  kind: string;
  iaca_id: string;
  key_ref: J;
  public_key: Buffer;
  csr: Buffer;
  certificate: Buffer | null;
  serial_number: string | null;
  not_before: number | null;
  not_after: number | null;
  installed_at: number | null;
  active: Flag;
  created_at: number;
  revoked_at: number | null;
}

export interface CrlRow {
  iaca_id: string;
  number: number;
  crl: Buffer;
  this_update: number;
  next_update: number;
}

export const SIGNER_COLUMNS = `id, kind, iaca_id, key_ref, public_key, csr, certificate, serial_number, not_before, not_after, installed_at, active, created_at, revoked_at`;

const bytes = (buffer: Buffer) => new Uint8Array(buffer);

/** The record readers for one store, given how it reads the key_ref column. */
export function trustRowReaders<J>(readKeyRef: (value: J, column: string) => KeyRef) {
  const toIaca = (row: IacaRow<J>): IacaRecord => ({
    id: row.id,
    managed: Boolean(row.managed),
    active: Boolean(row.active),
    certificateDer: bytes(row.certificate),
    fingerprint: row.fingerprint,
    ...(row.key_ref !== null ? { keyRef: readKeyRef(row.key_ref, 'iacas.key_ref') } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  function toSigner(row: SignerRow<J>): SignerRecord {
    if (row.kind !== 'document_signer' && row.kind !== 'status_list_signer')
      throw new CorruptRecordError('signers.kind', `unknown signer kind "${row.kind}"`);
    return {
      id: row.id,
      kind: row.kind,
      iacaId: row.iaca_id,
      keyRef: readKeyRef(row.key_ref, 'signers.key_ref'),
      publicKeySpki: bytes(row.public_key),
      csrDer: bytes(row.csr),
      ...(row.certificate && row.serial_number !== null && row.not_before !== null && row.not_after !== null && row.installed_at !== null
        ? {
            certificate: {
              der: bytes(row.certificate),
              serialNumber: row.serial_number,
              notBefore: row.not_before,
              notAfter: row.not_after,
              installedAt: row.installed_at,
            },
          }
        : {}),
      active: Boolean(row.active),
      createdAt: row.created_at,
      ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
    };
  }

  return { toIaca, toSigner };
}

export const toCrl = (row: CrlRow): CrlRecord => ({
  iacaId: row.iaca_id,
  number: row.number,
  der: bytes(row.crl),
  thisUpdate: row.this_update,
  nextUpdate: row.next_update,
});
