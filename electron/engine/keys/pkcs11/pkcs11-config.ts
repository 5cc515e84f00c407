/** DESIGN §10 key custody settings; the PIN is read from the environment only (flags show in `ps`). */
export interface Pkcs11Config {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  module: string;
  /** The token, by label (as `pkcs11-tool -L` prints it) or by slot ID. */
  token: { label: string } | { slotId: bigint };
  pin: string;
}

export const PKCS11_ENV = {
  module: 'COUNTER_PKCS11_MODULE',
  slot: 'COUNTER_PKCS11_SLOT',
  tokenLabel: 'COUNTER_PKCS11_TOKEN_LABEL',
  pin: 'COUNTER_PKCS11_PIN',
} as const;

/** undefined when no module is set; throws a message naming the variable when the rest does not fit. */
export function pkcs11ConfigFromEnv(env: NodeJS.ProcessEnv): Pkcs11Config | undefined {
  const module = env[PKCS11_ENV.module];
  const slot = env[PKCS11_ENV.slot];
  const label = env[PKCS11_ENV.tokenLabel];
  const pin = env[PKCS11_ENV.pin];
  if (!module) {
    const stray = [PKCS11_ENV.slot, PKCS11_ENV.tokenLabel, PKCS11_ENV.pin].filter((name) => env[name]);
    if (stray.length > 0) throw new Error(`${stray.join(', ')} set without ${PKCS11_ENV.module} (the PKCS#11 module to load)`);
    return undefined;
  }
  if (Boolean(slot) === Boolean(label)) {
    throw new Error(`With ${PKCS11_ENV.module}, set exactly one of ${PKCS11_ENV.tokenLabel} and ${PKCS11_ENV.slot}`);
  }
  if (!pin) throw new Error(`${PKCS11_ENV.module} is set but ${PKCS11_ENV.pin} (the token's user PIN) is not`);
  if (slot !== undefined && !/^(?:\d{1,20}|0x[0-9a-fA-F]{1,16})$/.test(slot)) {
    throw new Error(`${PKCS11_ENV.slot} must be a slot ID (decimal, or hex like 0x4245db43), not "${slot}"`);
  }
  return { module, token: label ? { label } : { slotId: BigInt(slot!) }, pin };
}
