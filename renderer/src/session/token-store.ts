// Browser mode: the clerk signs in once per session (DESIGN §7). sessionStorage ends with the tab,
// so a token never outlives the browser window it was typed into.
const KEY = 'counter.apiToken';

export interface TokenStore {
  read(): string | undefined;
  write(token: string): void;
  clear(): void;
}

export function sessionTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): TokenStore {
  return {
    read: () => storage.getItem(KEY) ?? undefined,
    write: (token) => storage.setItem(KEY, token),
    clear: () => storage.removeItem(KEY),
  };
}
