import type { NewStatusList, StatusListRecord, StatusListToken, Stores } from '../store';
import type { Clock } from '../util/clock';
import type { RandomSource } from '../util/secrets';
import { permuteIndex } from './index-permutation';
import { compressedStatusList } from './status-list-bits';
import { sameBytes, signStatusListToken, statusListTokenCertificate, type StatusListSigner } from './status-list-token';
import type { StatusListSignWith } from '../../../../shared/api/z-credential-status';
import { DEFAULT_SIGN_WITH, chooseStatusListSigner, type ChosenSigner, type StatusListTrust } from './status-list-signer-choice';

/** Status list tunables (DESIGN §11). */
export interface StatusListSettings {
  /** Entries per list; at least 2^16 (IETF Token Status List §12.2: a crowd to hide in). */
  size: number;
  /** exp − iat of a token. */
  tokenSeconds: number;
  /** The token's ttl claim and the longest HTTP max-age it is served with. */
  ttlSeconds: number;
  /** A token is signed again once less than this is left before its exp. */
  refreshBeforeSeconds: number;
  /** Public place the MSO's `uri` points at (--status-list-base-url): `<base>/<list id>.cwt`; else the kiosk's own route. */
  baseUrl?: string;
}

export const MIN_STATUS_LIST_SIZE = 2 ** 16;
const DAY_SECONDS = 86_400;
export const DEFAULT_STATUS_LIST_SETTINGS: StatusListSettings = {
  size: MIN_STATUS_LIST_SIZE,
  tokenSeconds: 7 * DAY_SECONDS,
  ttlSeconds: 3_600,
  refreshBeforeSeconds: 6 * DAY_SECONDS,
};

/** An entry as the MSO carries it (ISO 18013-5 2nd ed. §12.3.6: `status: {status_list: {idx, uri}}`). */
export interface AllocatedEntry {
  listId: string;
  idx: number;
  uri: string;
}

export interface StatusListDeps {
  stores: Stores;
  clock: Clock;
  random: RandomSource;
  settings: StatusListSettings;
  credentialIssuer: string;
  /** Signer ports by IACA, and the IACA of the moment (DESIGN §10, §11). */
  trust: StatusListTrust;
  /** Hears every token signed (the kiosk writes it to `<data dir>/status-lists/`). */
  onSigned?: (list: StatusListRecord, token: StatusListToken) => void;
  log?: (message: string, error?: unknown) => void;
}

/** The kiosk's own distribution route for a list's token (DESIGN §11). */
export const statusListTokenPath = (id: string) => `/v2/credentials/mobile/status-lists/${id}/token`;

/** DESIGN §11: indices for new credentials, and each list's current signed token. */
export class StatusLists {
  constructor(private readonly deps: StatusListDeps) {}

  get ttlSeconds(): number {
    return this.deps.settings.ttlSeconds;
  }

  /** Where the lists are published (--status-list-base-url), if not at the kiosk itself. */
  get baseUrl(): string | undefined {
    return this.deps.settings.baseUrl;
  }

  uriFor(id: string): string {
    const base = this.deps.settings.baseUrl;
    return base ? `${base}/${id}.cwt` : `${this.deps.credentialIssuer}${statusListTokenPath(id)}`;
  }

  /**
   * `count` entries, each its own index (a batch's copies too, IETF Token Status List §11.2), for
   * mDocs signed under `iacaId`: positions taken from that IACA's newest list and mapped through its
   * permutation, so every index is unused and drawn in an order nobody can predict.
   */
  async allocate(count: number, iacaId: string): Promise<AllocatedEntry[]> {
    const { list, first } = await this.deps.stores.statusLists.allocate(count, iacaId, () => this.newList(iacaId));
    // A new list has a token (and a file to publish) before the first mDoc naming it leaves.
    if (!list.token)
      await this.resign(list.id).catch((error) => this.deps.log?.(`could not sign the token of status list ${list.id}`, error));
    return Array.from({ length: count }, (_, k) => ({
      listId: list.id,
      idx: permuteIndex(list.permutationKey, list.size, first + k),
      uri: list.uri,
    }));
  }

  private newList(iacaId: string): NewStatusList {
    const id = this.deps.random.uuid();
    return {
      id,
      uri: this.uriFor(id),
      iacaId,
      size: this.deps.settings.size,
      permutationKey: this.deps.random.bytes(32),
      createdAt: this.deps.clock.now(),
    };
  }

  /** The setting (stored, so every process on the database follows it, DESIGN §13). */
  async signWith(): Promise<StatusListSignWith> {
    return (await this.deps.stores.statusLists.signWith()) ?? DEFAULT_SIGN_WITH;
  }

  async setSignWith(signWith: StatusListSignWith): Promise<void> {
    await this.deps.stores.statusLists.setSignWith(signWith, this.deps.clock.now());
    await this.refresh();
  }

  /** Who signs the tokens of `iacaId`'s lists now (by default the current IACA's: what new lists get). */
  async chooseSigner(iacaId?: string, now = this.deps.clock.now()): Promise<ChosenSigner> {
    const signWith = await this.signWith();
    const iaca = iacaId ?? this.deps.trust.currentIacaId(now);
    return iaca === undefined ? { signWith } : chooseStatusListSigner(signWith, this.deps.trust, iaca, now);
  }

  /** Whether `token` still says everything about `list` and is not due to be signed again. */
  isCurrent(list: StatusListRecord, token: StatusListToken | undefined, now: number): boolean {
    return token !== undefined && token.version === list.version && token.expiresAt - now > this.deps.settings.refreshBeforeSeconds * 1000;
  }

  /**
   * The list's token, signed again first when a status changed since (in any process) or its exp is
   * near: one process at a time signs (DESIGN §13, advisory lock), the others then find its token.
   * A token that could not be re-signed is still served while it has not expired.
   */
  async token(listId: string): Promise<{ list: StatusListRecord; token: StatusListToken } | undefined> {
    const list = await this.deps.stores.statusLists.get(listId);
    if (!list) return undefined;
    const now = this.deps.clock.now();
    if (list.token && this.isCurrent(list, list.token, now)) return { list, token: list.token };
    try {
      return await this.resign(listId);
    } catch (error) {
      if (list.token && list.token.expiresAt > now) return { list, token: list.token };
      throw error;
    }
  }

  /**
   * Signs the list's token again unless it is current and signed by the signer chosen now (a new
   * signer, setting or revocation re-signs), under the list's lock; the stored token afterwards.
   */
  resign(listId: string): Promise<{ list: StatusListRecord; token: StatusListToken }> {
    return this.deps.stores.exclusive(`status-list:${listId}`, async () => {
      const list = await this.deps.stores.statusLists.get(listId);
      if (!list) throw new Error(`status list ${listId} is gone`);
      const now = this.deps.clock.now();
      const { signer } = await this.chooseSigner(list.iacaId, now);
      if (list.token && this.isCurrent(list, list.token, now) && (!signer || signedBy(list.token, signer))) {
        return { list, token: list.token };
      }
      if (!signer)
        throw new Error('neither a status-list signer nor a Document Signer can sign now, so no Status List Token can be signed');
      // A newer token's iat is always later than the one it replaces, even within one second.
      const issuedAt = Math.max(now, (list.token ? Math.floor(list.token.issuedAt / 1000) * 1000 : 0) + 1000);
      const { tokenSeconds, ttlSeconds } = this.deps.settings;
      const bytes = await signStatusListToken(
        {
          uri: list.uri,
          issuedAt,
          expiresAt: issuedAt + tokenSeconds * 1000,
          ttlSeconds,
          lst: compressedStatusList(list.size, await this.deps.stores.statusLists.invalidIndices(list.id)),
        },
        signer,
      );
      const token: StatusListToken = { bytes, issuedAt, expiresAt: issuedAt + tokenSeconds * 1000, version: list.version };
      await this.deps.stores.statusLists.saveToken(list.id, token);
      this.deps.onSigned?.(list, token);
      return { list, token };
    });
  }

  /**
   * Every list's token current (DESIGN §11): re-signed before it expires, after a change made by
   * another process, and when the signer chosen now is not the one that signed it.
   */
  async maintain(): Promise<void> {
    const now = this.deps.clock.now();
    const chosen = new Map<string, ChosenSigner>();
    for (const list of await this.deps.stores.statusLists.list()) {
      if (!chosen.has(list.iacaId)) chosen.set(list.iacaId, await this.chooseSigner(list.iacaId, now));
      const { signer } = chosen.get(list.iacaId)!;
      if (!this.isCurrent(list, list.token, now) || (signer && !signedBy(list.token, signer))) await this.resign(list.id);
    }
  }

  /** maintain(), after a change of signers or setting: a failure is logged, not thrown (the next run retries). */
  async refresh(): Promise<void> {
    await this.maintain().catch((error) => this.deps.log?.('could not sign the status list tokens again', error));
  }

  /** The URIs of every list (the distribution endpoint, DESIGN §11). */
  async uris(): Promise<string[]> {
    return (await this.deps.stores.statusLists.list()).map((list) => list.uri);
  }
}

/** Whether `token` carries `signer`'s certificate (the x5chain of its protected header). */
function signedBy(token: StatusListToken | undefined, signer: StatusListSigner): boolean {
  if (!token) return false;
  try {
    return sameBytes(statusListTokenCertificate(token.bytes), signer.certificateDer);
  } catch {
    return false;
  }
}
