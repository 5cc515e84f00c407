import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { statusListTokenTimes, STATUS_LIST_CWT_TYPE } from '../core/status/status-list-token';
import { STATUS_LIST_DIR, readPublished, writePublished } from './status-list-files';

export interface PublishOptions {
  dataDir: string;
  /** A directory, or an http(s) URL that takes `PUT <to>/<list id>.cwt`. */
  to: string;
  /** COUNTER_PUBLISH_AUTHORIZATION: an Authorization header for the PUTs (environment only: flags show in `ps`). */
  authorization?: string;
}

export class PublishUsageError extends Error {}

export const PUBLISH_USAGE = `Usage: npm run publish -- --to DIR|URL [--data-dir DIR]

  Copies the current Status List Tokens from <data dir>/status-lists/ to a directory, or PUTs each
  to <URL>/<list id>.cwt (Content-Type application/statuslist+cwt), so that the public host named by
  --status-list-base-url serves them (DESIGN §11). Records when, for the Settings screen.
  --data-dir DIR   the kiosk's data dir (env COUNTER_DATA_DIR, default ./.counter-data)
  COUNTER_PUBLISH_AUTHORIZATION: an Authorization header value sent with every PUT.`;

export function parsePublishArgs(argv: string[], env: NodeJS.ProcessEnv): PublishOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { to: { type: 'string' }, 'data-dir': { type: 'string' } } }));
  } catch (error) {
    throw new PublishUsageError((error as Error).message);
  }
  const to = values.to as string | undefined;
  if (!to) throw new PublishUsageError('--to DIR|URL is required');
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? (env.COUNTER_DATA_DIR || './.counter-data'));
  return { dataDir, to, ...(env.COUNTER_PUBLISH_AUTHORIZATION ? { authorization: env.COUNTER_PUBLISH_AUTHORIZATION } : {}) };
}

const isUrl = (to: string) => /^https?:\/\//i.test(to);

/** Publishes every token; returns one line per list. Throws on the first list that could not be published. */
export async function publishStatusLists(options: PublishOptions, now = Date.now()): Promise<string[]> {
  const source = join(options.dataDir, STATUS_LIST_DIR);
  let files: string[];
  try {
    files = readdirSync(source).filter((name) => name.endsWith('.cwt'));
  } catch {
    throw new Error(`${source} does not exist: start the kiosk on this data dir once, or check --data-dir`);
  }
  if (files.length === 0)
    throw new Error(`${source} holds no status list tokens yet: they appear once a credential with a status is issued`);
  const published = readPublished(options.dataDir);
  const lines: string[] = [];
  for (const file of files.sort()) {
    const token = readFileSync(join(source, file));
    const { issuedAt, expiresAt } = statusListTokenTimes(token);
    if (expiresAt <= now)
      throw new Error(`${file} expired at ${new Date(expiresAt).toISOString()}: start the kiosk so that it signs a new one`);
    const target = isUrl(options.to) ? await put(options, file, token) : copy(options.to, source, file);
    const listId = file.slice(0, -'.cwt'.length);
    published[listId] = {
      publishedAt: new Date(now).toISOString(),
      to: target,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    writePublished(options.dataDir, published);
    lines.push(`${listId}: published to ${target} (valid until ${new Date(expiresAt).toISOString()})`);
  }
  return lines;
}

function copy(dir: string, source: string, file: string): string {
  const target = resolve(dir);
  mkdirSync(target, { recursive: true });
  // Whole or not at all: a web server reading the directory never serves half a token.
  const temporary = join(target, `.${file}.${process.pid}.tmp`);
  copyFileSync(join(source, file), temporary);
  renameSync(temporary, join(target, file));
  return join(target, file);
}

async function put(options: PublishOptions, file: string, token: Uint8Array): Promise<string> {
  const url = `${options.to.replace(/\/+$/, '')}/${file}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': STATUS_LIST_CWT_TYPE, ...(options.authorization ? { authorization: options.authorization } : {}) },
      body: new Uint8Array(token),
    });
  } catch (error) {
    throw new Error(`PUT ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new Error(`PUT ${url} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
  return url;
}
