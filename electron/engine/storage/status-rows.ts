import type { IssuedCredentialView, StatusListRecord } from '../core/store';
import { zCredentialStatus, zStatusReason } from '../../../shared/api/z-credential-status';
import { parseColumn } from './columns';

// Rows of issued_credentials and status_lists as both stores read them (DESIGN §11).

export interface IssuedRow {
  seq: number;
  id: string;
  offer_id: string;
  user_id: string | null;
  configuration_id: string;
  doc_type: string;
  issued_at: number;
  valid_until: number;
  status: string;
  status_list_id: string | null;
  status_idx: number | null;
  status_reason: string | null;
  status_changed_at: number | null;
}

export const ISSUED_COLUMNS = `seq, id, offer_id, user_id, configuration_id, doc_type, issued_at, valid_until, status, status_list_id, status_idx,
  status_reason, status_changed_at`;

export function toIssuedView(row: IssuedRow): IssuedCredentialView {
  return {
    id: row.id,
    offerId: row.offer_id,
    ...(row.user_id !== null ? { userId: row.user_id } : {}),
    configurationId: row.configuration_id,
    docType: row.doc_type,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    status: parseColumn(row.status, zCredentialStatus, 'issued_credentials.status'),
    ...(row.status_list_id !== null && row.status_idx !== null ? { statusEntry: { listId: row.status_list_id, idx: row.status_idx } } : {}),
    ...(row.status_reason !== null
      ? { statusReason: parseColumn(row.status_reason, zStatusReason, 'issued_credentials.status_reason') }
      : {}),
    ...(row.status_changed_at !== null ? { statusChangedAt: row.status_changed_at } : {}),
  };
}

export interface StatusListRow {
  id: string;
  uri: string;
  iaca_id: string;
  size: number;
  permutation_key: Uint8Array;
  allocated: number;
  created_at: number;
  version: number;
  token: Uint8Array | null;
  token_issued_at: number | null;
  token_expires_at: number | null;
  token_version: number | null;
}

export const STATUS_LIST_COLUMNS = `id, uri, iaca_id, size, permutation_key, allocated, created_at, version, token, token_issued_at, token_expires_at, token_version`;

export function toStatusList(row: StatusListRow): StatusListRecord {
  const { token, token_issued_at: issuedAt, token_expires_at: expiresAt, token_version: version } = row;
  return {
    id: row.id,
    uri: row.uri,
    iacaId: row.iaca_id,
    size: row.size,
    permutationKey: new Uint8Array(row.permutation_key),
    allocated: row.allocated,
    createdAt: row.created_at,
    version: row.version,
    ...(token && issuedAt !== null && expiresAt !== null && version !== null
      ? { token: { bytes: new Uint8Array(token), issuedAt, expiresAt, version } }
      : {}),
  };
}
