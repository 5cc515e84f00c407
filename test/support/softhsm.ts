// A fresh SoftHSM2 token per test (DESIGN §10 key custody), in its own token directory through
// SOFTHSM2_CONF. Locally the tests that need it skip, saying why, when Debian's softhsm2 is missing;
// in CI (CI=true) .ci/run installs it and a missing module is a failure, not a skip.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = process.env.COUNTER_TEST_SOFTHSM_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so';

/** Why SoftHSM2 tests cannot run here, or undefined when they can. Throws in CI instead of skipping. */
export function softHsmMissing(): string | undefined {
  const missing = [
    existsSync(SOFTHSM_MODULE) ? undefined : `no PKCS#11 module at ${SOFTHSM_MODULE}`,
    which('softhsm2-util') ? undefined : 'softhsm2-util is not on PATH',
  ].filter(Boolean);
  if (missing.length === 0) return undefined;
  const reason = `SoftHSM2 not installed (${missing.join('; ')}): apt-get install softhsm2 opensc`;
  if (process.env.CI) throw new Error(`${reason}. CI must run the PKCS#11 tests (.ci/run installs it).`);
  return reason;
}

function which(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface SoftHsmToken {
  label: string;
  pin: string;
  soPin: string;
  dir: string;
  /** SOFTHSM2_CONF for processes (and this one) that use the token. */
  env: { SOFTHSM2_CONF: string };
  /** The env a kiosk needs to keep its signer keys in this token (DESIGN §10). */
  counterEnv: Record<string, string>;
  /** `pkcs11-tool` (opensc) output listing the token's objects, logged in: an independent look inside. */
  listObjects(): string;
  remove(): void;
}

export function createSoftHsmToken(label = 'counter-test', pin = '123456'): SoftHsmToken {
  const dir = mkdtempSync(join(tmpdir(), 'counter-softhsm-'));
  const tokens = join(dir, 'tokens');
  execFileSync('mkdir', ['-p', tokens]);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { SOFTHSM2_CONF: conf };
  const soPin = '87654321';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  return {
    label,
    pin,
    soPin,
    dir,
    env,
    counterEnv: {
      ...env,
      COUNTER_PKCS11_MODULE: SOFTHSM_MODULE,
      COUNTER_PKCS11_TOKEN_LABEL: label,
      COUNTER_PKCS11_PIN: pin,
    },
    listObjects: () =>
      execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin, '--list-objects'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
