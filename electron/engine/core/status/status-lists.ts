import type { NewStatusList, StatusListRecord, StatusListToken, Stores } from '../store';
import type { Clock } from '../util/clock';
import type { RandomSource } from '../util/secrets';
import { permuteIndex } from './index-permutation';
import { compressedStatusList } from './status-list-bits';
import { signStatusListToken, type StatusListSigner } from './status-list-token';

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
  /** The signer of new tokens now (DESIGN §10: a status-list signer, or the Document Signer by setting). */
  signer: () => StatusListSigner;
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
   * `count` entries, each its own index (a batch's copies too, IETF Token Status List §11.2):
   * positions taken from the newest list and mapped through its permutation, so every index is
   * unused and drawn in an order nobody can predict.
   */
  async allocate(count: number): Promise<AllocatedEntry[]> {
    const { list, first } = await this.deps.stores.statusLists.allocate(count, () => this.newList());
    // A new list has a token (and a file to publish) before the first mDoc naming it leaves.
    if (!list.token)
      await this.resign(list.id).catch((error) => this.deps.log?.(`could not sign the token of status list ${list.id}`, error));
    return Array.from({ length: count }, (_, k) => ({
      listId: list.id,
      idx: permuteIndex(list.permutationKey, list.size, first + k),
      uri: list.uri,
    }));
  }

  private newList(): NewStatusList {
    const id = this.deps.random.uuid();
    return {
      id,
      uri: this.uriFor(id),
      size: this.deps.settings.size,
      permutationKey: this.deps.random.bytes(32),
      createdAt: this.deps.clock.now(),
    };
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

  /** Signs the list's token again if it is not current, under the list's lock; the stored token afterwards. */
  resign(listId: string): Promise<{ list: StatusListRecord; token: StatusListToken }> {
    return this.deps.stores.exclusive(`status-list:${listId}`, async () => {
      const list = await this.deps.stores.statusLists.get(listId);
      if (!list) throw new Error(`status list ${listId} is gone`);
      const now = this.deps.clock.now();
      if (list.token && this.isCurrent(list, list.token, now)) return { list, token: list.token };
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
        this.deps.signer(),
      );
      const token: StatusListToken = { bytes, issuedAt, expiresAt: issuedAt + tokenSeconds * 1000, version: list.version };
      await this.deps.stores.statusLists.saveToken(list.id, token);
      this.deps.onSigned?.(list, token);
      return { list, token };
    });
  }

  /** Every list's token current (DESIGN §11: re-signed before it expires, and after a change made by another process). */
  async maintain(): Promise<void> {
    const now = this.deps.clock.now();
    for (const list of await this.deps.stores.statusLists.list()) {
      if (!this.isCurrent(list, list.token, now)) await this.resign(list.id);
    }
  }

  /** The URIs of every list (the distribution endpoint, DESIGN §11). */
  async uris(): Promise<string[]> {
    return (await this.deps.stores.statusLists.list()).map((list) => list.uri);
  }
}
