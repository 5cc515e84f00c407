import { createContext, useContext } from 'react';

// Which customer display this clerk's tab shows its offers on (DESIGN §14): its id only, for the
// life of the tab; the pairing itself lives in the engine.
const KEY = 'counter.displayId';

export const displayLink = {
  read: (storage: Pick<Storage, 'getItem'> = sessionStorage): string | undefined => storage.getItem(KEY) ?? undefined,
  write: (id: string | undefined, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void =>
    id ? storage.setItem(KEY, id) : storage.removeItem(KEY),
};

export interface DisplayLinkValue {
  displayId: string | undefined;
  setDisplayId: (id: string | undefined) => void;
}

export const DisplayLinkContext = createContext<DisplayLinkValue>({ displayId: undefined, setDisplayId: () => {} });
export const useDisplayLink = (): DisplayLinkValue => useContext(DisplayLinkContext);
