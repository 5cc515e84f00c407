import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ChangeFeed, ConfigurationStore } from '../core/store';

/** Topic of the change feed that every configuration write publishes. */
export const CONFIGURATIONS_TOPIC = 'configurations';

/** The in-memory copy shared by the outer stores and those of a unit of work. */
export interface ConfigurationCache {
  all?: Promise<Map<string, MdocConfiguration>>;
  feed: ChangeFeed;
}

/** A cache that drops its copy whenever any process on the database changes a configuration. */
export function createConfigurationCache(feed: ChangeFeed): ConfigurationCache {
  const cache: ConfigurationCache = { feed };
  feed.subscribe(CONFIGURATIONS_TOPIC, () => (cache.all = undefined));
  return cache;
}

/**
 * Configurations are read on every offer, token and credential request and change rarely: keep
 * them in memory, dropping the copy on every write, made here or (through the change feed) by
 * another process on the same database.
 */
export function cachedConfigurationStore(
  inner: ConfigurationStore,
  cache: ConfigurationCache,
  feed: ChangeFeed = cache.feed,
): ConfigurationStore {
  const load = () => (cache.all ??= inner.list().then((list) => new Map(list.map((c) => [c.id, c]))));
  const invalidate = <T>(result: Promise<T>) => {
    cache.all = undefined;
    return result.finally(() => {
      cache.all = undefined;
      feed.publish(CONFIGURATIONS_TOPIC);
    });
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
