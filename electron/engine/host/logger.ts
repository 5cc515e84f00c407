import type { Logger } from '../http/error-responses';

export type LogFormat = 'text' | 'json';

/** What an error says about itself, without its stack in JSON mode unless it is unexpected. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; fault?: unknown; cause?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.fault === 'string' ? { fault: e.fault } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}

/**
 * The engine's log lines on stderr (DESIGN §13 operations): `text` for a person at a terminal,
 * `json` (COUNTER_LOG_FORMAT=json) one JSON object per line for a log collector:
 * `{"time","level","msg","error"?}` plus whatever fields the line carries. Lines never hold claim
 * values, codes or tokens (the messages are the engine's own words).
 */
export function createLogger(
  format: LogFormat,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger & {
  entry(fields: Record<string, unknown>): void;
} {
  const entry = (fields: Record<string, unknown>) => {
    if (format === 'json') write(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...fields }));
    else
      write(
        `[counter] ${Object.entries(fields)
          .map(([k, v]) => (k === 'msg' ? String(v) : `${k}=${JSON.stringify(v)}`))
          .join(' ')}`,
      );
  };
  const log = (message: string, error?: unknown) => {
    if (format === 'json') {
      entry({ level: error === undefined ? 'info' : 'error', msg: message, ...(error === undefined ? {} : { error: describe(error) }) });
      return;
    }
    write(
      `[counter] ${message}${error === undefined ? '' : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}`,
    );
  };
  return Object.assign(log, { entry });
}
