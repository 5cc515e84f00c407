// Issue 5 (hardening): every endpoint survives property-based fuzzing. One real server (the code path
// of `npm run serve`), thousands of generated requests over raw HTTP/1.1 (node:http, so that methods,
// paths, repeated headers and chunked bodies are ours, not fetch's), and after each one:
//  - a response arrives within REQUEST_TIMEOUT_MS (a hang fails) and its status is never ≥ 500;
//  - an error body has its family's documented shape: management `{code, message, details?}`,
//    wallet `{error, error_description}` (DESIGN §3, §4);
//  - a success only where it is plausible (a known token with the right role, a real code, a proof we
//    signed with a fresh nonce, …), in its documented shape, and never twice for a single-use thing;
//  - no response ever carries the holder's claims, the admin token or a private key.
// Afterwards a normal issuance still works and the server process is still alive.
import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceKey, receiveCredential, type DeviceKey } from '../../support/wallet';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS, offerFromUri, preAuthorizedCode } from '../support/fixtures';

const REQUEST_TIMEOUT_MS = 5_000;
const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
const PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1';
/** The holder's family name in every offer this file creates: it must never come back out. */
const MARKER = 'Fuzzmarker-Ωß-7d1c';
const FUZZ_CLAIMS = { ...MDL_CLAIMS, family_name: MARKER };
const TEST_TIMEOUT_MS = 40_000;

// ---------------------------------------------------------------------------------------------
// Raw HTTP

interface Sent {
  method: string;
  /** Raw request target, sent as is (must match node's /^[\x21-\xff]+$/). */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body as two chunks (Transfer-Encoding: chunked, no Content-Length). */
  chunked?: boolean;
  /**
   * Source address (any of 127/8). The token endpoint throttles failed guesses per client address,
   * so guessing traffic comes from addresses of its own and never slows down the real flows.
   */
  localAddress?: string;
}

interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

let server: CounterServer;
let host: string;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(req: Sent): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    // Framing is explicit: for DELETE, OPTIONS, TRACE… node would otherwise send a body without
    // Content-Length, and the server would rightly read it as the next request.
    const framing: Record<string, string> = body === undefined ? {} : req.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
    const r = httpRequest({ host, port, method: req.method, path: req.path, headers: { ...req.headers, ...framing }, agent, signal, ...(req.localAddress ? { localAddress: req.localAddress } : {}) }, (res) => {
      const type = String(res.headers['content-type'] ?? '');
      const done = (text: string) => {
        let json: unknown;
        if (/json/i.test(type) && text !== '') {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      };
      // The live-status stream (…/events) never ends by design: its headers are the answer.
      if (type.includes('text/event-stream')) {
        res.destroy();
        done('');
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      res.on('error', (error) => reject(new Error(`response broke off for ${describeRequest(req)}: ${error.message}`)));
    });
    r.on('error', (error) =>
      reject(new Error(signal.aborted ? `no response within ${REQUEST_TIMEOUT_MS} ms to ${describeRequest(req)}` : `request failed (${error.message}) for ${describeRequest(req)}`)),
    );
    if (body !== undefined && req.chunked) {
      r.write(body.subarray(0, body.length >> 1));
      r.end(body.subarray(body.length >> 1));
    } else {
      r.end(body);
    }
  });
}

/** The same string with its last character changed. */
const flipLast = (s: string) => `${s.slice(0, -1)}${s.endsWith('B') ? 'C' : 'B'}`;

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

function describeRequest(req: Sent): string {
  const body = req.body === undefined ? '' : ` body=${clip(Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : JSON.stringify(req.body))}`;
  return `${req.method} ${clip(req.path, 200)} headers=${clip(JSON.stringify(req.headers ?? {}))}${body}${req.chunked ? ' (chunked)' : ''}${req.localAddress ? ` from ${req.localAddress}` : ''}`;
}

function describeResponse(res: Received): string {
  return `${res.status} ${clip(res.text, 500)}`;
}

/** The server's log since the start, last lines (a 500's stack trace lands there). */
const serverLogTail = () => server.output().split('\n').slice(-15).join('\n');

// ---------------------------------------------------------------------------------------------
// Checks

const MANAGEMENT_STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 429];
const WALLET_STATUSES = [200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429];

function fail(message: string, req: Sent, res: Received): never {
  throw new Error(`${message}\n  request:  ${describeRequest(req)}\n  response: ${describeResponse(res)}\n  server log (tail):\n${serverLogTail()}`);
}

/** Invariants of every response, whatever the route. */
function checkCommon(req: Sent, res: Received): void {
  if (res.status >= 500) fail(`status ${res.status} (never ≥ 500)`, req, res);
  if (res.text.includes(MARKER)) fail('the response carries a holder claim value', req, res);
  if (res.text.includes(server.adminToken)) fail('the response carries the admin token', req, res);
  if (/PRIVATE KEY|root:x:0:0/.test(res.text)) fail('the response carries a private key or a system file', req, res);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isManagementErrorBody(body: unknown): boolean {
  if (!isObject(body) || typeof body.code !== 'string' || typeof body.message !== 'string') return false;
  if (Object.keys(body).some((k) => !['code', 'message', 'details'].includes(k))) return false;
  if (body.details === undefined) return true;
  return (
    Array.isArray(body.details) &&
    body.details.every((d) => isObject(d) && typeof d.msg === 'string' && typeof d.param === 'string' && typeof d.location === 'string' && Object.keys(d).every((k) => ['value', 'msg', 'param', 'location'].includes(k)))
  );
}

function isOAuthErrorBody(body: unknown): boolean {
  return isObject(body) && typeof body.error === 'string' && typeof body.error_description === 'string' && Object.keys(body).length === 2;
}

/** A management route's answer: documented status, MATTR error shape. */
function checkManagement(req: Sent, res: Received): void {
  checkCommon(req, res);
  if (!MANAGEMENT_STATUSES.includes(res.status)) fail(`undocumented management status ${res.status}`, req, res);
  if (res.status >= 400 && req.method !== 'HEAD' && !isManagementErrorBody(res.json)) fail('management error body is not {code, message, details?}', req, res);
}

/** A wallet route's answer: documented status, RFC 6749 error shape. */
function checkWallet(req: Sent, res: Received): void {
  checkCommon(req, res);
  if (!WALLET_STATUSES.includes(res.status)) fail(`undocumented wallet status ${res.status}`, req, res);
  if (res.status >= 400 && req.method !== 'HEAD' && !isOAuthErrorBody(res.json)) fail('wallet error body is not {error, error_description}', req, res);
  if (res.status === 429 && res.headers['retry-after'] === undefined) fail('429 without Retry-After', req, res);
}

// ---------------------------------------------------------------------------------------------
// State shared by the properties: real secrets to build near-valid requests from.

interface PoolOffer {
  id: string;
  code: string;
  txCode?: string;
}
interface PoolToken {
  token: string;
  /** Set once a credential was issued for it. */
  notificationId?: string;
}

let mdlId: string;
let pidId: string;
let issuerToken: string;
let iacaPem: string;
let deviceKey: DeviceKey;
let otherKey: DeviceKey;
const offers: PoolOffer[] = [];
/** Offers the management fuzzer may read and cancel (kept apart from the ones the token fuzzer redeems). */
const managementOfferIds: string[] = [];
const tokens: PoolToken[] = [];
const references: string[] = [];
/** Configurations and API tokens the fuzzer may replace and delete (never the seeded ones, never the admin's). */
const ownConfigIds: string[] = [];
const ownApiTokenIds: string[] = [];
const ownCodeOfferIds: string[] = [];
const redeemedCodes = new Set<string>();

async function managementJson<T>(method: string, path: string, body: unknown, token = server.adminToken): Promise<T> {
  const req: Sent = { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await send(req);
  if (res.status >= 300) fail('setup request failed', req, res);
  return res.json as T;
}

async function newOffer(overrides: Record<string, unknown> = {}): Promise<{ offer: PoolOffer; uri: string }> {
  const created = await managementJson<{ id: string; uri: string; transactionCode?: number | string }>('POST', '/v1/openid/offers/pre-authorized', {
    credentials: [mdlId],
    claims: FUZZ_CLAIMS,
    transactionCodeConfiguration: { inputMode: 'numeric' },
    ...overrides,
  });
  const url = new URL(created.uri);
  const byReference = url.searchParams.get('credential_offer_uri');
  let code: string;
  if (byReference) {
    const reference = decodeURIComponent(new URL(byReference).pathname.split('/').pop()!);
    references.push(reference);
    const res = await send({ method: 'GET', path: new URL(byReference).pathname });
    code = (res.json as { grants: Record<string, { 'pre-authorized_code': string }> }).grants[PRE_AUTH_GRANT]!['pre-authorized_code'];
  } else {
    code = preAuthorizedCode(created.uri);
  }
  const offer: PoolOffer = { id: created.id, code, ...(created.transactionCode !== undefined ? { txCode: String(created.transactionCode) } : {}) };
  return { offer, uri: created.uri };
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function redeem(offer: PoolOffer): Promise<string> {
  const req: Sent = {
    method: 'POST',
    path: '/v1/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': offer.code, ...(offer.txCode ? { tx_code: offer.txCode } : {}) }),
  };
  const res = await send(req);
  if (res.status !== 200) fail('setup redemption failed', req, res);
  redeemedCodes.add(offer.code);
  return (res.json as { access_token: string }).access_token;
}

async function freshNonce(): Promise<string> {
  const res = await send({ method: 'POST', path: '/v1/openid/nonce' });
  if (res.status !== 200) fail('nonce endpoint failed', { method: 'POST', path: '/v1/openid/nonce' }, res);
  return (res.json as { c_nonce: string }).c_nonce;
}

// ---------------------------------------------------------------------------------------------
// Generic generators

/** Strings that tend to break things: unicode, control characters, lone surrogates, pollution keys. */
const nastyShort = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 }), weight: 1 },
  { arbitrary: fc.constantFrom('', ' ', '\u0000', '__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN', '-1', '1e309', '../../etc/passwd', '%00', '${x}', "'; DROP TABLE offers; --", '\u202e', '\ufeff'), weight: 3 },
  { arbitrary: fc.integer({ min: 200, max: 2_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);
/** …and huge ones, for bodies (headers and URLs stay under node's 16 KB header limit, tested on its own below). */
const nastyString = fc.oneof({ arbitrary: nastyShort, weight: 14 }, { arbitrary: fc.integer({ min: 2_000, max: 40_000 }).map((n) => 'x'.repeat(n)), weight: 1 });

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) three UTF-8 bytes instead of throwing. */
function enc(value: string): string {
  return Array.from(value, (ch) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(ch);
  }).join('');
}

const nastyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2));

/** Any JSON value, leaning on the nasty strings. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
  { arbitrary: nastyString, weight: 1 },
  { arbitrary: nastyNumber, weight: 1 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
);

/** An object with own `__proto__` / `constructor` / `prototype` keys (JSON.stringify writes them). */
function withKeys(base: unknown, keys: [string, unknown][]): unknown {
  if (!isObject(base)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of keys) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
const pollution = fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'), anyJson), { maxLength: 2 });

/** Drops, retypes or garbles some fields of a valid-looking object. */
function mutated(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'retype', 'null'), anyJson), { maxLength: 3 }), pollution)
    .map(([object, edits, extra]) => {
      const out: Record<string, unknown> = { ...object };
      const keys = Object.keys(out);
      for (const [index, edit, value] of edits) {
        const key = keys[index % Math.max(1, keys.length)];
        if (key === undefined) continue;
        if (edit === 'drop') delete out[key];
        else out[key] = edit === 'null' ? null : value;
      }
      return withKeys(out, extra);
    });
}

type BodyKind = 'json' | 'malformed' | 'none' | 'binary' | 'bom' | 'huge' | 'text';
interface BodySpec {
  kind: BodyKind;
  value: unknown;
  cut: number;
  bytes: Uint8Array;
  chunked: boolean;
}
const HUGE_BODY = JSON.stringify({ x: 'A'.repeat(600 * 1024) });

function bodyArb(structured: fc.Arbitrary<unknown>): fc.Arbitrary<BodySpec> {
  return fc.record({
    kind: fc.oneof(
      { arbitrary: fc.constant<BodyKind>('json'), weight: 12 },
      { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'bom', 'text'), weight: 3 },
      { arbitrary: fc.constant<BodyKind>('huge'), weight: 1 },
    ),
    value: fc.oneof({ arbitrary: structured, weight: 3 }, { arbitrary: anyJson, weight: 1 }),
    cut: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 64 }),
    chunked: fc.boolean(),
  });
}

function renderBody(spec: BodySpec): string | Buffer | undefined {
  const json = JSON.stringify(spec.value) ?? 'null';
  switch (spec.kind) {
    case 'json':
      return json;
    case 'malformed':
      return json.length > 1 ? json.slice(0, spec.cut % json.length) + (spec.cut % 2 ? '' : ',}') : '{';
    case 'none':
      return undefined;
    case 'binary':
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(spec.bytes)]);
    case 'bom':
      return `\ufeff${json}`;
    case 'huge':
      return HUGE_BODY;
    case 'text':
      return typeof spec.value === 'string' ? spec.value : `text: ${json}`;
  }
}

const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=latin1',
      '*/*',
      '',
      'application/json\u00ff',
    ),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }), weight: 1 },
);

/** Header values node will send: no CR/LF or other control characters. */
const headerSafe = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');

function queryArb(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 4 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'limit[]', 'a[b]'), weight: 1 }, { arbitrary: nastyShort, weight: 1 });
  const value = fc.oneof(
    { arbitrary: fc.constantFrom('1', '0', '-1', '1000', '1001', '1e3', '0x10', 'NaN', 'Infinity', '1.5', ' 5 ', 'pending', 'claimed', 'OPENID_TOKEN_FAIL', 'MTA', 'AAAA', '@@@'), weight: 4 },
    { arbitrary: nastyShort, weight: 2 },
    { arbitrary: fc.nat().map(String), weight: 1 },
  );
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '&&', '=', '==', '+', '%2B', '%00');
  return fc
    .array(fc.oneof({ arbitrary: fc.tuple(key, value).map(([k, v]) => `${enc(k)}=${enc(v)}`), weight: 6 }, { arbitrary: raw, weight: 1 }), { maxLength: 4 })
    .map((parts) => (parts.length ? `?${parts.join('&')}` : ''));
}

/**
 * Path segment text: usually encoded, sometimes raw but still a legal request target. (A raw
 * backslash is rejected before the app by @hono/node-server; that has its own test below.)
 */
function segment(value: string, raw: boolean): string {
  return raw ? Array.from(value, (ch) => (/^[\x21-\x7e]$/.test(ch) && !'/?#\\'.includes(ch) ? ch : enc(ch))).join('') : enc(value);
}

// ---------------------------------------------------------------------------------------------
// Authorization

type AuthKind = 'admin' | 'issuer' | 'none' | 'invalid';
interface AuthSpec {
  kind: AuthKind;
  header?: string | string[];
}

function authArb(): fc.Arbitrary<AuthSpec> {
  const invalid: fc.Arbitrary<AuthSpec> = fc
    .oneof(
      fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Token ${server.adminToken}`, server.adminToken, `Bearer ${server.adminToken}x`, `Bearer ${server.adminToken.slice(1)}`, `Bearer ${server.adminToken} extra`, `Bearer ${randomBytes(24).toString('base64url')}`, 'Bearer ' + 'A'.repeat(8000)),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => headerSafe(`Bearer ${s}`)),
      nastyShort.map((s) => headerSafe(s)),
    )
    // Not empty (no header at all is 'none'), and never a valid credential by accident.
    .filter((h) => h.trim() !== '' && ![server.adminToken, issuerToken].includes(/^Bearer\s+(\S+)$/i.exec(h.trim())?.[1] ?? ''))
    .map((header) => ({ kind: 'invalid' as const, header }));
  return fc.oneof(
    { arbitrary: fc.constant<AuthSpec>({ kind: 'admin', header: `Bearer ${server.adminToken}` }), weight: 8 },
    { arbitrary: fc.constant<AuthSpec>({ kind: 'issuer', header: `Bearer ${issuerToken}` }), weight: 2 },
    { arbitrary: fc.constant<AuthSpec>({ kind: 'none' }), weight: 1 },
    { arbitrary: invalid, weight: 2 },
  );
}

// ---------------------------------------------------------------------------------------------
// Management near-valid bodies

const claimTypes = ['string', 'number', 'boolean', 'date', 'dateTime', 'bytes', 'array', 'object'] as const;

function offerBodyArb(): fc.Arbitrary<unknown> {
  const claims = mutated(fc.constant({ ...MDL_CLAIMS, family_name: 'Fuzz' }));
  const valid = fc.record(
    {
      credentials: fc.oneof(
        { arbitrary: fc.constant([mdlId]), weight: 6 },
        { arbitrary: fc.array(fc.oneof(fc.constantFrom(mdlId, pidId, mdlId.toUpperCase(), ` ${mdlId}`), nastyString), { maxLength: 12 }), weight: 2 },
      ),
      claims: fc.oneof({ arbitrary: claims, weight: 4 }, { arbitrary: anyJson, weight: 1 }),
      userId: fc.oneof(nastyString, anyJson),
      claimsToPersist: fc.oneof(fc.constant(['family_name']), fc.array(nastyString, { maxLength: 3 }), anyJson),
      expiresIn: fc.oneof(fc.record({ minutes: fc.oneof(fc.integer({ min: -2, max: 12 }), anyJson) }, { requiredKeys: [] }), fc.record({ seconds: fc.oneof(fc.integer({ min: -5, max: 700 }), nastyNumber) }), anyJson),
      transactionCodeConfiguration: fc.oneof(
        fc.record({ inputMode: fc.oneof(fc.constantFrom('numeric', 'text'), nastyString), description: fc.oneof(nastyString, anyJson) }, { requiredKeys: [] }),
        anyJson,
      ),
      offerBy: fc.oneof(fc.constantFrom('value', 'reference'), nastyString),
    },
    { requiredKeys: ['credentials'] },
  );
  return mutated(valid);
}

function claimMappingArb(): fc.Arbitrary<unknown> {
  return fc.record(
    {
      mapFrom: fc.oneof(fc.constantFrom('claims.a', 'claims.a.b', 'claims.__proto__', 'claims.constructor', 'claims.x-y'), nastyString),
      required: fc.oneof(fc.boolean(), anyJson),
      type: fc.oneof(fc.constantFrom(...claimTypes), nastyString),
      defaultValue: anyJson,
      label: nastyString,
    },
    { requiredKeys: ['mapFrom'] },
  );
}

function configurationBodyArb(): fc.Arbitrary<unknown> {
  const identifier = fc.oneof(fc.constantFrom('org.fuzz.1', 'ns', '__proto__', 'constructor', 'a:b-c_d.e'), nastyString);
  const valid = fc.record(
    {
      type: fc.oneof(fc.constantFrom('org.fuzz.card.1', MDL_DOCTYPE), nastyString),
      claimMappings: fc.oneof(
        { arbitrary: fc.dictionary(identifier, fc.dictionary(identifier, claimMappingArb(), { maxKeys: 3 }), { maxKeys: 2 }), weight: 4 },
        { arbitrary: anyJson, weight: 1 },
      ),
      expiresIn: fc.oneof(fc.record({ years: fc.oneof(fc.integer({ min: -1, max: 25 }), anyJson), days: fc.integer({ min: -1, max: 8000 }), seconds: nastyNumber }, { requiredKeys: [] }), anyJson),
      branding: fc.oneof(fc.record({ name: nastyString, description: nastyString, backgroundColor: fc.oneof(fc.constant('#00ff00'), nastyString), textColor: nastyString }, { requiredKeys: [] }), anyJson),
    },
    { requiredKeys: [] },
  );
  return mutated(valid);
}

function apiTokenBodyArb(): fc.Arbitrary<unknown> {
  return mutated(fc.record({ name: fc.oneof(fc.constant('fuzz'), nastyString), role: fc.oneof(fc.constantFrom('admin', 'issuer', 'Admin', 'root'), nastyString) }, { requiredKeys: [] }));
}

// ---------------------------------------------------------------------------------------------
// Proof JWTs for the credential endpoint

const b64u = (data: Uint8Array | ArrayBuffer | string) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data))).toString('base64url');

async function signJws(key: CryptoKey, header: unknown, payload: unknown): Promise<string> {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${b64u(signature)}`;
}

type JwkVariant = 'canonical' | 'padded' | 'standard-base64' | 'whitespace' | 'extras' | 'private-d' | 'other-key' | 'p384' | 'numbers' | 'missing-y' | 'rsa' | 'none';
interface ProofRecipe {
  kind: 'jwt';
  typ: string | undefined;
  alg: string | undefined;
  jwk: JwkVariant;
  extraHeader: [string, unknown][];
  aud: 'issuer' | 'issuer-slash' | 'array' | 'other' | 'missing' | 'number';
  iat: 'now' | 'stale' | 'future' | 'string' | 'missing' | 'huge' | 'negative';
  nonce: 'fresh' | 'used' | 'random' | 'missing' | 'number' | 'empty';
  signature: 'valid' | 'garbage' | 'empty' | 'truncated' | 'swapped-payload' | 'extra-segment';
}
interface GarbageProof {
  kind: 'garbage';
  value: string;
}
type ProofSpec = ProofRecipe | GarbageProof;

const recipeArb: fc.Arbitrary<ProofRecipe> = fc.record({
  kind: fc.constant('jwt' as const),
  typ: fc.oneof({ arbitrary: fc.constant<string | undefined>('openid4vci-proof+jwt'), weight: 6 }, { arbitrary: fc.constantFrom(undefined, 'JWT', 'OPENID4VCI-PROOF+JWT', 'application/openid4vci-proof+jwt', ''), weight: 1 }),
  alg: fc.oneof({ arbitrary: fc.constant<string | undefined>('ES256'), weight: 6 }, { arbitrary: fc.constantFrom(undefined, 'none', 'HS256', 'ES384', 'RS256', 'es256', 'EdDSA'), weight: 1 }),
  jwk: fc.oneof(
    { arbitrary: fc.constant<JwkVariant>('canonical'), weight: 8 },
    { arbitrary: fc.constantFrom<JwkVariant>('padded', 'standard-base64', 'whitespace', 'extras', 'private-d', 'other-key', 'p384', 'numbers', 'missing-y', 'rsa', 'none'), weight: 3 },
  ),
  extraHeader: fc.oneof(
    { arbitrary: fc.constant<[string, unknown][]>([]), weight: 6 },
    { arbitrary: fc.array(fc.tuple(fc.constantFrom('kid', 'x5c', 'crit', 'b64', 'zip', '__proto__', 'trust_chain'), anyJson), { maxLength: 2 }), weight: 1 },
  ),
  aud: fc.oneof({ arbitrary: fc.constant('issuer' as const), weight: 6 }, { arbitrary: fc.constantFrom('issuer-slash' as const, 'array' as const, 'other' as const, 'missing' as const, 'number' as const), weight: 1 }),
  iat: fc.oneof({ arbitrary: fc.constant('now' as const), weight: 6 }, { arbitrary: fc.constantFrom('stale' as const, 'future' as const, 'string' as const, 'missing' as const, 'huge' as const, 'negative' as const), weight: 1 }),
  nonce: fc.oneof({ arbitrary: fc.constant('fresh' as const), weight: 6 }, { arbitrary: fc.constantFrom('used' as const, 'random' as const, 'missing' as const, 'number' as const, 'empty' as const), weight: 1 }),
  signature: fc.oneof({ arbitrary: fc.constant('valid' as const), weight: 6 }, { arbitrary: fc.constantFrom('garbage' as const, 'empty' as const, 'truncated' as const, 'swapped-payload' as const, 'extra-segment' as const), weight: 1 }),
});

const garbageProofArb: fc.Arbitrary<GarbageProof> = fc
  .oneof(
    nastyString,
    fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((parts) => parts.join('.')),
    fc.tuple(anyJson, anyJson).map(([h, p]) => `${b64u(JSON.stringify(h) ?? '')}.${b64u(JSON.stringify(p) ?? '')}.`),
    fc.constantFrom('eyJ', 'eyJ.eyJ.', '...', 'a.b.c.d.e', 'eyJhbGciOiJFUzI1NiJ9..', '.'),
  )
  .map((value) => ({ kind: 'garbage' as const, value }));

const proofSpecArb: fc.Arbitrary<ProofSpec> = fc.oneof({ arbitrary: recipeArb, weight: 5 }, { arbitrary: garbageProofArb, weight: 1 });

/** The nonce of the last proof built, and one known to be spent (a credential was issued with it). */
let lastNonce = '';
let spentNonce = '';

function jwkFor(variant: JwkVariant): unknown {
  const { x, y } = deviceKey.publicJwk;
  const std = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/');
  switch (variant) {
    case 'canonical':
      return { kty: 'EC', crv: 'P-256', x, y };
    case 'padded':
      return { kty: 'EC', crv: 'P-256', x: `${x}=`, y: `${y}=` };
    case 'standard-base64':
      return { kty: 'EC', crv: 'P-256', x: std(x), y: std(y) };
    case 'whitespace':
      return { kty: 'EC', crv: 'P-256', x: `${x} `, y: `\n${y}` };
    case 'extras':
      return { kty: 'EC', crv: 'P-256', x, y, kid: 'k1', use: 'sig', alg: 'ES256', key_ops: ['verify'], ext: true };
    case 'private-d':
      return { kty: 'EC', crv: 'P-256', x, y, d: b64u(randomBytes(32)) };
    case 'other-key':
      return otherKey.publicJwk;
    case 'p384':
      return { kty: 'EC', crv: 'P-384', x, y };
    case 'numbers':
      return { kty: 'EC', crv: 'P-256', x: 1, y: 2 };
    case 'missing-y':
      return { kty: 'EC', crv: 'P-256', x };
    case 'rsa':
      return { kty: 'RSA', n: x, e: 'AQAB' };
    case 'none':
      return undefined;
  }
}

/** Whether a credential may plausibly be issued for this proof (the rest is the server's call). */
const proofCouldBeValid = (p: ProofSpec) => p.kind === 'jwt' && p.signature === 'valid' && p.nonce === 'fresh' && p.alg === 'ES256' && p.typ === 'openid4vci-proof+jwt';

async function buildProof(spec: ProofSpec): Promise<string> {
  if (spec.kind === 'garbage') return spec.value;
  const now = Math.floor(Date.now() / 1000);
  const header: Record<string, unknown> = {};
  if (spec.alg !== undefined) header.alg = spec.alg;
  if (spec.typ !== undefined) header.typ = spec.typ;
  const jwk = jwkFor(spec.jwk);
  if (jwk !== undefined) header.jwk = jwk;
  const fullHeader = withKeys(header, spec.extraHeader);

  const payload: Record<string, unknown> = {};
  const aud = { issuer: server.url, 'issuer-slash': `${server.url}/`, array: [server.url, 'https://other.example'], other: 'https://issuer.example', missing: undefined, number: 42 }[spec.aud];
  if (aud !== undefined) payload.aud = aud;
  const iat = { now, stale: now - 3_600, future: now + 3_600, string: String(now), missing: undefined, huge: 1e20, negative: -1 }[spec.iat];
  if (iat !== undefined) payload.iat = iat;
  if (spec.nonce === 'fresh') {
    payload.nonce = await freshNonce();
    lastNonce = payload.nonce as string;
  } else if (spec.nonce === 'used') payload.nonce = spentNonce || 'never-issued';
  else if (spec.nonce === 'random') payload.nonce = b64u(randomBytes(32));
  else if (spec.nonce === 'number') payload.nonce = 12345;
  else if (spec.nonce === 'empty') payload.nonce = '';

  const jwt = await signJws(deviceKey.privateKey, fullHeader, payload);
  const [h, p, s] = jwt.split('.') as [string, string, string];
  switch (spec.signature) {
    case 'valid':
      return jwt;
    case 'garbage':
      return `${h}.${p}.${b64u(randomBytes(64))}`;
    case 'empty':
      return `${h}.${p}.`;
    case 'truncated':
      return `${h}.${p}.${s.slice(0, 40)}`;
    case 'swapped-payload':
      return `${h}.${b64u(JSON.stringify({ ...payload, aud: 'https://swapped.example' }))}.${s}`;
    case 'extra-segment':
      return `${jwt}.${s}`;
  }
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startCounter();
  const url = new URL(server.url);
  host = url.hostname;
  port = Number(url.port);
  mdlId = await configurationId(server, MDL_DOCTYPE);
  pidId = await configurationId(server, PID_DOCTYPE);
  issuerToken = (await managementJson<{ token: string }>('POST', '/v1/counter/api-tokens', { name: 'fuzz issuer', role: 'issuer' })).token;
  iacaPem = ((await send({ method: 'GET', path: '/v1/mdoc/iacas' })).json as { iacas: { certificatePem: string }[] }).iacas[0]!.certificatePem;
  deviceKey = await generateDeviceKey();
  otherKey = await generateDeviceKey();
  // A configuration the fuzzer may replace and delete.
  const own = await managementJson<{ id: string }>('POST', '/v2/credentials/mobile/configurations', {
    type: 'org.fuzz.card.1',
    claimMappings: { 'org.fuzz.card.1': { member: { mapFrom: 'claims.member', required: true, type: 'string' } } },
    expiresIn: { years: 1 },
  });
  ownConfigIds.push(own.id);
  // Offers with real codes to redeem: numeric, text and no tx_code, by value and by reference.
  for (let i = 0; i < 24; i++) {
    const variant = i % 4;
    const { offer } = await newOffer(
      variant === 0 ? {} : variant === 1 ? { transactionCodeConfiguration: { inputMode: 'text' } } : variant === 2 ? { transactionCodeConfiguration: undefined } : { offerBy: 'reference' },
    );
    offers.push(offer);
  }
  for (let i = 0; i < 8; i++) managementOfferIds.push((await newOffer()).offer.id);
}, 60_000);

let stopped = false;
afterAll(async () => {
  agent.destroy();
  if (server) {
    if (!stopped) await server.stop();
    removeDataDir(server.dataDir);
  }
});

describe('fuzzing every endpoint', () => {
  it(
    'management routes: arbitrary methods, ids, queries, bodies, content types and credentials',
    async () => {
      type Resource =
        | 'offers'
        | 'offer'
        | 'offerEvents'
        | 'codeOffers'
        | 'codeOffer'
        | 'authorizations'
        | 'authorizationEvents'
        | 'approve'
        | 'reject'
        | 'configs'
        | 'config'
        | 'events'
        | 'apiTokens'
        | 'apiToken'
        | 'settings';
      // Which methods exist and which role they need (DESIGN §3; HEAD is answered like GET).
      const routes: Record<Resource, Partial<Record<string, 'issuer' | 'admin'>>> = {
        offers: { GET: 'issuer', POST: 'issuer' },
        offer: { GET: 'issuer', DELETE: 'issuer' },
        offerEvents: { GET: 'issuer' },
        codeOffers: { GET: 'issuer', POST: 'issuer' },
        codeOffer: { DELETE: 'issuer' },
        authorizations: { GET: 'issuer' },
        authorizationEvents: { GET: 'issuer' },
        approve: { POST: 'issuer' },
        reject: { POST: 'issuer' },
        configs: { GET: 'issuer', POST: 'admin' },
        config: { GET: 'issuer', PUT: 'admin', DELETE: 'admin' },
        events: { GET: 'admin' },
        apiTokens: { GET: 'admin', POST: 'admin' },
        apiToken: { DELETE: 'admin' },
        settings: { GET: 'issuer' },
      };
      const offerIds = managementOfferIds;
      const idArb = (pool: () => string[]) =>
        fc.oneof(
          { arbitrary: fc.uuid(), weight: 3 },
          { arbitrary: fc.nat().map((i) => pool()[i % Math.max(1, pool().length)] ?? crypto.randomUUID()), weight: 3 },
          { arbitrary: nastyShort.filter((s) => s !== ''), weight: 3 },
          { arbitrary: fc.constantFrom('..', '.', '%00', '%zz', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', mdlId.toUpperCase(), `${mdlId}.json`), weight: 1 },
        );
      const target = fc.oneof(
        fc.record({ resource: fc.constant<Resource>('offers'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('offer'), id: idArb(() => offerIds) }),
        fc.record({ resource: fc.constant<Resource>('offerEvents'), id: idArb(() => offerIds) }),
        fc.record({ resource: fc.constant<Resource>('codeOffers'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('codeOffer'), id: idArb(() => ownCodeOfferIds) }),
        fc.record({ resource: fc.constant<Resource>('authorizations'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('authorizationEvents'), id: fc.constant('') }),
        fc.record({ resource: fc.constantFrom<Resource>('approve', 'reject'), id: idArb(() => []) }),
        fc.record({ resource: fc.constant<Resource>('configs'), id: fc.constant('') }),
        // The seeded configurations only for reading: replacing or deleting them would break the final flow.
        fc.record({ resource: fc.constant<Resource>('config'), id: fc.oneof(idArb(() => ownConfigIds), fc.constantFrom(mdlId, pidId)) }),
        fc.record({ resource: fc.constant<Resource>('events'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('apiTokens'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('apiToken'), id: idArb(() => ownApiTokenIds) }),
        fc.record({ resource: fc.constant<Resource>('settings'), id: fc.constant('') }),
      );
      const codeOfferBody = mutated(fc.record({ credentials: fc.oneof(fc.constant([mdlId]), fc.array(nastyString, { maxLength: 3 })), request_parameters: fc.oneof(fc.record({ login_hint: nastyString, prompt: nastyString }, { requiredKeys: [] }), anyJson) }, { requiredKeys: ['credentials'] }));
      const approveBody = mutated(fc.record({ claims: fc.oneof(fc.constant<unknown>({ ...MDL_CLAIMS, family_name: 'Fuzz' }), anyJson) }));
      const bodies = fc.oneof(offerBodyArb(), configurationBodyArb(), apiTokenBodyArb(), codeOfferBody, approveBody, anyJson);
      const arb = fc.record({
        target,
        method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), weight: 8 }, { arbitrary: fc.constantFrom('PATCH', 'HEAD', 'OPTIONS'), weight: 1 }),
        rawId: fc.boolean(),
        query: queryArb(['status', 'limit', 'cursor', 'type']),
        auth: authArb(),
        contentType: contentTypeArb,
        body: bodyArb(bodies),
        extraHeaders: fc.dictionary(fc.constantFrom('x-forwarded-for', 'accept', 'accept-encoding', 'origin', 'cookie', 'x-request-id', 'expect'), fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(headerSafe), { maxKeys: 2 }),
      });

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          // Seeded configurations: read-only (see above).
          if (g.target.resource === 'config' && [mdlId, pidId].includes(g.target.id) && g.method !== 'GET' && g.method !== 'HEAD') return;
          const base = {
            offers: '/v1/openid/offers/pre-authorized',
            offer: '/v1/openid/offers/pre-authorized/',
            offerEvents: '/v1/openid/offers/pre-authorized/',
            codeOffers: '/v1/openid/offers',
            codeOffer: '/v1/openid/offers/',
            authorizations: '/v1/openid/authorizations',
            authorizationEvents: '/v1/openid/authorizations/events',
            approve: '/v1/openid/authorizations/',
            reject: '/v1/openid/authorizations/',
            configs: '/v2/credentials/mobile/configurations',
            config: '/v2/credentials/mobile/configurations/',
            events: '/v1/analytics/events',
            apiTokens: '/v1/counter/api-tokens',
            apiToken: '/v1/counter/api-tokens/',
            settings: '/v1/counter/settings',
          }[g.target.resource];
          const id = g.target.id === '' ? '' : segment(g.target.id, g.rawId);
          const suffix = { offerEvents: '/events', approve: '/approve', reject: '/reject' }[g.target.resource as string] ?? '';
          const path = `${base}${id}${suffix}${g.query}`;
          const headers: Record<string, string | string[]> = { ...g.extraHeaders };
          delete headers.expect; // 100-continue would make node wait for a go-ahead we never ask for
          if (g.auth.header !== undefined) headers.authorization = g.auth.header;
          if (g.contentType !== undefined) headers['content-type'] = headerSafe(g.contentType);
          const body = g.method === 'GET' || g.method === 'HEAD' ? undefined : renderBody(g.body.value === undefined ? { ...g.body, kind: 'none' } : g.body);
          const req: Sent = { method: g.method, path, headers, body, chunked: g.body.chunked };
          const res = await send(req);
          // An id that URL parsing turns into something else ("..", "%2e") lands on another route,
          // maybe of the other family; as does a code offer id that names one (…/offers/pre-authorized).
          if (/^(\.|%2e){1,2}$/i.test(id) || (g.target.resource === 'codeOffer' && /^pre-authorized$/i.test(g.target.id))) {
            checkCommon(req, res);
            if (res.status >= 400 && g.method !== 'HEAD' && !isManagementErrorBody(res.json) && !isOAuthErrorBody(res.json)) fail('an error in neither documented shape', req, res);
            return;
          }
          checkManagement(req, res);

          const lookup = g.method === 'HEAD' ? 'GET' : g.method;
          const needs = routes[g.target.resource][lookup];
          if (needs === undefined) {
            // Usually 404, but another route may match (DELETE …/pre-authorized is DELETE /v1/openid/offers/{id}).
            if (res.status < 300) fail('a success from a method or route that does not exist', req, res);
            return;
          }
          if (g.auth.kind === 'none' || g.auth.kind === 'invalid') {
            if (res.status !== 401) fail('a request without a known token must be 401', req, res);
            return;
          }
          if (needs === 'admin' && g.auth.kind !== 'admin') {
            if (res.status !== 403) fail('an issuer token on an admin route must be 403', req, res);
            return;
          }
          if (res.status >= 300 || g.method === 'HEAD') return;

          // A success: plausible, and in its documented shape.
          const sentJson = g.body.kind === 'json' || g.body.kind === 'bom';
          const json = res.json as Record<string, unknown> | undefined;
          const route = `${lookup} ${g.target.resource}`;
          switch (route) {
            case 'POST offers':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value)) fail('implausible offer creation', req, res);
              if (typeof json?.id !== 'string' || typeof json.uri !== 'string' || !json.uri.startsWith('openid-credential-offer://') || Number.isNaN(Date.parse(String(json.expiresAt))))
                fail('offer creation answer is not {id, uri, expiresAt}', req, res);
              break;
            case 'POST configs':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value) || typeof json?.id !== 'string') fail('implausible configuration creation', req, res);
              ownConfigIds.push(json!.id as string);
              break;
            case 'PUT config':
              if (res.status !== 200 || !sentJson || !isObject(g.body.value) || !ownConfigIds.includes(g.target.id.toLowerCase()) || String(json?.id).toLowerCase() !== g.target.id.toLowerCase())
                fail('implausible configuration replacement', req, res);
              break;
            case 'POST codeOffers':
              if (res.status !== 201 || !sentJson || typeof json?.id !== 'string' || typeof json.uri !== 'string' || !json.uri.startsWith('openid-credential-offer://')) fail('implausible code offer creation', req, res);
              ownCodeOfferIds.push(json!.id as string);
              break;
            case 'POST approve':
            case 'POST reject':
              fail('a decision on an authorization that never existed', req, res);
              break;
            case 'GET authorizationEvents':
              if (res.status !== 200 || !String(res.headers['content-type']).includes('text/event-stream')) fail('implausible authorization stream', req, res);
              break;
            case 'POST apiTokens':
              if (res.status !== 201 || !sentJson || typeof json?.token !== 'string' || typeof json.id !== 'string') fail('implausible API token creation', req, res);
              ownApiTokenIds.push(json!.id as string);
              break;
            case 'DELETE offer':
            case 'DELETE codeOffer':
            case 'DELETE config':
            case 'DELETE apiToken':
              if (res.status !== 204) fail('a delete answers 204', req, res);
              if (![...offerIds, ...ownCodeOfferIds, ...ownConfigIds, ...ownApiTokenIds].includes(g.target.id.toLowerCase())) fail('deleted something that never existed', req, res);
              break;
            case 'GET offer':
            case 'GET config':
              if (res.status !== 200 || String(json?.id).toLowerCase() !== g.target.id.toLowerCase()) fail('a read answers the thing asked for', req, res);
              if (json && 'claims' in json) fail('an offer read carries claims', req, res);
              break;
            case 'GET offerEvents':
              if (res.status !== 200 || !offerIds.includes(g.target.id.toLowerCase()) || !String(res.headers['content-type']).includes('text/event-stream')) fail('implausible status stream', req, res);
              break;
            case 'GET settings':
              if (res.status !== 200 || !isObject(json)) fail('settings are an object', req, res);
              break;
            default:
              // The lists.
              if (res.status !== 200 || !Array.isArray(json?.data)) fail('a list answers {data: [...]}', req, res);
          }
        }),
        { numRuns: 2_000 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'token endpoint: arbitrary forms, repeated keys, real and garbled codes and transaction codes',
    async () => {
      const realOffer = fc.constantFrom(...offers);
      const garble = (s: string) =>
        fc.constantFrom(`${s} `, ` ${s}`, s.slice(1), `${s}=`, s.toUpperCase(), encodeURIComponent(s), `${s}\u0000`, s.replace(/./, 'A'), `${s}${s}`);
      const codeArb = realOffer.chain((o) => fc.oneof({ arbitrary: fc.constant(o.code), weight: 3 }, { arbitrary: garble(o.code), weight: 2 }, { arbitrary: nastyShort, weight: 1 }));
      const key = fc.oneof(
        { arbitrary: fc.constantFrom('grant_type', 'pre-authorized_code', 'tx_code', 'user_pin', 'client_id', 'scope', 'authorization_details', 'code', 'redirect_uri'), weight: 6 },
        { arbitrary: fc.constantFrom('__proto__', 'constructor', 'GRANT_TYPE', 'grant_type ', ''), weight: 1 },
        { arbitrary: nastyShort, weight: 1 },
      );
      const value = fc.oneof(
        fc.constantFrom(PRE_AUTH_GRANT, 'authorization_code', 'refresh_token', `${PRE_AUTH_GRANT} `, PRE_AUTH_GRANT.toUpperCase()),
        codeArb,
        fc.constantFrom('123456', '000000', 'ABCDEF', '', '1e5', '１２３４５６'),
        nastyShort,
      );
      // Near-valid: a real code with its right or a wrong tx_code, maybe with extra or repeated parameters.
      const nearValid = fc
        .tuple(realOffer, fc.constantFrom('right', 'wrong', 'missing', 'user_pin', 'garbled'), fc.array(fc.tuple(key, value), { maxLength: 2 }), fc.boolean())
        .chain(([o, tx, extra, garbleCode]) =>
          (garbleCode ? garble(o.code) : fc.constant(o.code)).map((code) => {
            const entries: [string, string][] = [['grant_type', PRE_AUTH_GRANT], ['pre-authorized_code', code]];
            if (tx === 'right' && o.txCode) entries.push(['tx_code', o.txCode]);
            if (tx === 'user_pin' && o.txCode) entries.push(['user_pin', o.txCode]);
            if (tx === 'wrong') entries.push(['tx_code', o.txCode === '100000' ? '100001' : '100000']);
            if (tx === 'garbled' && o.txCode) entries.push(['tx_code', ` ${o.txCode}`]);
            return [...entries, ...extra];
          }),
        );
      const arb = fc.record({
        entries: fc.oneof({ arbitrary: nearValid, weight: 3 }, { arbitrary: fc.array(fc.tuple(key, value), { maxLength: 6 }), weight: 2 }),
        encoding: fc.oneof({ arbitrary: fc.constant('form' as const), weight: 8 }, { arbitrary: fc.constantFrom('raw' as const, 'json' as const, 'huge' as const), weight: 1 }),
        contentType: fc.oneof(
          { arbitrary: fc.constant<string | undefined>('application/x-www-form-urlencoded'), weight: 8 },
          { arbitrary: fc.constantFrom(undefined, 'application/x-www-form-urlencoded; charset=utf-8', 'APPLICATION/X-WWW-FORM-URLENCODED', 'application/json', 'text/plain', 'multipart/form-data; boundary=x'), weight: 2 },
        ),
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 12 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 }),
        query: fc.oneof({ arbitrary: fc.constant(''), weight: 6 }, { arbitrary: queryArb(['grant_type', 'pre-authorized_code', 'tx_code']), weight: 1 }),
        auth: fc.option(fc.constantFrom('Basic Zm9vOmJhcg==', 'Bearer x', 'DPoP abc'), { freq: 4 }),
        chunked: fc.boolean(),
        source: fc.integer({ min: 2, max: 41 }),
      });

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          let body: string;
          if (g.encoding === 'form') body = g.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
          else if (g.encoding === 'raw') body = g.entries.map(([k, v]) => `${k}=${v}`).join('&');
          else if (g.encoding === 'json') body = JSON.stringify(Object.fromEntries(g.entries));
          else body = `grant_type=${'a'.repeat(600 * 1024)}`;
          const headers: Record<string, string> = {};
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          if (g.auth) headers.authorization = g.auth;
          const req: Sent = {
            method: g.method,
            path: `/v1/oauth/token${g.query}`,
            headers,
            body: g.method === 'GET' || g.method === 'HEAD' ? undefined : body,
            chunked: g.chunked,
            localAddress: `127.0.0.${g.source}`,
          };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            // Plausible only for one well-formed pre-authorized grant with a real code and its tx_code.
            const params = g.encoding === 'form' || g.encoding === 'raw' ? new URLSearchParams(body) : undefined;
            const names = params ? [...params.keys()] : [];
            const code = params?.get('pre-authorized_code');
            const offer = offers.find((o) => o.code === code);
            const tx = params?.get('tx_code') ?? params?.get('user_pin') ?? undefined;
            const plausible =
              g.method === 'POST' &&
              /^application\/x-www-form-urlencoded\b/i.test(g.contentType ?? '') &&
              params !== undefined &&
              new Set(names).size === names.length &&
              params.get('grant_type') === PRE_AUTH_GRANT &&
              offer !== undefined &&
              (offer.txCode === undefined ? !tx : tx === offer.txCode);
            if (!plausible) fail('a token for a request that should not get one', req, res);
            const json = res.json as Record<string, unknown>;
            if (res.status !== 200 || typeof json.access_token !== 'string' || json.token_type !== 'Bearer' || typeof json.expires_in !== 'number') fail('token response shape', req, res);
            if (redeemedCodes.has(code!)) fail('a second token for one pre-authorized code', req, res);
            if (res.headers['cache-control'] !== 'no-store') fail('a token response must not be cached', req, res);
            redeemedCodes.add(code!);
            tokens.push({ token: json.access_token as string });
          }
        }),
        { numRuns: 1_000 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'credential endpoint: arbitrary bodies and near-valid requests with real tokens and garbled proofs',
    async () => {
      // Access tokens to spend: each one gets at most one credential.
      for (let i = 0; i < 40; i++) {
        const { offer } = await newOffer(i % 3 === 0 ? { transactionCodeConfiguration: undefined } : {});
        tokens.push({ token: await redeem(offer) });
      }
      const issued = new Set<string>();
      const tokenArb = fc.constantFrom(...tokens.map((t) => t.token));
      const auth = fc.oneof(
        { arbitrary: tokenArb.map((t) => ({ header: `Bearer ${t}`, token: t as string | undefined })), weight: 10 },
        // RFC 7235: the scheme is case-insensitive, so this one may work too.
        { arbitrary: tokenArb.map((t) => ({ header: `bearer ${t}`, token: t as string | undefined })), weight: 1 },
        {
          arbitrary: fc
            .oneof(
              tokenArb.map((t) => `DPoP ${t}`),
              tokenArb.map((t) => `Bearer ${t.slice(1)}`),
              fc.constantFrom('Bearer', 'Bearer ', `Bearer ${server.adminToken}`, `Bearer ${issuerToken}`, 'Basic eDp5'),
              nastyShort.map(headerSafe),
            )
            .map((header) => ({ header: header as string | undefined, token: undefined as string | undefined })),
          weight: 2,
        },
        { arbitrary: fc.constant({ header: undefined as string | undefined, token: undefined as string | undefined }), weight: 1 },
      );
      const target: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
        { arbitrary: fc.constant<Record<string, unknown>>({ credential_configuration_id: mdlId }), weight: 6 },
        { arbitrary: fc.constant<Record<string, unknown>>({ format: 'mso_mdoc', doctype: MDL_DOCTYPE }), weight: 2 },
        {
          arbitrary: fc.oneof(
            fc.record({ credential_configuration_id: fc.oneof(fc.constantFrom(pidId, mdlId.toUpperCase(), '', 'org.iso.18013.5.1.mDL'), nastyString, anyJson) }),
            fc.record({ format: fc.oneof(fc.constantFrom('mso_mdoc', 'jwt_vc_json', 'dc+sd-jwt', ''), anyJson), doctype: fc.oneof(fc.constantFrom(MDL_DOCTYPE, PID_DOCTYPE, ''), nastyString, anyJson) }, { requiredKeys: [] }),
            fc.record({ credential_identifier: fc.oneof(nastyString, anyJson) }),
            fc.record({ credential_configuration_id: fc.constant(mdlId), format: fc.constant('mso_mdoc'), doctype: fc.constant(PID_DOCTYPE) }),
          ),
          weight: 2,
        },
      );
      type ProofShape = 'proofs' | 'proof' | 'both' | 'two-proofs' | 'proofs-not-array' | 'other-type' | 'none' | 'proof-type-other';
      const arb = fc.record({
        auth,
        target,
        proofShape: fc.oneof({ arbitrary: fc.constantFrom<ProofShape>('proofs', 'proof'), weight: 8 }, { arbitrary: fc.constantFrom<ProofShape>('both', 'two-proofs', 'proofs-not-array', 'other-type', 'none', 'proof-type-other'), weight: 2 }),
        proof: proofSpecArb,
        extra: fc.oneof({ arbitrary: fc.constant<[string, unknown][]>([]), weight: 6 }, { arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom('credential_response_encryption', '__proto__', 'constructor', 'proofs'), nastyString), anyJson), { maxLength: 2 }), weight: 1 }),
        raw: fc.oneof({ arbitrary: fc.constant<unknown>(undefined), weight: 8 }, { arbitrary: anyJson, weight: 1 }),
        contentType: fc.oneof({ arbitrary: fc.constant<string | undefined>('application/json'), weight: 10 }, { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/jwt', 'application/json; charset=utf-8'), weight: 1 }),
        bodyKind: fc.oneof({ arbitrary: fc.constant<BodyKind>('json'), weight: 20 }, { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'bom', 'huge'), weight: 1 }),
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 20 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'), weight: 1 }),
        cut: fc.nat(),
      });

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          let body: unknown = g.raw;
          const proof = body === undefined && g.proofShape !== 'none' && g.proofShape !== 'other-type' ? await buildProof(g.proof) : 'x';
          if (body === undefined) {
            const shape: Record<ProofShape, Record<string, unknown>> = {
              proofs: { proofs: { jwt: [proof] } },
              proof: { proof: { proof_type: 'jwt', jwt: proof } },
              both: { proofs: { jwt: [proof] }, proof: { proof_type: 'jwt', jwt: proof } },
              'two-proofs': { proofs: { jwt: [proof, proof] } },
              'proofs-not-array': { proofs: { jwt: proof } },
              'other-type': { proofs: { ldp_vp: [{}] } },
              'proof-type-other': { proof: { proof_type: 'cwt', cwt: proof } },
              none: {},
            };
            body = withKeys({ ...g.target, ...shape[g.proofShape] }, g.extra);
          }
          const rendered = renderBody({ kind: g.bodyKind, value: body, cut: g.cut, bytes: new Uint8Array([1, 2]), chunked: false });
          const headers: Record<string, string> = {};
          if (g.auth.header !== undefined) headers.authorization = g.auth.header;
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          const req: Sent = { method: g.method, path: '/v1/openid/credential', headers, body: g.method === 'GET' ? undefined : rendered };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            const plausible =
              g.method === 'POST' &&
              g.auth.token !== undefined &&
              g.raw === undefined &&
              (g.target.credential_configuration_id === mdlId || (g.target.credential_configuration_id === undefined && g.target.format === 'mso_mdoc' && g.target.doctype === MDL_DOCTYPE)) &&
              !g.extra.some(([key]) => ['proof', 'proofs', 'credential_response_encryption', 'credential_configuration_id', 'format', 'doctype'].includes(key)) &&
              ['proofs', 'proof'].includes(g.proofShape) &&
              proofCouldBeValid(g.proof) &&
              (g.bodyKind === 'json' || g.bodyKind === 'bom');
            if (!plausible) fail('a credential for a request that should not get one', req, res);
            if (issued.has(g.auth.token!)) fail('a second credential for one access token and configuration', req, res);
            issued.add(g.auth.token!);
            const json = res.json as { credentials?: { credential?: unknown }[]; notification_id?: unknown };
            const credential = json.credentials?.[0]?.credential;
            if (res.status !== 200 || typeof credential !== 'string' || typeof json.notification_id !== 'string') fail('credential response shape', req, res);
            // The mDoc verifies and is bound to the key that signed the proof.
            const verified = await verifyIssuerSigned(new Uint8Array(Buffer.from(credential as string, 'base64url')), { trustedIacaPems: [iacaPem], docType: MDL_DOCTYPE });
            if (verified.deviceKeyJwk.x !== deviceKey.publicJwk.x || verified.deviceKeyJwk.y !== deviceKey.publicJwk.y) fail('the mDoc is bound to another key than the proof’s', req, res);
            tokens.find((t) => t.token === g.auth.token)!.notificationId = json.notification_id as string;
            spentNonce = lastNonce;
          }
        }),
        { numRuns: 600 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'notification endpoint: arbitrary bodies, real and foreign notification ids',
    async () => {
      // Make sure some tokens have a credential (and so a notification id).
      for (let i = 0; i < 6; i++) {
        const { uri, offer } = await newOffer();
        const result = await receiveCredential(uri, { txCode: offer.txCode });
        redeemedCodes.add(offer.code);
        tokens.push({ token: result.accessToken, notificationId: result.notificationId });
      }
      const withIds = tokens.filter((t) => t.notificationId);
      const tokenArb = fc.constantFrom(...withIds, ...tokens.slice(0, 5));
      const arb = fc.record({
        token: fc.oneof({ arbitrary: tokenArb.map((t) => t as PoolToken | undefined), weight: 6 }, { arbitrary: fc.constant(undefined), weight: 1 }),
        authGarble: fc.oneof({ arbitrary: fc.constant<string | undefined>(undefined), weight: 6 }, { arbitrary: fc.constantFrom('Bearer', 'Bearer x', `Bearer ${server.adminToken}`), weight: 1 }, { arbitrary: nastyShort.map(headerSafe), weight: 1 }),
        notificationId: fc.oneof(
          { arbitrary: fc.constant('own' as const), weight: 4 },
          { arbitrary: fc.constant('foreign' as const), weight: 1 },
          { arbitrary: fc.oneof(fc.uuid(), nastyString, anyJson), weight: 2 },
        ),
        event: fc.oneof({ arbitrary: fc.constantFrom('credential_accepted', 'credential_failure', 'credential_deleted'), weight: 6 }, { arbitrary: fc.oneof(fc.constantFrom('CREDENTIAL_ACCEPTED', 'credential_accepted '), nastyString, anyJson), weight: 2 }),
        description: fc.option(fc.oneof(nastyString, anyJson), { freq: 3 }),
        pollution,
        raw: fc.oneof({ arbitrary: fc.constant<unknown>(undefined), weight: 6 }, { arbitrary: anyJson, weight: 1 }),
        contentType: fc.oneof({ arbitrary: fc.constant<string | undefined>('application/json'), weight: 10 }, { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded'), weight: 1 }),
        bodyKind: fc.oneof({ arbitrary: fc.constant<BodyKind>('json'), weight: 20 }, { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'huge'), weight: 1 }),
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 20 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE'), weight: 1 }),
        cut: fc.nat(),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const foreign = withIds.find((t) => t.token !== g.token?.token)?.notificationId ?? 'none';
          const nid = g.notificationId === 'own' ? (g.token?.notificationId ?? 'none') : g.notificationId === 'foreign' ? foreign : g.notificationId;
          const value =
            g.raw !== undefined ? g.raw : withKeys({ notification_id: nid, event: g.event, ...(g.description !== null ? { event_description: g.description } : {}) }, g.pollution);
          const headers: Record<string, string> = {};
          const authorization = g.authGarble ?? (g.token ? `Bearer ${g.token.token}` : undefined);
          if (authorization !== undefined) headers.authorization = authorization;
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          const req: Sent = { method: g.method, path: '/v1/openid/notification', headers, body: g.method === 'GET' ? undefined : renderBody({ kind: g.bodyKind, value, cut: g.cut, bytes: new Uint8Array([0xff]), chunked: false }) };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            const plausible =
              g.method === 'POST' &&
              g.authGarble === undefined &&
              g.token?.notificationId !== undefined &&
              nid === g.token.notificationId &&
              g.raw === undefined &&
              ['credential_accepted', 'credential_failure', 'credential_deleted'].includes(g.event as string) &&
              g.bodyKind === 'json';
            if (!plausible || res.status !== 204) fail('implausible notification success', req, res);
          }
        }),
        { numRuns: 500 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'public wallet endpoints: nonce, metadata, IACAs and offers by reference, with any method, query and headers',
    async () => {
      const arb = fc.record({
        route: fc.oneof(
          fc.constantFrom('/v1/openid/nonce', '/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server', '/v1/mdoc/iacas', '/.well-known/openid-configuration', '/.well-known/'),
          fc.oneof({ arbitrary: fc.constantFrom(...references), weight: 2 }, { arbitrary: nastyShort.filter((s) => s !== ''), weight: 2 }, { arbitrary: fc.base64String({ minLength: 40, maxLength: 50 }), weight: 1 }).chain((ref) =>
            fc.boolean().map((raw) => `/v1/openid/credential-offers/${segment(ref, raw)}`),
          ),
          nastyShort.map((s) => `/.well-known/${enc(s)}`),
        ),
        method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'POST'), weight: 8 }, { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), weight: 1 }),
        query: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: queryArb(['format', 'lang', 'nonce']), weight: 1 }),
        headers: fc.dictionary(fc.constantFrom('authorization', 'content-type', 'accept', 'accept-language', 'dpop', 'if-none-match'), fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(headerSafe), { maxKeys: 3 }),
        body: bodyArb(anyJson),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const req: Sent = { method: g.method, path: `${g.route}${g.query}`, headers: g.headers, body: g.method === 'GET' || g.method === 'HEAD' ? undefined : renderBody(g.body) };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status >= 300 || g.method === 'HEAD') return;
          const json = res.json as Record<string, unknown> | undefined;
          const path = g.route;
          if (path === '/v1/openid/nonce') {
            if (g.method !== 'POST' || typeof json?.c_nonce !== 'string' || res.headers['cache-control'] !== 'no-store') fail('nonce answer', req, res);
          } else if (path === '/.well-known/openid-credential-issuer') {
            if (g.method !== 'GET' || json?.credential_issuer !== server.url || !isObject(json.credential_configurations_supported)) fail('issuer metadata answer', req, res);
          } else if (path === '/.well-known/oauth-authorization-server') {
            if (g.method !== 'GET' || json?.issuer !== server.url || typeof json.token_endpoint !== 'string') fail('authorization server metadata answer', req, res);
          } else if (path === '/v1/mdoc/iacas') {
            if (g.method !== 'GET' || !Array.isArray(json?.iacas)) fail('IACA answer', req, res);
          } else if (path.startsWith('/v1/openid/credential-offers/')) {
            const reference = decodeURIComponent(path.slice('/v1/openid/credential-offers/'.length));
            if (g.method !== 'GET' || !references.includes(reference) || json?.credential_issuer !== server.url || !isObject(json.grants)) fail('implausible offer by reference', req, res);
          } else {
            fail('a success from a path that does not exist', req, res);
          }
        }),
        { numRuns: 800 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'any path, any method: a documented answer, never a 5xx, never a file outside the UI',
    async () => {
      const knownSegment = fc.constantFrom(
        'v1', 'v2', 'openid', 'oauth', 'token', 'nonce', 'credential', 'notification', 'offers', 'pre-authorized', 'credential-offers', '.well-known',
        'openid-credential-issuer', 'credentials', 'mobile', 'configurations', 'analytics', 'events', 'counter', 'api-tokens', 'settings', 'mdoc', 'iacas',
        'assets', 'index.html', '..', '.', '%2e%2e', '%2E%2E%2F', '..%2f', '%2F', '%00', '%zz', '%', '~', '@', '%5c..%5c', 'etc', 'passwd', 'authorize',
      );
      const seg = fc.oneof({ arbitrary: knownSegment, weight: 5 }, { arbitrary: fc.webSegment(), weight: 2 }, { arbitrary: nastyShort.map((s) => segment(s, false)), weight: 2 });
      const traversal = fc
        .tuple(fc.array(fc.constantFrom('..', '%2e%2e', '.%2e', '..%2f', '%2e%2e%2f', '..%5c', '%252e%252e'), { minLength: 3, maxLength: 9 }), fc.constantFrom(['etc', 'passwd'], ['etc%2fpasswd'], ['proc', 'self', 'environ'], ['proc%2fself%2fenviron']), fc.constantFrom([], ['assets'], ['v1']))
        .map(([up, file, start]) => [...start, ...up, ...file]);
      const arb = fc.record({
        segments: fc.oneof({ arbitrary: fc.array(seg, { minLength: 0, maxLength: 7 }), weight: 5 }, { arbitrary: traversal, weight: 1 }),
        doubleSlash: fc.boolean(),
        trailingSlash: fc.boolean(),
        query: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: queryArb(['a', 'limit']), weight: 1 }),
        method: fc.oneof(
          { arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 },
          { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'PURGE', 'REPORT'), weight: 3 },
        ),
        auth: fc.oneof({ arbitrary: fc.constant<string | undefined>(undefined), weight: 2 }, { arbitrary: fc.constant(`Bearer ${server.adminToken}`), weight: 2 }, { arbitrary: nastyShort.map(headerSafe), weight: 1 }),
        contentType: contentTypeArb,
        body: bodyArb(anyJson),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const path = `/${g.segments.join(g.doubleSlash ? '//' : '/')}${g.trailingSlash ? '/' : ''}${g.query}`;
          const headers: Record<string, string> = {};
          if (g.auth !== undefined) headers.authorization = g.auth;
          if (g.contentType !== undefined) headers['content-type'] = headerSafe(g.contentType);
          const req: Sent = { method: g.method, path, headers, body: g.method === 'GET' || g.method === 'HEAD' ? undefined : renderBody(g.body), localAddress: '127.0.0.200' };
          const res = await send(req);
          checkCommon(req, res);
          if (g.method === 'HEAD') return;
          const type = String(res.headers['content-type'] ?? '');
          // The authorization endpoint and its wait page talk to the holder's browser: HTML by design.
          const holderPage = g.method === 'GET' && /^\/v1\/oauth\/authorize(\/wait\/[^/?]*)?(\?|$)/.test(path) && type.includes('text/html');
          if (res.status >= 400 && !holderPage) {
            if (!type.includes('json') || !(isManagementErrorBody(res.json) || isOAuthErrorBody(res.json))) fail('an error in neither documented shape', req, res);
          } else if (!type.includes('json') && g.method !== 'GET') {
            fail('a non-JSON success to a non-GET request', req, res);
          }
        }),
        { numRuns: 1_500 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'configuration and offer lifecycles: odd claim mappings, defaults, replaced or deleted configurations, then issuance',
    async () => {
      const nameArb = fc.constantFrom('a', 'b', 'given', 'when', '__proto__', 'constructor', 'toString', 'x-y', '0');
      const valueFor: Record<(typeof claimTypes)[number], unknown> = {
        string: 'value',
        number: 42.5,
        boolean: true,
        date: '2020-02-29',
        dateTime: '2026-01-31T09:00:00+14:00',
        bytes: 'AAECAw==',
        array: [1, 'two', null, { three: 3 }],
        object: { nested: { deep: [true] } },
      };
      const fieldArb = fc.record({
        namespace: fc.constantFrom('org.fuzz.ns', 'org.fuzz.other'),
        element: fc.constantFrom('e1', 'e2', 'e3', 'e4', '__proto__', 'constructor'),
        path: fc.array(nameArb, { minLength: 1, maxLength: 2 }),
        type: fc.constantFrom(...claimTypes),
        required: fc.boolean(),
        defaultValue: fc.oneof({ arbitrary: fc.constant<unknown>(undefined), weight: 4 }, { arbitrary: fc.constant<unknown>('valid'), weight: 2 }, { arbitrary: anyJson, weight: 1 }),
        claim: fc.oneof({ arbitrary: fc.constant<unknown>('valid'), weight: 4 }, { arbitrary: fc.constant<unknown>(undefined), weight: 1 }, { arbitrary: anyJson, weight: 1 }),
      });
      type Field = typeof fieldArb extends fc.Arbitrary<infer T> ? T : never;
      const configOf = (fields: Field[]) => {
        const claimMappings: Record<string, Record<string, unknown>> = {};
        for (const f of fields) {
          const mapping = {
            mapFrom: `claims.${f.path.join('.')}`,
            required: f.required,
            type: f.type,
            ...(f.defaultValue === undefined ? {} : { defaultValue: f.defaultValue === 'valid' ? valueFor[f.type] : f.defaultValue }),
          };
          const ns = (claimMappings[f.namespace] ??= {});
          Object.defineProperty(ns, f.element, { value: mapping, enumerable: true, writable: true, configurable: true });
        }
        return { type: 'org.fuzz.lifecycle.1', claimMappings, expiresIn: { days: 30 } };
      };
      const claimsOf = (fields: Field[]) => {
        const claims: Record<string, unknown> = {};
        for (const f of fields) {
          if (f.claim === undefined) continue;
          let node: Record<string, unknown> = claims;
          f.path.forEach((key, i) => {
            if (i === f.path.length - 1) {
              Object.defineProperty(node, key, { value: f.claim === 'valid' ? valueFor[f.type] : f.claim, enumerable: true, writable: true, configurable: true });
            } else {
              const next = Object.prototype.hasOwnProperty.call(node, key) && isObject(node[key]) ? (node[key] as Record<string, unknown>) : {};
              Object.defineProperty(node, key, { value: next, enumerable: true, writable: true, configurable: true });
              node = next;
            }
          });
        }
        return claims;
      };
      const arb = fc.record({
        fields: fc.array(fieldArb, { minLength: 1, maxLength: 4 }),
        replacement: fc.option(fc.array(fieldArb, { minLength: 1, maxLength: 4 }), { freq: 3 }),
        deleteConfiguration: fc.boolean(),
        offerBy: fc.constantFrom('value', 'reference'),
        tx: fc.constantFrom('numeric', 'text', 'none'),
        draftRequest: fc.boolean(),
        event: fc.constantFrom('credential_accepted', 'credential_failure', 'credential_deleted'),
        cancelAtEnd: fc.boolean(),
      });
      const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
      const step = async (req: Sent, check: (req: Sent, res: Received) => void) => {
        const res = await send(req);
        check(req, res);
        return res;
      };

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const created = await step({ method: 'POST', path: '/v2/credentials/mobile/configurations', headers: admin, body: JSON.stringify(configOf(g.fields)) }, checkManagement);
          if (created.status !== 201) return;
          const configId = (created.json as { id: string }).id;
          const offer = await step(
            {
              method: 'POST',
              path: '/v1/openid/offers/pre-authorized',
              headers: admin,
              body: JSON.stringify({ credentials: [configId], claims: claimsOf(g.fields), offerBy: g.offerBy, ...(g.tx === 'none' ? {} : { transactionCodeConfiguration: { inputMode: g.tx } }) }),
            },
            checkManagement,
          );
          if (offer.status === 201) {
            const { id, uri, transactionCode } = offer.json as { id: string; uri: string; transactionCode?: number | string };
            if (g.replacement) {
              await step({ method: 'PUT', path: `/v2/credentials/mobile/configurations/${configId}`, headers: admin, body: JSON.stringify(configOf(g.replacement)) }, checkManagement);
            }
            const reference = new URL(uri).searchParams.get('credential_offer_uri');
            let code: string | undefined;
            if (reference) {
              const byRef = await step({ method: 'GET', path: new URL(reference).pathname }, checkWallet);
              code = (byRef.json as { grants?: Record<string, { 'pre-authorized_code': string }> }).grants?.[PRE_AUTH_GRANT]?.['pre-authorized_code'];
            } else {
              code = offerFromUri(uri).grants[PRE_AUTH_GRANT]?.['pre-authorized_code'];
            }
            const tokenRes = await step(
              {
                method: 'POST',
                path: '/v1/oauth/token',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: form({ grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': code ?? 'missing', ...(transactionCode !== undefined ? { tx_code: String(transactionCode) } : {}) }),
              },
              checkWallet,
            );
            if (g.deleteConfiguration) await step({ method: 'DELETE', path: `/v2/credentials/mobile/configurations/${configId}`, headers: admin }, checkManagement);
            if (tokenRes.status === 200) {
              const accessToken = (tokenRes.json as { access_token: string }).access_token;
              const jwt = await buildProof({ kind: 'jwt', typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk: 'canonical', extraHeader: [], aud: 'issuer', iat: 'now', nonce: 'fresh', signature: 'valid' });
              const request = g.draftRequest ? { format: 'mso_mdoc', doctype: 'org.fuzz.lifecycle.1', proof: { proof_type: 'jwt', jwt } } : { credential_configuration_id: configId, proofs: { jwt: [jwt] } };
              const credential = await step(
                { method: 'POST', path: '/v1/openid/credential', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(request) },
                checkWallet,
              );
              if (credential.status === 200) {
                const notificationId = (credential.json as { notification_id: string }).notification_id;
                await step(
                  { method: 'POST', path: '/v1/openid/notification', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ notification_id: notificationId, event: g.event }) },
                  checkWallet,
                );
              }
            }
            await step({ method: 'GET', path: `/v1/openid/offers/pre-authorized/${id}`, headers: admin }, checkManagement);
            if (g.cancelAtEnd) await step({ method: 'DELETE', path: `/v1/openid/offers/pre-authorized/${id}`, headers: admin }, checkManagement);
          }
          await step({ method: 'GET', path: `/v2/credentials/mobile/configurations/${configId}`, headers: admin }, checkManagement);
        }),
        { numRuns: 150 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'authorization code flow: code offers, authorize (direct and pushed), the wait page, the clerk’s decision, token and credential',
    async () => {
      const verifierArb = fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => s.replace(/[+/=]/g, 'A'));
      const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
      const redirectArb = fc.oneof(
        { arbitrary: fc.constant('https://wallet.example/cb'), weight: 12 },
        {
          arbitrary: fc.constantFrom('wallet://cb?x=1', 'http://127.0.0.1:1/cb', 'javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'https://wallet.example/cb#frag', 'not a url', '/relative', 'https://a.example/' + 'p'.repeat(1100), ''),
          weight: 2,
        },
        { arbitrary: nastyShort, weight: 1 },
      );
      const param = <T,>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<T | undefined>[]) =>
        fc.oneof({ arbitrary: valid as fc.Arbitrary<T | undefined>, weight: 15 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
      const codeOfferBody = fc.oneof(
        { arbitrary: fc.constant<unknown>({ credentials: [mdlId] }), weight: 4 },
        { arbitrary: fc.constant<unknown>({ credentials: [mdlId, pidId], request_parameters: { login_hint: 'desk 3', prompt: 'login' } }), weight: 1 },
        {
          arbitrary: mutated(
            fc.record({ credentials: fc.oneof(fc.constant([mdlId]), fc.array(nastyShort, { maxLength: 2 })), request_parameters: fc.oneof(fc.record({ login_hint: nastyString, prompt: nastyShort }, { requiredKeys: [] }), anyJson) }, { requiredKeys: ['credentials'] }),
          ),
          weight: 2,
        },
      );
      type Naming = 'issuer_state' | 'scope' | 'scope-id' | 'details' | 'none' | 'random-issuer-state' | 'revoked-issuer-state' | 'all';
      const arb = fc.record({
        codeOffer: codeOfferBody,
        naming: fc.oneof({ arbitrary: fc.constantFrom<Naming>('issuer_state', 'scope', 'scope-id', 'details'), weight: 6 }, { arbitrary: fc.constantFrom<Naming>('none', 'random-issuer-state', 'revoked-issuer-state', 'all'), weight: 2 }),
        responseType: param(fc.constant('code'), fc.constantFrom('token', 'code id_token', '', 'CODE'), fc.constant(undefined)),
        clientId: param(fc.constant('fuzz-wallet'), fc.constant(undefined), nastyShort, fc.constant('c'.repeat(300))),
        redirectUri: redirectArb,
        verifier: verifierArb,
        challenge: fc.oneof({ arbitrary: fc.constant('right'), weight: 8 }, { arbitrary: fc.constantFrom('short', 'missing', 'not-base64url'), weight: 1 }),
        method: param(fc.constant('S256'), fc.constantFrom('plain', 's256', ''), fc.constant(undefined)),
        state: fc.option(nastyShort, { freq: 2 }),
        scope: param(fc.constant(MDL_DOCTYPE), fc.constantFrom('openid', `${MDL_DOCTYPE} ${PID_DOCTYPE}`, 'unknown.doc', '', `openid ${MDL_DOCTYPE}`), nastyShort),
        details: param(
          fc.constant(JSON.stringify([{ type: 'openid_credential', credential_configuration_id: mdlId }])),
          fc.oneof(fc.constantFrom('[]', '{}', 'not json', '[{"type":"openid_credential"}]', '[{"type":"x"}]', 'null', '[{"type":"openid_credential","doctype":"org.iso.18013.5.1.mDL"}]'), anyJson.map((v) => JSON.stringify(v) ?? '')),
        ),
        pushed: fc.oneof({ arbitrary: fc.constantFrom('no', 'yes'), weight: 6 }, { arbitrary: fc.constantFrom('yes-wrong-client', 'yes-garbled', 'yes-twice'), weight: 1 }),
        decision: fc.oneof({ arbitrary: fc.constant('approve'), weight: 6 }, { arbitrary: fc.constantFrom('approve-bad-claims', 'reject', 'approve-twice', 'none'), weight: 2 }),
        tokenCode: fc.oneof({ arbitrary: fc.constant('right'), weight: 8 }, { arbitrary: fc.constantFrom('garbled', 'missing'), weight: 1 }),
        tokenVerifier: fc.oneof({ arbitrary: fc.constant('right'), weight: 8 }, { arbitrary: fc.constantFrom('wrong', 'missing'), weight: 1 }),
        tokenRedirect: fc.oneof({ arbitrary: fc.constant('same'), weight: 8 }, { arbitrary: fc.constantFrom('other', 'missing'), weight: 1 }),
        tokenClient: fc.oneof({ arbitrary: fc.constantFrom('absent', 'same'), weight: 8 }, { arbitrary: fc.constant('other'), weight: 1 }),
        handleGarble: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
        source: fc.integer({ min: 150, max: 170 }),
      });
      const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
      const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
      const forbiddenScheme = /^(javascript|data|vbscript|file|blob|about):/i;
      /** authorize and its wait page: a redirect, a page for the holder, or (JSON) an error of the wallet family. */
      const checkHolderPage = (req: Sent, res: Received) => {
        checkCommon(req, res);
        const type = String(res.headers['content-type'] ?? '');
        if (![200, 303, 400, 404, 429].includes(res.status)) fail(`undocumented authorization page status ${res.status}`, req, res);
        if (res.status === 303) {
          const location = String(res.headers.location ?? '');
          if (location === '' || forbiddenScheme.test(location.trim())) fail('a redirect to nowhere or to a dangerous scheme', req, res);
        } else if (!type.includes('text/html') && !(res.status >= 400 && isOAuthErrorBody(res.json))) {
          fail('an authorization page that is neither HTML nor a documented error', req, res);
        }
      };
      let run = 0;

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          run += 1;
          const clientId = g.clientId === 'fuzz-wallet' ? `fuzz-wallet-${run}` : g.clientId;
          let issuerState: string | undefined;
          if (['issuer_state', 'revoked-issuer-state', 'all'].includes(g.naming)) {
            const req: Sent = { method: 'POST', path: '/v1/openid/offers', headers: admin, body: JSON.stringify(g.codeOffer) };
            const res = await send(req);
            checkManagement(req, res);
            if (res.status === 201) {
              const created = res.json as { id?: unknown; uri?: unknown };
              const offer = JSON.parse(new URL(String(created.uri)).searchParams.get('credential_offer') ?? '{}') as { grants?: { authorization_code?: { issuer_state?: string } } };
              issuerState = offer.grants?.authorization_code?.issuer_state;
              if (typeof created.id !== 'string' || typeof issuerState !== 'string') fail('a code offer without id or issuer_state', req, res);
              if (g.naming === 'revoked-issuer-state') {
                const revoke: Sent = { method: 'DELETE', path: `/v1/openid/offers/${created.id}`, headers: admin };
                const revoked = await send(revoke);
                checkManagement(revoke, revoked);
                if (revoked.status !== 204) fail('a new code offer could not be revoked', revoke, revoked);
              }
            }
          }
          const params: Record<string, string> = {};
          const set = (key: string, value: string | undefined | null) => {
            if (value !== undefined && value !== null) params[key] = value;
          };
          set('response_type', g.responseType);
          set('client_id', clientId);
          set('redirect_uri', g.redirectUri);
          set('code_challenge', { right: challengeOf(g.verifier), short: 'abc', missing: undefined, 'not-base64url': `${challengeOf(g.verifier).slice(1)}+` }[g.challenge]);
          set('code_challenge_method', g.method);
          set('state', g.state);
          if (['scope', 'all'].includes(g.naming)) set('scope', g.scope);
          if (g.naming === 'scope-id') set('scope', mdlId);
          if (['details', 'all'].includes(g.naming)) set('authorization_details', g.details);
          if (['issuer_state', 'revoked-issuer-state', 'all'].includes(g.naming)) set('issuer_state', issuerState);
          if (g.naming === 'random-issuer-state') set('issuer_state', b64u(randomBytes(32)));
          const query = (p: Record<string, string>) => Object.entries(p).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');

          let authorizeQuery = query(params);
          if (g.pushed !== 'no') {
            const req: Sent = { method: 'POST', path: '/v1/oauth/par', headers: formHeaders, body: query(params) };
            const res = await send(req);
            checkWallet(req, res);
            const requestUri = (res.json as { request_uri?: unknown } | undefined)?.request_uri;
            if (res.status === 201 && typeof requestUri === 'string') {
              const uri = g.pushed === 'yes-garbled' ? `${requestUri}x` : requestUri;
              authorizeQuery = query({ client_id: g.pushed === 'yes-wrong-client' ? 'someone-else' : (clientId ?? ''), request_uri: uri });
              if (g.pushed === 'yes-twice') {
                const once = { method: 'GET', path: `/v1/oauth/authorize?${authorizeQuery}` };
                checkHolderPage(once, await send(once));
              }
            } else if (res.status < 300) {
              fail('a pushed request accepted without a request_uri', req, res);
            }
          }
          const authReq: Sent = { method: 'GET', path: `/v1/oauth/authorize?${authorizeQuery}` };
          const authRes = await send(authReq);
          checkHolderPage(authReq, authRes);
          const location = String(authRes.headers.location ?? '');
          const waitPrefix = '/v1/oauth/authorize/wait/';
          if (authRes.status !== 303 || !location.startsWith(waitPrefix)) return;
          const handle = location.slice(waitPrefix.length);
          const waitPath = `${waitPrefix}${g.handleGarble ? `${handle}x` : handle}`;
          const wait1: Sent = { method: 'GET', path: waitPath };
          checkHolderPage(wait1, await send(wait1));

          // The clerk: find the request, then decide.
          const listReq: Sent = { method: 'GET', path: '/v1/openid/authorizations?status=pending&limit=1000', headers: admin };
          const list = await send(listReq);
          checkManagement(listReq, list);
          const pending = ((list.json as { data?: { id: string; clientId: string; credentials: string[] }[] }).data ?? []).find((a) => a.clientId === clientId);
          if (!pending) {
            // A client_id that is not valid UTF-8 once percent-decoded is kept as sent; only ours must be found.
            if (g.clientId === 'fuzz-wallet') fail('an authorization that is waiting is not listed', listReq, list);
            return;
          }
          const claims = pending!.credentials.includes(mdlId) && pending!.credentials.length === 1 ? FUZZ_CLAIMS : {};
          const decide = async (action: 'approve' | 'reject', body: unknown) => {
            const req: Sent = { method: 'POST', path: `/v1/openid/authorizations/${pending!.id}/${action}`, headers: admin, body: JSON.stringify(body) };
            const res = await send(req);
            checkManagement(req, res);
            return res;
          };
          if (g.decision === 'approve' || g.decision === 'approve-twice') await decide('approve', { claims });
          if (g.decision === 'approve-twice') {
            const again = await decide('approve', { claims });
            if (again.status < 300) fail('an authorization approved twice', { method: 'POST', path: `/v1/openid/authorizations/${pending!.id}/approve` }, again);
          }
          if (g.decision === 'approve-bad-claims') await decide('approve', { claims: { ...claims, birth_date: 'yesterday' }, extra: 1 });
          if (g.decision === 'reject') await decide('reject', {});

          const wait2: Sent = { method: 'GET', path: waitPath };
          const back = await send(wait2);
          checkHolderPage(wait2, back);
          if (back.status !== 303) return;
          const returned = new URL(String(back.headers.location));
          if (!String(back.headers.location).startsWith(g.redirectUri.split('?')[0]!)) fail('redirected somewhere other than the redirect_uri', wait2, back);
          const code = returned.searchParams.get('code');
          if (!code) return;

          const tokenParams: Record<string, string> = { grant_type: 'authorization_code' };
          if (g.tokenCode !== 'missing') tokenParams.code = g.tokenCode === 'right' ? code : flipLast(code);
          if (g.tokenVerifier !== 'missing') tokenParams.code_verifier = g.tokenVerifier === 'right' ? g.verifier : flipLast(g.verifier);
          if (g.tokenRedirect !== 'missing') tokenParams.redirect_uri = g.tokenRedirect === 'same' ? g.redirectUri : 'https://other.example/cb';
          if (g.tokenClient !== 'absent') tokenParams.client_id = g.tokenClient === 'same' ? (clientId ?? '') : 'other-client';
          const tokenReq: Sent = { method: 'POST', path: '/v1/oauth/token', headers: formHeaders, body: query(tokenParams), localAddress: `127.0.0.${g.source}` };
          const tokenRes = await send(tokenReq);
          checkWallet(tokenReq, tokenRes);
          if (tokenRes.status !== 200) return;
          if (g.tokenCode !== 'right' || g.tokenVerifier !== 'right' || g.tokenRedirect !== 'same' || g.tokenClient === 'other' || g.handleGarble) fail('a token for a request that should not get one', tokenReq, tokenRes);
          const accessToken = (tokenRes.json as { access_token: string }).access_token;
          const jwt = await buildProof({ kind: 'jwt', typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk: 'canonical', extraHeader: [], aud: 'issuer', iat: 'now', nonce: 'fresh', signature: 'valid' });
          const credReq: Sent = {
            method: 'POST',
            path: '/v1/openid/credential',
            headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ credential_configuration_id: pending!.credentials[0], proofs: { jwt: [jwt] } }),
          };
          checkWallet(credReq, await send(credReq));
        }),
        { numRuns: 200 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'raw HTTP garbage on a socket: a 4xx or a closed connection, never a 5xx or a hang',
    async () => {
      const line = fc.constantFrom(
        'POST /v1/oauth/token HTTP/1.1',
        'POST /v1/openid/credential HTTP/1.1',
        'GET /v1/openid/offers/pre-authorized HTTP/1.1',
        'GET / HTTP/1.0',
        'GET / HTTP/9.9',
        'GET  / HTTP/1.1',
        'GET /\u0000 HTTP/1.1',
        'G\u00e9T / HTTP/1.1',
        'POST /v1/oauth/token',
        'GET http://evil.example/ HTTP/1.1',
        'GET * HTTP/1.1',
      );
      const header = fc.oneof(
        fc.constantFrom(
          'Host: 127.0.0.1',
          'Content-Length: 5',
          'Content-Length: -1',
          'Content-Length: abc',
          'Content-Length: 5, 6',
          'Content-Length: 99999999999999999999',
          'Transfer-Encoding: chunked',
          'Transfer-Encoding: gzip, chunked',
          'Transfer-Encoding: identity',
          'Content-Type: application/json',
          'Content-Type: application/x-www-form-urlencoded',
          'Expect: 100-continue',
          'Connection: close',
          'Connection: upgrade',
          'Upgrade: websocket',
          ' folded: continuation',
          'No-Colon-Here',
          ': empty-name',
          'X\u0000Y: z',
          'Authorization: Bearer \u00ff\u00fe',
        ),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      );
      const body = fc.oneof(fc.constantFrom('', 'grant_type=x', '{"a":1}', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\nhello\r\n', '0\r\n\r\nGET / HTTP/1.1\r\n\r\n'), fc.string({ unit: 'binary-ascii', maxLength: 60 }));
      const request = fc.oneof(
        { arbitrary: fc.tuple(line, fc.array(header, { maxLength: 5 }), body).map(([l, hs, b]) => Buffer.from(`${l}\r\n${hs.join('\r\n')}\r\n\r\n${b}`, 'latin1')), weight: 4 },
        { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
      );
      const exchange = (bytes: Buffer) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect({ host, port, localAddress: '127.0.0.201' });
          const chunks: Buffer[] = [];
          const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`the connection stayed open ${REQUEST_TIMEOUT_MS} ms after ${JSON.stringify(bytes.toString('latin1'))} and end of input`));
          }, REQUEST_TIMEOUT_MS);
          socket.on('data', (chunk) => chunks.push(chunk));
          socket.on('error', () => undefined); // a reset is an answer too
          socket.on('close', () => {
            clearTimeout(timer);
            resolve(Buffer.concat(chunks).toString('latin1'));
          });
          socket.end(bytes);
        });
      await fc.assert(
        fc.asyncProperty(request, async (bytes) => {
          const answer = await exchange(bytes);
          for (const [, status] of answer.matchAll(/HTTP\/1\.[01] (\d{3})/g)) {
            if (Number(status) >= 500) throw new Error(`status ${status} for raw request ${JSON.stringify(bytes.toString('latin1'))}:\n${clip(answer, 800)}\n${serverLogTail()}`);
          }
          if (answer.includes(MARKER) || answer.includes(server.adminToken)) throw new Error(`leak in answer to ${JSON.stringify(bytes.toString('latin1'))}`);
        }),
        { numRuns: 200 },
      );
      // The server still answers normally.
      const res = await send({ method: 'GET', path: '/.well-known/oauth-authorization-server' });
      expect(res.status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it('requests refused before the app (over 16 KB of headers or URL, a backslash in the path, a bad Host) still get a documented 4xx error body', async () => {
    const cases: Sent[] = [
      { method: 'GET', path: '/v2/credentials/mobile/configurations/\\', headers: { authorization: `Bearer ${server.adminToken}` } },
      { method: 'POST', path: '/v1/openid/credential\\x', headers: { 'content-type': 'application/json' }, body: '{}' },
      { method: 'POST', path: '/v1/oauth/token', headers: { host: 'bad host', 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' },
      { method: 'POST', path: '/v1/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-padding': 'x'.repeat(20_000) }, body: 'grant_type=x' },
      { method: 'GET', path: '/v1/openid/offers/pre-authorized', headers: { authorization: `Bearer ${'A'.repeat(20_000)}` } },
      { method: 'GET', path: `/v1/openid/credential-offers/${'r'.repeat(20_000)}` },
      { method: 'GET', path: `/v1/analytics/events?cursor=${'c'.repeat(20_000)}`, headers: { authorization: `Bearer ${server.adminToken}` } },
    ];
    const problems: string[] = [];
    for (const req of cases) {
      const res = await send(req);
      checkCommon(req, res);
      if (res.status < 400 || !(isManagementErrorBody(res.json) || isOAuthErrorBody(res.json))) {
        problems.push(`${clip(describeRequest(req), 160)}\n    → ${res.status} ${JSON.stringify(clip(res.text, 100))} (content-type: ${res.headers['content-type'] ?? 'none'})`);
      }
    }
    expect(problems, 'requests answered outside the documented error shapes').toEqual([]);
  });

  it('still issues normally afterwards, and the server is still up', async () => {
    const offer = await createMdlOffer(server);
    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: [iacaPem], docType: MDL_DOCTYPE });
    expect(verified.claims['org.iso.18013.5.1']?.given_name).toBe(MDL_CLAIMS.given_name);
    expect((await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).status).toBe(200);
    // Still the same process, alive until now: it shuts down cleanly on SIGTERM.
    expect(server.output()).not.toMatch(/Counter stopping/);
    agent.destroy();
    expect(await server.stop()).toBe(0);
    stopped = true;
  });
});
