import type { CliOptions } from './cli-options';
import { createEngine, type Engine, type EngineConfig } from './create-engine';
import { listen, type Listener } from './listen';

/** Which half of start-up failed: binding the port, or the engine (data dir, keys, database). */
export class HostStartError extends Error {
  constructor(
    readonly phase: 'listen' | 'engine',
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(cause.message);
    this.name = 'HostStartError';
  }
}

export interface Host {
  engine: Engine;
  listener: Listener;
  close(): Promise<void>;
}

/**
 * Binds the listener, then starts the engine behind it with the listener's URL as its public URL
 * unless one is given; used by `npm run serve` and by the Electron main process alike.
 */
export async function startHost(
  options: CliOptions,
  config: Omit<EngineConfig, 'dataDir' | 'publicUrl' | 'adminToken' | 'databaseUrl'> = {},
): Promise<Host> {
  let engine: Engine | undefined;
  let listener: Listener;
  try {
    listener = await listen(
      { host: options.host, port: options.port, ...(options.tls ? { tls: options.tls } : {}), ...(config.log ? { log: config.log } : {}) },
      () => engine?.app.fetch,
    );
  } catch (error) {
    throw new HostStartError('listen', error as NodeJS.ErrnoException);
  }
  try {
    const served = listener;
    engine = await createEngine({
      ...config,
      ...(served.tls ? { tlsCertificate: () => served.tls?.() } : {}),
      dataDir: options.dataDir,
      publicUrl: options.publicUrl ?? listener.url,
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      settings: {
        ...config.settings,
        ...(options.tokenFailuresPerMinute ? { tokenFailuresPerMinute: options.tokenFailuresPerMinute } : {}),
        ...(options.retention?.endedDays ? { endedRetentionDays: options.retention.endedDays } : {}),
        ...(options.retention?.eventDays ? { eventRetentionDays: options.retention.eventDays } : {}),
        ...(options.defaultOfferSeconds ? { defaultOfferSeconds: options.defaultOfferSeconds } : {}),
      },
    });
  } catch (error) {
    await listener.close();
    throw new HostStartError('engine', error as NodeJS.ErrnoException);
  }
  const started = engine;
  return {
    engine: started,
    listener,
    close: async () => {
      await listener.close();
      await started.close();
    },
  };
}
