import { zKeyRef } from '../../core/signing/key-ref';
import type { CrlRecord, IacaRecord, InstallOutcome, RevokeOutcome, SignerKind, SignerRecord, TrustStore } from '../../core/store';
import { parseJsonValue } from '../columns';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';
import {
  SIGNER_COLUMNS,
  toCrl,
  trustRowReaders,
  type CrlRow,
  type IacaRow as TrustIacaRow,
  type SignerRow as TrustSignerRow,
} from '../trust-rows';

type IacaRow = TrustIacaRow<unknown>;
type SignerRow = TrustSignerRow<unknown>;

type SignerParams = [
  string,
  string,
  string,
  string,
  Uint8Array,
  Uint8Array,
  Uint8Array | null,
  string | null,
  number | null,
  number | null,
  number | null,
  boolean,
  number,
  number | null,
];

const q = {
  listIacas: statement<[], IacaRow>('trust.list-iacas', `SELECT * FROM iacas ORDER BY created_at, id`),
  getIaca: statement<[string], IacaRow>('trust.get-iaca', `SELECT * FROM iacas WHERE id = $1`),
  insertIaca: statement<[string, boolean, boolean, Uint8Array, string, string | null, number, number]>(
    'trust.insert-iaca',
    `INSERT INTO iacas (id, managed, active, certificate, fingerprint, key_ref, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT (fingerprint) DO NOTHING`,
  ),
  setIacaActive: statement<[boolean, number, string]>(
    'trust.set-iaca-active',
    `UPDATE iacas SET active = $1, updated_at = $2 WHERE id = $3`,
  ),
  listSigners: statement<[string], SignerRow>(
    'trust.list-signers',
    `SELECT ${SIGNER_COLUMNS} FROM signers WHERE kind = $1 ORDER BY created_at, id`,
  ),
  listSignersOfIaca: statement<[string, string], SignerRow>(
    'trust.list-signers-of-iaca',
    `SELECT ${SIGNER_COLUMNS} FROM signers WHERE kind = $1 AND iaca_id = $2 ORDER BY created_at, id`,
  ),
  getSigner: statement<[string], SignerRow>('trust.get-signer', `SELECT ${SIGNER_COLUMNS} FROM signers WHERE id = $1`),
  insertSigner: statement<SignerParams>(
    'trust.insert-signer',
    `INSERT INTO signers (${SIGNER_COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
  ),
  install: statement<[Uint8Array, string, number, number, number, string]>(
    'trust.install',
    `UPDATE signers SET certificate = $1, serial_number = $2, not_before = $3, not_after = $4, installed_at = $5, active = TRUE
     WHERE id = $6 AND certificate IS NULL AND revoked_at IS NULL`,
  ),
  setSignerActive: statement<[boolean, string]>(
    'trust.set-signer-active',
    `UPDATE signers SET active = $1 WHERE id = $2 AND certificate IS NOT NULL AND revoked_at IS NULL`,
  ),
  revoke: statement<[number, string]>(
    'trust.revoke',
    `UPDATE signers SET revoked_at = $1, active = FALSE WHERE id = $2 AND revoked_at IS NULL`,
  ),
  getCrl: statement<[string], CrlRow>('trust.get-crl', `SELECT * FROM iaca_crls WHERE iaca_id = $1`),
  // Never backwards: of two processes signing CRL n, one row change wins (DESIGN §13).
  saveCrl: statement<[string, number, Uint8Array, number, number]>(
    'trust.save-crl',
    `INSERT INTO iaca_crls (iaca_id, number, crl, this_update, next_update) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (iaca_id) DO UPDATE SET number = excluded.number, crl = excluded.crl, this_update = excluded.this_update,
       next_update = excluded.next_update
     WHERE excluded.number > iaca_crls.number`,
  ),
};

const { toIaca, toSigner } = trustRowReaders((value: unknown, column) => parseJsonValue(value, zKeyRef, column));

/** DESIGN §10 on PostgreSQL (DESIGN §13): the same contract as SqliteTrustStore, each transition one conditional statement. */
export class PgTrustStore implements TrustStore {
  constructor(private readonly exec: PgExec) {}

  async listIacas() {
    return (await this.exec.rows(q.listIacas, [])).map(toIaca);
  }

  async getIaca(id: string) {
    const row = await this.exec.first(q.getIaca, [id]);
    return row ? toIaca(row) : undefined;
  }

  async insertIaca(iaca: IacaRecord) {
    const params: [string, boolean, boolean, Uint8Array, string, string | null, number, number] = [
      iaca.id,
      iaca.managed,
      iaca.active,
      iaca.certificateDer,
      iaca.fingerprint,
      iaca.keyRef ? JSON.stringify(iaca.keyRef) : null,
      iaca.createdAt,
      iaca.updatedAt,
    ];
    return (await this.exec.changes(q.insertIaca, params)) === 1;
  }

  async setIacaActive(id: string, active: boolean, now: number) {
    return (await this.exec.changes(q.setIacaActive, [active, now, id])) === 1;
  }

  async listSigners(query: { kind: SignerKind; iacaId?: string }) {
    const rows = query.iacaId
      ? await this.exec.rows(q.listSignersOfIaca, [query.kind, query.iacaId])
      : await this.exec.rows(q.listSigners, [query.kind]);
    return rows.map(toSigner);
  }

  async getSigner(id: string) {
    const row = await this.exec.first(q.getSigner, [id]);
    return row ? toSigner(row) : undefined;
  }

  async insertSigner(signer: SignerRecord) {
    const c = signer.certificate;
    await this.exec.changes(q.insertSigner, [
      signer.id,
      signer.kind,
      signer.iacaId,
      JSON.stringify(signer.keyRef),
      signer.publicKeySpki,
      signer.csrDer,
      c?.der ?? null,
      c?.serialNumber ?? null,
      c?.notBefore ?? null,
      c?.notAfter ?? null,
      c?.installedAt ?? null,
      signer.active,
      signer.createdAt,
      signer.revokedAt ?? null,
    ]);
  }

  async installCertificate(id: string, c: NonNullable<SignerRecord['certificate']>): Promise<InstallOutcome> {
    if ((await this.exec.changes(q.install, [c.der, c.serialNumber, c.notBefore, c.notAfter, c.installedAt, id])) === 1) return 'installed';
    const current = await this.exec.first(q.getSigner, [id]);
    if (!current) return 'not_found';
    return current.revoked_at !== null ? 'revoked' : 'already_installed';
  }

  async setSignerActive(id: string, active: boolean) {
    return (await this.exec.changes(q.setSignerActive, [active, id])) === 1;
  }

  async revokeSigner(id: string, now: number): Promise<RevokeOutcome> {
    if ((await this.exec.changes(q.revoke, [now, id])) === 1) return 'revoked';
    return (await this.exec.first(q.getSigner, [id])) ? 'already_revoked' : 'not_found';
  }

  async getCrl(iacaId: string) {
    const row = await this.exec.first(q.getCrl, [iacaId]);
    return row ? toCrl(row) : undefined;
  }

  async saveCrl(crl: CrlRecord) {
    return (await this.exec.changes(q.saveCrl, [crl.iacaId, crl.number, crl.der, crl.thisUpdate, crl.nextUpdate])) === 1;
  }
}
