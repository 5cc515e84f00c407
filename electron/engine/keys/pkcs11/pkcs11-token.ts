import type * as Pkcs11 from 'pkcs11js';
import { PKCS11_ENV, type Pkcs11Config } from './pkcs11-config';

type Pkcs11Module = typeof Pkcs11;
type Handle = Buffer;

/** A logged-in PKCS#11 token with a few sessions to sign on concurrently (one operation per session at a time). */
export interface Pkcs11Token {
  readonly lib: Pkcs11Module;
  readonly p11: Pkcs11.PKCS11;
  readonly label: string;
  readonly serial: string;
  readonly description: string;
  /** Runs `use` on the next free session; operations on one session never interleave. */
  withSession<T>(use: (session: Handle) => Promise<T> | T): Promise<T>;
  close(): void;
}

const SESSIONS = 4; // libuv's default thread pool size: signatures beyond that would queue anyway

/** A clear, PIN-free explanation of a failed start (DESIGN §10: refuse to start, saying why). */
export class Pkcs11StartError extends Error {
  override name = 'Pkcs11StartError';
}

const trimmed = (text: string) => text.replace(/[\s\0]+$/, '');

export async function openPkcs11Token(config: Pkcs11Config): Promise<Pkcs11Token> {
  let lib: Pkcs11Module;
  try {
    lib = (await import('pkcs11js')).default as Pkcs11Module;
  } catch (error) {
    throw new Pkcs11StartError(`The PKCS#11 binding (pkcs11js) cannot be loaded: ${(error as Error).message}`, { cause: error });
  }
  const p11 = new lib.PKCS11();
  try {
    p11.load(config.module);
  } catch (error) {
    throw new Pkcs11StartError(`${PKCS11_ENV.module}=${config.module} cannot be loaded as a PKCS#11 module: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // Signatures run on libuv's threads (C_SignAsync), so the module must do its own locking (PKCS#11 v2.40 §5.4).
  try {
    p11.C_Initialize({ flags: lib.CKF_OS_LOCKING_OK });
  } catch (error) {
    p11.close();
    throw new Pkcs11StartError(`The PKCS#11 module ${config.module} failed to initialise: ${(error as Error).message}`, { cause: error });
  }
  const sessions: { handle: Handle; tail: Promise<unknown> }[] = [];
  try {
    const slot = findSlot(lib, p11, config);
    const info = p11.C_GetTokenInfo(slot);
    const label = trimmed(info.label);
    const serial = trimmed(info.serialNumber);
    for (let i = 0; i < SESSIONS; i += 1) {
      sessions.push({ handle: p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION), tail: Promise.resolve() });
    }
    login(lib, p11, sessions[0]!.handle, config.pin, label);
    let next = 0;
    return {
      lib,
      p11,
      label,
      serial,
      description: `PKCS#11 token "${label}" (${trimmed(info.manufacturerID)} ${trimmed(info.model)}, serial ${serial})`,
      withSession(use) {
        const session = sessions[next]!;
        next = (next + 1) % sessions.length;
        const run = session.tail.then(() => use(session.handle));
        session.tail = run.catch(() => undefined);
        return run;
      },
      close() {
        finish(p11, sessions);
      },
    };
  } catch (error) {
    finish(p11, sessions);
    throw error;
  }
}

function findSlot(lib: Pkcs11Module, p11: Pkcs11.PKCS11, config: Pkcs11Config): Handle {
  const slots = p11.C_GetSlotList(true);
  const tokens = slots.map((slot) => ({ slot, id: slot.readBigUInt64LE(0), info: p11.C_GetTokenInfo(slot) }));
  const initialised = tokens.filter((t) => (t.info.flags & lib.CKF_TOKEN_INITIALIZED) !== 0);
  const known = initialised.map((t) => `"${trimmed(t.info.label)}" (slot 0x${t.id.toString(16)})`).join(', ') || 'none';
  const { token } = config;
  const found =
    'label' in token ? initialised.find((t) => trimmed(t.info.label) === token.label) : initialised.find((t) => t.id === token.slotId);
  if (!found) {
    const wanted = 'label' in token ? `no token labelled "${token.label}"` : `no initialised token in slot 0x${token.slotId.toString(16)}`;
    throw new Pkcs11StartError(`The PKCS#11 module ${config.module} has ${wanted}; tokens present: ${known}.`);
  }
  return found.slot;
}

function login(lib: Pkcs11Module, p11: Pkcs11.PKCS11, session: Handle, pin: string, label: string): void {
  try {
    p11.C_Login(session, lib.CKU_USER, pin);
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code === lib.CKR_USER_ALREADY_LOGGED_IN) return;
    const why =
      code === lib.CKR_PIN_INCORRECT
        ? `${PKCS11_ENV.pin} is not the user PIN of token "${label}" (CKR_PIN_INCORRECT; repeated wrong PINs can lock the token)`
        : code === lib.CKR_PIN_LOCKED
          ? `the user PIN of token "${label}" is locked (CKR_PIN_LOCKED); unlock it with the SO PIN`
          : code === lib.CKR_PIN_LEN_RANGE
            ? `${PKCS11_ENV.pin} has a length token "${label}" does not accept (CKR_PIN_LEN_RANGE)`
            : `logging in to token "${label}" failed: ${(error as Error).message}`;
    throw new Pkcs11StartError(`PKCS#11 login refused: ${why}.`, { cause: error });
  }
}

function finish(p11: Pkcs11.PKCS11, sessions: { handle: Handle }[]): void {
  const quietly = (step: () => void) => {
    try {
      step();
    } catch {
      /* closing anyway */
    }
  };
  if (sessions[0]) quietly(() => p11.C_Logout(sessions[0]!.handle));
  for (const session of sessions) quietly(() => p11.C_CloseSession(session.handle));
  quietly(() => p11.C_Finalize());
  quietly(() => p11.close());
}
