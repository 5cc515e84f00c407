import type { StatusListSignWith } from '../../../../shared/api/z-credential-status';
import type { StatusListSigner } from './status-list-token';

/** The signer ports under one IACA that can sign now (DESIGN §10, §11); either may be missing. */
export interface SignersUnder {
  statusListSigner?: StatusListSigner;
  documentSigner?: StatusListSigner;
}

/** What status lists need of the trust state: never a key, only signer ports (DESIGN §10). */
export interface StatusListTrust {
  /** The IACA new mDocs are signed under now (that of the current Document Signer). */
  currentIacaId(now: number): string | undefined;
  signersUnder(iacaId: string, now: number): SignersUnder;
}

/** Who signs the tokens until an admin chooses (DESIGN §11: status-list signers; the Document Signer by setting). */
export const DEFAULT_SIGN_WITH: StatusListSignWith = 'status-list-signer';

export interface ChosenSigner {
  signWith: StatusListSignWith;
  signer?: StatusListSigner;
  /**
   * Why the signer is not the one the setting names under the list's IACA: `document-signer` when no
   * status-list signer of that IACA can sign (its Document Signer signs meanwhile), `current-iaca`
   * when nothing of that IACA can sign any more (the current IACA's signer does, so the token never lapses).
   */
  fallback?: 'document-signer' | 'current-iaca';
}

function pick(signWith: StatusListSignWith, signers: SignersUnder): Pick<ChosenSigner, 'signer' | 'fallback'> {
  if (signWith === 'document-signer') return signers.documentSigner ? { signer: signers.documentSigner } : {};
  if (signers.statusListSigner) return { signer: signers.statusListSigner };
  return signers.documentSigner ? { signer: signers.documentSigner, fallback: 'document-signer' } : {};
}

/**
 * The signer of a list's token (DESIGN §11, ISO 18013-5 2nd ed. §12.3.6): a signer under the list's
 * own IACA, the one the setting names; then that IACA's Document Signer; then the current IACA's.
 */
export function chooseStatusListSigner(signWith: StatusListSignWith, trust: StatusListTrust, iacaId: string, now: number): ChosenSigner {
  const own = pick(signWith, trust.signersUnder(iacaId, now));
  if (own.signer) return { signWith, ...own };
  const current = trust.currentIacaId(now);
  if (current !== undefined && current !== iacaId) {
    const other = pick(signWith, trust.signersUnder(current, now));
    if (other.signer) return { signWith, signer: other.signer, fallback: 'current-iaca' };
  }
  return { signWith };
}
