import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ConfigurationStore } from '../core/store';

/**
 * Configurations are read on every offer, token and credential request and change rarely: keep
 * them in memory, dropping the copy on every write made through this store. (A store shared by
 * several kiosks would need a change signal from the database instead.)
 */
export function cachedConfigurationStore(inner: ConfigurationStore): ConfigurationStore {
  let all: Promise<Map<string, MdocConfiguration>> | undefined;
  const load = () => (all ??= inner.list().then((list) => new Map(list.map((c) => [c.id, c]))));
  const invalidate = <T>(result: Promise<T>) => {
    all = undefined;
    return result.finally(() => (all = undefined));
  };
  return {
    list: async () => [...(await load()).values()],
    get: async (id) => (await load()).get(id),
    insert: (configuration, now) => invalidate(inner.insert(configuration, now)),
    update: (configuration, now) => invalidate(inner.update(configuration, now)),
    delete: (id) => invalidate(inner.delete(id)),
    seedOnce: (configurations, now) => invalidate(inner.seedOnce(configurations, now)),
  };
}
