import { CounterApiError } from '../counter-api';
import type { BridgeOf, BridgeSpec, IpcResult } from './bridge';

/** The API again from its bridge (the renderer's side): calls unwrap their IpcResult, failures throw CounterApiError. */
export function clientOfBridge<Api, S extends BridgeSpec<Api>>(
  spec: S,
  bridge: BridgeOf<Api, S>,
): Pick<Api, S['invoke'][number] | S['watch'][number]> {
  const methods = bridge as unknown as Record<string, (...args: unknown[]) => unknown>;
  const client: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of spec.invoke) {
    client[method] = async (...args) => {
      const result = (await methods[method]!(...args)) as IpcResult<unknown>;
      if (result.ok) return result.value;
      throw new CounterApiError(result.error);
    };
  }
  for (const method of spec.watch) client[method] = (...args) => methods[method]!(...args);
  return client as Pick<Api, S['invoke'][number] | S['watch'][number]>;
}
