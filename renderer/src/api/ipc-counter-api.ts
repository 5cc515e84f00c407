import type { CounterApi } from '../../../shared/counter-api';
import { clientOfBridge } from '../../../shared/ipc/bridge-client';
import { counterBridge, type CounterBridge } from '../../../shared/ipc/channels';
import { kioskBridge, type KioskApi, type KioskBridge } from '../../../shared/ipc/kiosk-channels';

/** CounterApi over the Electron preload bridge (`window.counter`), generated from its method list. */
export const createIpcCounterApi = (bridge: CounterBridge): CounterApi =>
  clientOfBridge<CounterApi, typeof counterBridge>(counterBridge, bridge);

/** The kiosk's own API over `window.counterKiosk` (Electron only). */
export const createIpcKioskApi = (bridge: KioskBridge): KioskApi => clientOfBridge<KioskApi, typeof kioskBridge>(kioskBridge, bridge);
