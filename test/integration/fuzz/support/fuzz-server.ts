// Hardening (DESIGN §3-4): every endpoint survives property-based fuzzing. Each *.fuzz.test.ts file starts
// one real server of its own (the code path of `npm run serve`), sends thousands of generated requests
// over raw HTTP/1.1 (raw-http.ts), and after each one:
//  - a response arrives within REQUEST_TIMEOUT_MS (a hang fails) and its status is never ≥ 500;
//  - an error body has its family's documented shape: management `{code, message, details?}`,
//    wallet `{error, error_description}` (DESIGN §3, §4);
//  - a success only where it is plausible (a known token with the right role, a real code, a proof we
//    signed with a fresh nonce, …), in its documented shape, and never twice for a single-use thing;
//  - no response ever carries the holder's claims, the admin token or a private key.
// Afterwards a normal issuance still works and the server process is still alive (stillIssuesNormally).
import { expect } from 'vitest';
import { verifyIssuerSigned } from '../../../support/mdoc-verifier';
import { generateDeviceKey, receiveCredential } from '../../../support/wallet';
import { removeDataDir, startCounter } from '../../support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS } from '../../support/fixtures';
import { MDL_DOCTYPE, PID_DOCTYPE } from './constants';
import { closeConnections, send } from './raw-http';
import { managementOfferIds, offers, ownConfigIds, seed, setSeed } from './seed';
import { setServerUnderTest, startedServer, underTest } from './server-under-test';
import { managementJson, newOffer } from './valid-requests';

let stopped = false;

/** beforeAll: starts the server and seeds the pools (needs up to 60 s). */
export async function startFuzzServer(): Promise<void> {
  const server = await startCounter();
  setServerUnderTest(server);
  const mdlId = await configurationId(server, MDL_DOCTYPE);
  const pidId = await configurationId(server, PID_DOCTYPE);
  const issuerToken = (await managementJson<{ token: string }>('POST', '/v1/counter/api-tokens', { name: 'fuzz issuer', role: 'issuer' }))
    .token;
  const iacaPem = ((await send({ method: 'GET', path: '/v1/mdoc/iacas' })).json as { iacas: { certificatePem: string }[] }).iacas[0]!
    .certificatePem;
  const deviceKey = await generateDeviceKey();
  const otherKey = await generateDeviceKey();
  setSeed({ mdlId, pidId, issuerToken, iacaPem, deviceKey, otherKey });
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
      variant === 0
        ? {}
        : variant === 1
          ? { transactionCodeConfiguration: { inputMode: 'text' } }
          : variant === 2
            ? { transactionCodeConfiguration: undefined }
            : { offerBy: 'reference' },
    );
    offers.push(offer);
  }
  for (let i = 0; i < 8; i++) managementOfferIds.push((await newOffer()).offer.id);
}

/** afterAll: stops the server (unless stillIssuesNormally already did) and removes its data. */
export async function stopFuzzServer(): Promise<void> {
  closeConnections();
  const server = startedServer();
  if (server) {
    if (!stopped) await server.stop();
    removeDataDir(server.dataDir);
  }
}

/** The last test of every file: a normal issuance still works, and the same process shuts down cleanly. */
export async function stillIssuesNormally(): Promise<void> {
  const { server } = underTest();
  const offer = await createMdlOffer(server);
  const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
  const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: [seed().iacaPem], docType: MDL_DOCTYPE });
  expect(verified.claims['org.iso.18013.5.1']?.given_name).toBe(MDL_CLAIMS.given_name);
  expect((await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).status).toBe(200);
  // Still the same process, alive until now: it shuts down cleanly on SIGTERM.
  expect(server.output()).not.toMatch(/Counter stopping/);
  closeConnections();
  expect(await server.stop()).toBe(0);
  stopped = true;
}
