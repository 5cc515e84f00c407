// State shared by the properties of one fuzz file: real secrets to build near-valid requests from,
// and the pools they fill and draw on (filled by startFuzzServer, grown by the properties).
import type { DeviceKey } from '../../../support/wallet';

export interface PoolOffer {
  id: string;
  code: string;
  txCode?: string;
}
export interface PoolToken {
  token: string;
  /** Set once a credential was issued for it. */
  notificationId?: string;
}

interface Seed {
  mdlId: string;
  pidId: string;
  issuerToken: string;
  iacaPem: string;
  deviceKey: DeviceKey;
  otherKey: DeviceKey;
}

let seeded: Seed | undefined;

export function setSeed(value: Seed): void {
  seeded = value;
}

/** The seeded configuration ids, the issuer API token, the IACA and the wallet's device keys. */
export function seed(): Seed {
  if (!seeded) throw new Error('the fuzz server is not seeded yet (see startFuzzServer in beforeAll)');
  return seeded;
}

export const offers: PoolOffer[] = [];
/** Offers the management fuzzer may read and cancel (kept apart from the ones the token fuzzer redeems). */
export const managementOfferIds: string[] = [];
export const tokens: PoolToken[] = [];
export const references: string[] = [];
/** Configurations and API tokens the fuzzer may replace and delete (never the seeded ones, never the admin's). */
export const ownConfigIds: string[] = [];
export const ownApiTokenIds: string[] = [];
export const ownCodeOfferIds: string[] = [];
export const redeemedCodes = new Set<string>();
