import type { Database } from 'better-sqlite3';
import { zKeyRef } from '../core/signing/key-ref';
import type { CrlRecord, IacaRecord, InstallOutcome, RevokeOutcome, SignerKind, SignerRecord, TrustStore } from '../core/store';
import { parseJsonColumn } from './columns';
import type { SqliteExec } from './sqlite-connection';
import {
  SIGNER_COLUMNS,
  toCrl,
  trustRowReaders,
  type CrlRow,
  type IacaRow as TrustIacaRow,
  type SignerRow as TrustSignerRow,
} from './trust-rows';

type IacaRow = TrustIacaRow<string>;
type SignerRow = TrustSignerRow<string>;

const { toIaca, toSigner } = trustRowReaders((text: string, column) => parseJsonColumn(text, zKeyRef, column));

interface IacaParams {
  id: string;
  managed: number;
  active: number;
  certificate: Uint8Array;
  fingerprint: string;
  keyRef: string | null;
  createdAt: number;
  updatedAt: number;
}

interface SignerParams {
  id: string;
  kind: string;
  iacaId: string;
  keyRef: string;
  publicKey: Uint8Array;
  csr: Uint8Array;
  certificate: Uint8Array | null;
  serialNumber: string | null;
  notBefore: number | null;
  notAfter: number | null;
  installedAt: number | null;
  active: number;
  createdAt: number;
  revokedAt: number | null;
}

type InstallParams = NonNullable<SignerRecord['certificate']> & { id: string };

export function prepareTrustStatements(db: Database) {
  return {
    listIacas: db.prepare<[], IacaRow>(`SELECT * FROM iacas ORDER BY created_at, id`),
    getIaca: db.prepare<[string], IacaRow>(`SELECT * FROM iacas WHERE id = ?`),
    insertIaca: db.prepare<IacaParams>(
      `INSERT INTO iacas (id, managed, active, certificate, fingerprint, key_ref, created_at, updated_at)
       VALUES (@id, @managed, @active, @certificate, @fingerprint, @keyRef, @createdAt, @updatedAt)
       ON CONFLICT (fingerprint) DO NOTHING`,
    ),
    setIacaActive: db.prepare<[number, number, string]>(`UPDATE iacas SET active = ?, updated_at = ? WHERE id = ?`),
    listSigners: db.prepare<[string], SignerRow>(`SELECT ${SIGNER_COLUMNS} FROM signers WHERE kind = ? ORDER BY created_at, id`),
    listSignersOfIaca: db.prepare<[string, string], SignerRow>(
      `SELECT ${SIGNER_COLUMNS} FROM signers WHERE kind = ? AND iaca_id = ? ORDER BY created_at, id`,
    ),
    getSigner: db.prepare<[string], SignerRow>(`SELECT ${SIGNER_COLUMNS} FROM signers WHERE id = ?`),
    insertSigner: db.prepare<SignerParams>(
      `INSERT INTO signers (${SIGNER_COLUMNS})
       VALUES (@id, @kind, @iacaId, @keyRef, @publicKey, @csr, @certificate, @serialNumber, @notBefore, @notAfter, @installedAt, @active, @createdAt, @revokedAt)`,
    ),
    install: db.prepare<InstallParams>(
      `UPDATE signers SET certificate = @der, serial_number = @serialNumber, not_before = @notBefore, not_after = @notAfter,
         installed_at = @installedAt, active = 1
       WHERE id = @id AND certificate IS NULL AND revoked_at IS NULL`,
    ),
    setSignerActive: db.prepare<[number, string]>(
      `UPDATE signers SET active = ? WHERE id = ? AND certificate IS NOT NULL AND revoked_at IS NULL`,
    ),
    revoke: db.prepare<[number, string]>(`UPDATE signers SET revoked_at = ?, active = 0 WHERE id = ? AND revoked_at IS NULL`),
    getCrl: db.prepare<[string], CrlRow>(`SELECT * FROM iaca_crls WHERE iaca_id = ?`),
    saveCrl: db.prepare<CrlRecord>(
      `INSERT INTO iaca_crls (iaca_id, number, crl, this_update, next_update) VALUES (@iacaId, @number, @der, @thisUpdate, @nextUpdate)
       ON CONFLICT (iaca_id) DO UPDATE SET number = excluded.number, crl = excluded.crl, this_update = excluded.this_update,
         next_update = excluded.next_update
       WHERE excluded.number > iaca_crls.number`,
    ),
  };
}

export type TrustStatements = ReturnType<typeof prepareTrustStatements>;

/** A handful of IACAs and signers per kiosk, listed whole (no pages). */
export class SqliteTrustStore implements TrustStore {
  constructor(
    private readonly s: TrustStatements,
    private readonly exec: SqliteExec,
  ) {}

  listIacas() {
    return this.exec.read(() => this.s.listIacas.all().map(toIaca));
  }

  getIaca(id: string) {
    return this.exec.read(() => {
      const row = this.s.getIaca.get(id);
      return row ? toIaca(row) : undefined;
    });
  }

  insertIaca(iaca: IacaRecord) {
    return this.exec.write(
      () =>
        this.s.insertIaca.run({
          id: iaca.id,
          managed: iaca.managed ? 1 : 0,
          active: iaca.active ? 1 : 0,
          certificate: iaca.certificateDer,
          fingerprint: iaca.fingerprint,
          keyRef: iaca.keyRef ? JSON.stringify(iaca.keyRef) : null,
          createdAt: iaca.createdAt,
          updatedAt: iaca.updatedAt,
        }).changes === 1,
    );
  }

  setIacaActive(id: string, active: boolean, now: number) {
    return this.exec.write(() => this.s.setIacaActive.run(active ? 1 : 0, now, id).changes === 1);
  }

  listSigners(query: { kind: SignerKind; iacaId?: string }) {
    return this.exec.read(() =>
      (query.iacaId ? this.s.listSignersOfIaca.all(query.kind, query.iacaId) : this.s.listSigners.all(query.kind)).map(toSigner),
    );
  }

  getSigner(id: string) {
    return this.exec.read(() => {
      const row = this.s.getSigner.get(id);
      return row ? toSigner(row) : undefined;
    });
  }

  insertSigner(signer: SignerRecord) {
    return this.exec.write(
      () =>
        void this.s.insertSigner.run({
          id: signer.id,
          kind: signer.kind,
          iacaId: signer.iacaId,
          keyRef: JSON.stringify(signer.keyRef),
          publicKey: signer.publicKeySpki,
          csr: signer.csrDer,
          certificate: signer.certificate?.der ?? null,
          serialNumber: signer.certificate?.serialNumber ?? null,
          notBefore: signer.certificate?.notBefore ?? null,
          notAfter: signer.certificate?.notAfter ?? null,
          installedAt: signer.certificate?.installedAt ?? null,
          active: signer.active ? 1 : 0,
          createdAt: signer.createdAt,
          revokedAt: signer.revokedAt ?? null,
        }),
    );
  }

  installCertificate(id: string, certificate: NonNullable<SignerRecord['certificate']>): Promise<InstallOutcome> {
    return this.exec.write(() => {
      if (this.s.install.run({ id, ...certificate }).changes === 1) return 'installed';
      const current = this.s.getSigner.get(id);
      if (!current) return 'not_found';
      return current.revoked_at !== null ? 'revoked' : 'already_installed';
    });
  }

  setSignerActive(id: string, active: boolean) {
    return this.exec.write(() => this.s.setSignerActive.run(active ? 1 : 0, id).changes === 1);
  }

  revokeSigner(id: string, now: number): Promise<RevokeOutcome> {
    return this.exec.write(() => {
      if (this.s.revoke.run(now, id).changes === 1) return 'revoked';
      return this.s.getSigner.get(id) ? 'already_revoked' : 'not_found';
    });
  }

  getCrl(iacaId: string) {
    return this.exec.read(() => {
      const row = this.s.getCrl.get(iacaId);
      return row ? toCrl(row) : undefined;
    });
  }

  saveCrl(crl: CrlRecord) {
    return this.exec.write(() => this.s.saveCrl.run(crl).changes === 1);
  }
}
