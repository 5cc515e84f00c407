import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ConfigurationStore } from '../core/store';

/** The in-memory copy shared by the outer stores and those of a unit of work. */
export interface ConfigurationCache {
  all?: Promise<Map<string, MdocConfiguration>>;
}

export const createConfigurationCache = (): ConfigurationCache => ({});

/**
 * Configurations are read on every offer, token and credential request and change rarely: keep
 * them in memory, dropping the copy on every write made through this store. (A store shared by
 * several kiosks would need a change signal from the database instead.)
 */
export function cachedConfigurationStore(inner: ConfigurationStore, cache: ConfigurationCache): ConfigurationStore {
  const load = () => (cache.all ??= inner.list().then((list) => new Map(list.map((c) => [c.id, c]))));
  const invalidate = <T>(result: Promise<T>) => {
    cache.all = undefined;
    return result.finally(() => (cache.all = undefined));
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
