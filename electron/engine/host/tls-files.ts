import { X509Certificate } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** The certificate's end of validity (deployment warnings, /readyz). */
  notAfter: Date;
}

/** Reads and checks a certificate and its key: they must parse and belong together. */
export function readTlsFiles(files: { certFile: string; keyFile: string }): TlsMaterial {
  const cert = readFileSync(files.certFile);
  const key = readFileSync(files.keyFile);
  createSecureContext({ cert, key }); // throws on a bad PEM or a key that is not the certificate's
  return { cert, key, notAfter: new Date(new X509Certificate(cert).validTo) };
}

export interface TlsFilesWatch {
  current(): TlsMaterial;
  stop(): void;
}

const POLL_MS = 2_000;

/**
 * DESIGN §13 operations: certificates from an ACME client are replaced every few weeks, so the
 * files are polled (stat, which sees renames and re-pointed symlinks, unlike fs.watch) and a new
 * pair is handed to `apply` for the next connections, without a restart. A pair that does not load
 * (half written, or the certificate renewed before its key) keeps the previous one in service,
 * and is tried again at the next change.
 */
export function watchTlsFiles(
  files: { certFile: string; keyFile: string },
  apply: (material: TlsMaterial) => void,
  log: (message: string, error?: unknown) => void,
  pollMs = POLL_MS,
): TlsFilesWatch {
  let material = readTlsFiles(files);
  const reload = () => {
    try {
      const next = readTlsFiles(files);
      if (next.cert.equals(material.cert) && next.key.equals(material.key)) return;
      apply(next);
      material = next;
      log(`TLS certificate reloaded from ${files.certFile} (valid until ${next.notAfter.toISOString()})`);
    } catch (error) {
      log(`TLS files ${files.certFile} / ${files.keyFile} changed but do not load; still serving the previous certificate`, error);
    }
  };
  const onChange = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs !== before.mtimeMs) reload();
  };
  const options = { interval: pollMs, persistent: false };
  watchFile(files.certFile, options, onChange);
  watchFile(files.keyFile, options, onChange);
  return {
    current: () => material,
    stop: () => {
      unwatchFile(files.certFile, onChange);
      unwatchFile(files.keyFile, onChange);
    },
  };
}
