// The real engine in process (createEngine on a temp SQLite data dir) with a clock the test moves,
// reached through its own fetch handler (Hono's app.request(): no socket, no child process), as in
// test/integration/authorization-expiry.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { createEngine, type Engine } from '../../../../electron/engine/host/create-engine';
import type { EngineSettings } from '../../../../electron/engine/core/context';
import { newDataDir, removeDataDir } from '../../support/counter-server';
import { MDL_CLAIMS, preAuthorizedCode } from '../../support/fixtures';

export const ISSUER = 'https://counter.test';
export const ADMIN_TOKEN = 'in-process-admin-token';
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
export const PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1';
export const FORM = 'application/x-www-form-urlencoded';

export interface InProcessCounter {
  engine: Engine;
  /** The engine's clock, in epoch milliseconds. */
  now(): number;
  /** Moves the engine's clock forward. */
  advance(ms: number): void;
  /** The configuration id of a seeded docType. */
  configurationId(docType: string): string;
  /** A management API call with the admin token. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** A wallet-facing request, optionally from a given client address (what @hono/node-server passes as the connection). */
  request(path: string, init?: RequestInit, address?: string): Promise<Response>;
  /** POST an application/x-www-form-urlencoded body (a string is sent as it is). */
  postForm(path: string, body: Record<string, string> | string, address?: string): Promise<Response>;
  /** A pre-authorized offer for an mDL, with a numeric transaction code unless overridden. */
  createOffer(overrides?: Record<string, unknown>): Promise<{ id: string; uri: string; code: string; txCode?: string }>;
  /** The offer's status as the management API reports it. */
  offerStatus(id: string): Promise<string>;
  /** Redeems an offer at the token endpoint. */
  accessToken(offer: { code: string; txCode?: string }): Promise<{ access_token: string; c_nonce: string }>;
  close(): Promise<void>;
}

/**
 * Limits that would otherwise count every in-process request against one client address
 * ('unknown': there is no socket) are raised; tests of the limits pass their own settings.
 */
const ROOMY: Partial<EngineSettings> = {
  tokenFailuresPerMinute: 10_000,
  authorizeRequestsPerMinute: 10_000,
  pendingPerAddress: 10_000,
};

export async function startInProcess(settings: Partial<Omit<EngineSettings, 'credentialIssuer'>> = {}): Promise<InProcessCounter> {
  let now = Date.UTC(2026, 10, 23, 9, 0, 0);
  const dataDir = newDataDir();
  const logged: string[] = [];
  const engine = await createEngine({
    dataDir,
    publicUrl: ISSUER,
    adminToken: ADMIN_TOKEN,
    clock: { now: () => now },
    log: (message) => logged.push(message),
    settings: { ...ROOMY, ...settings },
  });
  const configurations = await engine.context.stores.configurations.list();

  const connection = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } });
  const counter: InProcessCounter = {
    engine,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    configurationId(docType) {
      const found = configurations.find((c) => c.type === docType);
      if (!found) throw new Error(`no seeded configuration for ${docType}`);
      return found.id;
    },
    async api(path, init = {}) {
      const { json, headers, ...rest } = init;
      return engine.app.request(path, {
        ...rest,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(headers as Record<string, string> | undefined),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    request: async (path, init = {}, address) => engine.app.request(path, init, address ? connection(address) : undefined),
    postForm: async (path, body, address) =>
      counter.request(
        path,
        { method: 'POST', headers: { 'content-type': FORM }, body: typeof body === 'string' ? body : new URLSearchParams(body).toString() },
        address,
      ),
    async createOffer(overrides = {}) {
      const response = await counter.api('/v1/openid/offers/pre-authorized', {
        method: 'POST',
        json: {
          credentials: [counter.configurationId(MDL_DOCTYPE)],
          claims: MDL_CLAIMS,
          transactionCodeConfiguration: { inputMode: 'numeric' },
          ...overrides,
        },
      });
      if (response.status !== 201) throw new Error(`offer creation failed: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { id: string; uri: string; transactionCode?: number | string };
      return {
        id: body.id,
        uri: body.uri,
        code: preAuthorizedCode(body.uri),
        ...(body.transactionCode !== undefined ? { txCode: String(body.transactionCode) } : {}),
      };
    },
    async offerStatus(id) {
      return ((await (await counter.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: string }).status;
    },
    async accessToken(offer) {
      const response = await counter.postForm('/v1/oauth/token', {
        grant_type: PRE_AUTHORIZED_GRANT,
        'pre-authorized_code': offer.code,
        ...(offer.txCode ? { tx_code: offer.txCode } : {}),
      });
      if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { access_token: string; c_nonce: string };
    },
    async close() {
      await engine.close();
      removeDataDir(dataDir);
      // Nothing in these tests should reach the error mapper's log of unexpected failures (a 500).
      const unexpected = logged.filter((m) => /request failed/.test(m));
      if (unexpected.length > 0) throw new Error(`the engine logged unexpected failures: ${unexpected.join('; ')}`);
    },
  };
  return counter;
}

/** An OAuth error answer: its status, body and Cache-Control. */
export async function oauthError(
  response: Response,
): Promise<{ status: number; error: string; error_description: string; cache: string | null }> {
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`not a JSON answer (${response.status}): ${text.slice(0, 200)}`);
  }
  // The documented shape (DESIGN §4): exactly these two string fields.
  if (
    Object.keys(body).sort().join() !== 'error,error_description' ||
    typeof body.error !== 'string' ||
    typeof body.error_description !== 'string'
  )
    throw new Error(`not an OAuth error body (${response.status}): ${text.slice(0, 200)}`);
  return {
    status: response.status,
    error: body.error,
    error_description: body.error_description,
    cache: response.headers.get('cache-control'),
  };
}

export const pkceVerifier = () => randomBytes(32).toString('base64url');
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
/** A wrong tx_code of the same form as the right one. */
export const wrongTxCode = (txCode: string) => String(((Number(txCode) + 1) % 900_000) + 100_000);

export interface AuthorizationStart {
  /** The holder's wait page (path and query), where the code or the refusal is handed over. */
  waitPath: string;
  id: string;
  verifier: string;
  redirectUri: string;
  clientId: string;
}

/**
 * A plain authorization request (RFC 6749 §4.1.1 with PKCE S256) for an mDL, waiting for the clerk;
 * `scope: null` sends none, `authorizationDetails` sends them (RFC 9396, OID4VCI 1.0 §5.1.1) as JSON.
 */
export async function startAuthorization(
  counter: InProcessCounter,
  overrides: { redirectUri?: string; clientId?: string; state?: string; scope?: string | null; authorizationDetails?: unknown } = {},
): Promise<AuthorizationStart> {
  const verifier = pkceVerifier();
  const redirectUri = overrides.redirectUri ?? 'https://wallet.example/cb';
  const clientId = overrides.clientId ?? 'wallet-client';
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    ...(overrides.scope === null ? {} : { scope: overrides.scope ?? MDL_DOCTYPE }),
    ...(overrides.authorizationDetails !== undefined ? { authorization_details: JSON.stringify(overrides.authorizationDetails) } : {}),
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: 'S256',
    ...(overrides.state !== undefined ? { state: overrides.state } : {}),
  });
  const response = await counter.request(`/v1/oauth/authorize?${query}`);
  if (response.status !== 303) throw new Error(`authorization request failed: ${response.status} ${await response.text()}`);
  const waitPath = response.headers.get('location')!;
  const page = await (await counter.request(waitPath)).text();
  const shortCode = /aria-label="(\d \d \d \d)"/.exec(page)?.[1]?.replaceAll(' ', '');
  const { data } = (await (await counter.api(`/v1/openid/authorizations?status=pending&code=${shortCode}`)).json()) as {
    data: { id: string }[];
  };
  if (data.length !== 1) throw new Error(`no single pending authorization with code ${shortCode}`);
  return { waitPath, id: data[0]!.id, verifier, redirectUri, clientId };
}

/** The clerk approves; the holder's wait page then hands over the code (DESIGN §4). */
export async function approvedCode(
  counter: InProcessCounter,
  overrides: Parameters<typeof startAuthorization>[1] & { claims?: Record<string, unknown> } = {},
): Promise<AuthorizationStart & { code: string }> {
  const { claims = MDL_CLAIMS, ...request } = overrides;
  const started = await startAuthorization(counter, request);
  const approved = await counter.api(`/v1/openid/authorizations/${started.id}/approve`, { method: 'POST', json: { claims } });
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.status} ${await approved.text()}`);
  const location = new URL((await counter.request(started.waitPath)).headers.get('location')!);
  return { ...started, code: location.searchParams.get('code')! };
}
