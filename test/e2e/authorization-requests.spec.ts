import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import type { CounterServer } from '../integration/support/counter-server';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { credentialForSession, makeClient } from '../support/wallet';
import { expect, fillMdlFields, holder, MDL_NAME, readQr, shot, signIn, test } from './support/fixtures';

// DESIGN §4 (Authorization Code flow): a holder starts from a poster (an Authorization Code offer) in their phone's browser and
// waits with a short code; the clerk finds them on the Requests screen, checks them, and approves or
// rejects. Two Chromium pages: the phone, and the kiosk.

const REDIRECT_URI = 'https://wallet.example/cb';
const CLIENT_ID = 'e2e-phone-wallet';
const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';

async function mdlConfigurationId(counter: CounterServer): Promise<string> {
  const { data } = (await (await counter.api('/v2/credentials/mobile/configurations')).json()) as {
    data: Array<{ id: string; type: string }>;
  };
  return data.find((c) => c.type === MDL_DOCTYPE)!.id;
}

/** POST /v1/openid/offers, and the issuer_state its grant carries (OID4VCI 1.0 §4.1.1). */
async function createCodeOffer(counter: CounterServer): Promise<{ id: string; uri: string; issuerState: string }> {
  const response = await counter.api('/v1/openid/offers', { method: 'POST', json: { credentials: [await mdlConfigurationId(counter)] } });
  expect(response.status).toBe(201);
  const { id, uri } = (await response.json()) as { id: string; uri: string };
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as {
    grants: { authorization_code: { issuer_state: string } };
  };
  return { id, uri, issuerState: offer.grants.authorization_code.issuer_state };
}

interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

/** What a wallet sends the phone's browser to: RFC 6749 §4.1.1 with PKCE S256 (RFC 7636 §4) and the offer's issuer_state. */
async function authorizationRequest(counter: CounterServer, issuerState: string): Promise<AuthorizationRequest> {
  const metadata = (await (await fetch(`${counter.url}/.well-known/oauth-authorization-server`)).json()) as {
    authorization_endpoint: string;
  };
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    issuer_state: issuerState,
  }).toString();
  return { url: url.toString(), state, codeVerifier };
}

/**
 * The holder's phone: a small touch screen in its own browser context. Nothing leaves the machine:
 * redirect_uri is answered here, and anything that is neither the counter nor the wallet is refused.
 * Chromium follows a redirect without asking page.route again (Playwright: "should not work with
 * redirects"), so the counter's answers are fetched by Playwright without following redirects:
 * a 303 within the counter is replayed as is, and a 303 leaving it (to redirect_uri) is recorded and
 * replayed as a page that navigates there, which is a new request the routes below do see.
 */
async function holderPhone(browser: Browser, counter: CounterServer) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const origin = new URL(counter.url).origin;
  const redirectsOut: Array<{ status: number; location: string }> = [];
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  await context.route(`${origin}/**`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()['location'];
    const target = location ? new URL(location, route.request().url()) : undefined;
    if (!target || target.origin === origin) return route.fulfill({ response });
    redirectsOut.push({ status: response.status(), location: target.href });
    const href = target.href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><meta http-equiv="refresh" content="0;url=${href}">`,
    });
  });
  const phone = await context.newPage();
  const walletUrls: string[] = [];
  await phone.route('https://wallet.example/**', (route) => {
    walletUrls.push(route.request().url());
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>Wallet</title><h1>Back in the wallet</h1>',
    });
  });
  return { phone, walletUrls, redirectsOut, close: () => context.close() };
}

/** The holder page's short code ("4 8 2 1" on screen). */
async function shortCodeOn(phone: Page): Promise<string> {
  await expect(phone.getByRole('heading', { name: 'Show this code at the counter' })).toBeVisible();
  const code = ((await phone.locator('.code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{4}$/);
  return code;
}

const spoken = (code: string): string => code.split('').join(' ');
const requestCard = (page: Page, code: string) => page.getByRole('button', { name: new RegExp(`^Code ${spoken(code)}`) });

async function openRequests(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Requests/ }).click();
  await expect(page.getByRole('heading', { name: 'Requests' })).toBeFocused();
}

test('a holder waits with a short code, the clerk approves on the Requests screen, and the phone returns to the wallet with a code', async ({
  page,
  browser,
  counter,
}) => {
  const offer = await createCodeOffer(counter);
  await signIn(page, counter);
  await openRequests(page);

  const request = await authorizationRequest(counter, offer.issuerState);
  const { phone, walletUrls, redirectsOut, close } = await holderPhone(browser, counter);
  // The holder page's one script runs under its own policy (DESIGN §8): nothing is refused.
  const refused: string[] = [];
  phone.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  try {
    await phone.goto(request.url);
    const code = await shortCodeOn(phone);
    await shot(phone, '20-holder-waiting');

    // Live: the request appears without a reload, with its code, credential and time left; the nav counts it.
    const card = requestCard(page, code);
    await expect(card).toBeVisible({ timeout: 2_000 });
    await expect(card).toContainText(MDL_NAME);
    await expect(card).toContainText(/Waiting just now · (9|10):\d\d left/);
    await expect(page.getByTestId('requests-badge')).toHaveText('1');
    await expect(page.getByTestId('request-count')).toHaveText('1 holder waiting');
    await shot(page, '21-requests-list');

    await card.click();
    await expect(page.getByRole('heading', { name: 'Check the holder' })).toBeFocused();
    await expect(page.locator('.request-check [data-short-code]')).toHaveAttribute('data-short-code', code);
    await expect(page.getByTestId('requested-credential')).toHaveText(MDL_NAME);
    const approve = page.getByRole('button', { name: 'Approve' });
    await expect(approve).toBeDisabled();
    await expect(page.locator('#form-summary')).toHaveText('Fill in 5 more required fields');
    await fillMdlFields(page);
    await expect(approve).toBeEnabled();
    await shot(page, '22-request-filled');

    // The phone is still waiting until the clerk decides.
    expect(walletUrls).toEqual([]);
    await approve.focus();
    await page.keyboard.press('Enter');

    // Back to the list, with no personal data left on screen.
    await expect(page.getByRole('heading', { name: 'Requests' })).toBeFocused();
    await expect(page.getByRole('status')).toContainText(`Request ${code} approved`);
    await expect(requestCard(page, code)).toHaveCount(0);
    await expect(page.getByTestId('requests-badge')).toHaveCount(0);
    for (const value of Object.values(holder)) await expect(page.locator('body')).not.toContainText(value);
    await shot(page, '23-requests-approved');

    // The holder page follows the decision by itself (its event stream, no meta refresh) and lands on
    // redirect_uri with the code and the same state.
    await phone.waitForURL((url) => url.href.startsWith(`${REDIRECT_URI}?`), { timeout: 10_000 });
    expect(refused).toEqual([]);
    await expect(phone.getByRole('heading', { name: 'Back in the wallet' })).toBeVisible();
    const back = new URL(phone.url());
    expect(back.searchParams.get('state')).toBe(request.state);
    expect(back.searchParams.get('iss')).toBe(counter.url);
    expect(back.searchParams.get('error')).toBeNull();
    const authorizationCode = back.searchParams.get('code');
    expect(authorizationCode).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The engine sent the phone there with a 303 (RFC 6749 §4.1.2).
    expect(redirectsOut).toEqual([{ status: 303, location: back.href }]);
    expect(walletUrls).toEqual([back.href]);

    // The wallet redeems it (PKCE) and gets an mDoc holding what the clerk typed.
    const tokenResponse = await fetch(`${counter.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: authorizationCode!,
        code_verifier: request.codeVerifier,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const token = (await tokenResponse.json()) as { access_token: string } & Record<string, unknown>;
    const issuerMetadata = await makeClient().resolveIssuerMetadata(counter.url);
    const result = await credentialForSession({
      issuerMetadata,
      credentialConfigurationId: await mdlConfigurationId(counter),
      accessToken: token.access_token,
      tokenResponse: token,
    });
    const { iacas } = (await (await fetch(`${counter.url}/v1/mdoc/iacas`)).json()) as { iacas: Array<{ certificatePem: string }> };
    const mdoc = await verifyIssuerSigned(result.issuerSigned, {
      trustedIacaPems: iacas.map((i) => i.certificatePem),
      docType: MDL_DOCTYPE,
    });
    expect(mdoc.claims['org.iso.18013.5.1']).toMatchObject({
      family_name: holder.family_name,
      given_name: holder.given_name,
      document_number: holder.document_number,
    });
  } finally {
    await close();
  }
});

test('the clerk rejects a request with the keyboard, and the phone returns to the wallet with access_denied', async ({
  page,
  browser,
  counter,
}) => {
  const offer = await createCodeOffer(counter);
  await signIn(page, counter);
  await openRequests(page);

  const request = await authorizationRequest(counter, offer.issuerState);
  const { phone, redirectsOut, close } = await holderPhone(browser, counter);
  try {
    await phone.goto(request.url);
    const code = await shortCodeOn(phone);

    // Keyboard only: from the focused heading, Tab reaches the request; Enter opens it.
    await expect(requestCard(page, code)).toBeVisible({ timeout: 2_000 });
    await page.keyboard.press('Tab');
    await expect(requestCard(page, code)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Check the holder' })).toBeFocused();
    await page.getByLabel('Family name').fill('Typed then thrown away');

    await page.getByRole('button', { name: 'Reject' }).focus();
    await page.keyboard.press('Enter');
    // The safe answer first.
    await expect(page.getByRole('button', { name: 'No, go back' })).toBeFocused();
    await shot(page, '24-request-reject-confirm');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Yes, reject' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Requests' })).toBeFocused();
    await expect(page.getByRole('status')).toContainText(`Request ${code} rejected`);
    await expect(page.locator('body')).not.toContainText('Typed then thrown away');

    await phone.waitForURL((url) => url.href.startsWith(`${REDIRECT_URI}?`), { timeout: 10_000 });
    const back = new URL(phone.url());
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(request.state);
    expect(back.searchParams.get('code')).toBeNull();
    expect(redirectsOut).toEqual([{ status: 303, location: back.href }]);
  } finally {
    await close();
  }
});

test('an open request that is decided elsewhere closes with a plain message', async ({ page, browser, counter }) => {
  const offer = await createCodeOffer(counter);
  await signIn(page, counter);
  await openRequests(page);
  const { phone, close } = await holderPhone(browser, counter);
  try {
    await phone.goto((await authorizationRequest(counter, offer.issuerState)).url);
    const code = await shortCodeOn(phone);
    await requestCard(page, code).click();
    await page.getByLabel('Family name').fill('Someone');

    // Another kiosk (here: the management API) rejects it meanwhile.
    const { data } = (await (await counter.api('/v1/openid/authorizations?status=pending')).json()) as {
      data: Array<{ id: string; shortCode: string }>;
    };
    const id = data.find((a) => a.shortCode === code)!.id;
    expect((await counter.api(`/v1/openid/authorizations/${id}/reject`, { method: 'POST' })).status).toBe(200);

    await expect(page.getByRole('heading', { name: 'Requests' })).toBeFocused();
    await expect(page.getByRole('status')).toContainText(`Request ${code} is no longer waiting`);
    await expect(page.locator('body')).not.toContainText('Someone');
  } finally {
    await close();
  }
});

test('settings makes a poster: a full-screen QR of an Authorization Code offer, listed and revocable', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Credential type', { exact: true }).selectOption({ label: MDL_NAME });
  await page.getByRole('button', { name: 'Create poster' }).click();

  const qr = page.getByRole('img', { name: `QR code of the ${MDL_NAME} poster` });
  await expect(qr).toBeVisible();
  await expect(page.getByRole('heading', { name: `Get your ${MDL_NAME}` })).toBeFocused();
  await shot(page, '25-poster');
  const uri = await readQr(qr);
  const { data } = (await (await counter.api('/v1/openid/offers')).json()) as {
    data: Array<{ id: string; uri: string; revokedAt?: string }>;
  };
  const poster = data.find((o) => o.uri === uri);
  expect(poster).toBeDefined();
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as {
    credential_issuer: string;
    grants: Record<string, unknown>;
  };
  expect(offer.credential_issuer).toBe(counter.url);
  expect(offer.grants).toHaveProperty('authorization_code.issuer_state');

  // Escape (or Close) goes back to Settings, where the poster is listed.
  await page.keyboard.press('Escape');
  const row = page.locator(`tr[data-poster-id="${poster!.id}"]`);
  await expect(row).toContainText(MDL_NAME);
  await shot(page, '26-settings-posters');
  await row.getByRole('button', { name: 'Show QR' }).click();
  expect(await readQr(page.getByRole('img', { name: `QR code of the ${MDL_NAME} poster` }))).toBe(uri);
  await page.getByRole('button', { name: 'Close' }).click();

  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toHaveCount(0);
  const after = (await (await counter.api('/v1/openid/offers')).json()) as { data: Array<{ id: string; revokedAt?: string }> };
  expect(after.data.find((o) => o.id === poster!.id)?.revokedAt).toBeDefined();
});
