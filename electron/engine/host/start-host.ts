import { isLoopback, type CliOptions } from './cli-options';
import { createEngine, type Engine, type EngineConfig } from './create-engine';
import { listen, type Listener } from './listen';

/** Which part of start-up failed: binding a port (which listener), or the engine (data dir, keys, database). */
export class HostStartError extends Error {
  constructor(
    readonly phase: 'listen' | 'engine',
    override readonly cause: NodeJS.ErrnoException,
    readonly listener?: 'wallet' | 'clerk',
  ) {
    super(cause.message);
    this.name = 'HostStartError';
  }
}

export interface Host {
  engine: Engine;
  /** The wallet-facing listener (everything, when there is one listener). */
  listener: Listener;
  /** The clerk's listener, when it is a separate one (DESIGN §8). */
  clerkListener?: Listener;
  close(): Promise<void>;
}

/**
 * Binds the listeners, then starts the engine behind them with the wallet-facing listener's URL as
 * its public URL unless one is given; used by `npm run serve` and by the Electron main process alike.
 */
export async function startHost(
  options: CliOptions,
  config: Omit<EngineConfig, 'dataDir' | 'publicUrl' | 'adminToken' | 'databaseUrl'> = {},
): Promise<Host> {
  let engine: Engine | undefined;
  const bind = async (which: 'wallet' | 'clerk', at: { host: string; port: number; tls?: CliOptions['tls'] }) => {
    try {
      return await listen(
        { ...at, ...(config.log ? { log: config.log } : {}) },
        () => engine?.appFor(options.clerk ? which : 'both').fetch,
      );
    } catch (error) {
      throw new HostStartError('listen', error as NodeJS.ErrnoException, which);
    }
  };
  const listener = await bind('wallet', { host: options.host, port: options.port, ...(options.tls ? { tls: options.tls } : {}) });
  let clerkListener: Listener | undefined;
  try {
    // The certificate names the address phones use; a loopback clerk's door stays plain HTTP.
    if (options.clerk)
      clerkListener = await bind('clerk', {
        ...options.clerk,
        ...(options.tls && !isLoopback(options.clerk.host) ? { tls: options.tls } : {}),
      });
    const served = listener;
    engine = await createEngine({
      ...config,
      ...(served.tls ? { tlsCertificate: () => served.tls?.() } : {}),
      dataDir: options.dataDir,
      publicUrl: options.publicUrl ?? listener.url,
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.pkcs11 ? { pkcs11: options.pkcs11 } : {}),
      ...(options.statusListBaseUrl ? { statusLists: { ...config.statusLists, baseUrl: options.statusListBaseUrl } } : {}),
      ...(options.metadataSigning ? { metadataSigning: options.metadataSigning } : {}),
      settings: {
        ...config.settings,
        ...(options.tokenFailuresPerMinute ? { tokenFailuresPerMinute: options.tokenFailuresPerMinute } : {}),
        ...(options.retention?.endedDays ? { endedRetentionDays: options.retention.endedDays } : {}),
        ...(options.retention?.eventDays ? { eventRetentionDays: options.retention.eventDays } : {}),
        ...(options.defaultOfferSeconds ? { defaultOfferSeconds: options.defaultOfferSeconds } : {}),
        ...(options.trustedRedirectUris ? { trustedRedirectUris: options.trustedRedirectUris } : {}),
        ...(options.country ? { country: options.country } : {}),
      },
    });
  } catch (error) {
    await clerkListener?.close();
    await listener.close();
    throw error instanceof HostStartError ? error : new HostStartError('engine', error as NodeJS.ErrnoException);
  }
  const started = engine;
  return {
    engine: started,
    listener,
    ...(clerkListener ? { clerkListener } : {}),
    close: async () => {
      await Promise.all([listener.close(), clerkListener?.close()]);
      await started.close();
    },
  };
}
