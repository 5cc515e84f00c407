import { test, expect } from '@playwright/test';
import { receiveCredential } from '../support/wallet';
import { startPathRouter, type PathRouter } from '../support/path-router';
import { postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from '../integration/support/counter-server';
import { fillMdl, readQr, shot, status, transactionCode } from './support/fixtures';

// DESIGN §13: the counter UI against a branch server, through the same HTTP client the Electron
// kiosk's main process uses on one. The branch server is two Counter processes on one PostgreSQL
// database behind one issuer URL (a path router standing in for the load balancer): the clerk's
// screen talks to process A, the wallet to process B, and the screen still follows the wallet.
// When A goes away the screen says so at once; when A is back the banner goes by itself.

const reason = postgresUnavailableReason();
if (reason && process.env.CI) throw new Error(`CI must run the branch server UI test, but: ${reason}`);
if (reason) console.log(`SKIPPED branch server UI test: ${reason}`);

let cluster: PostgresCluster;
let router: PathRouter;
let dataDir: string;
let args: string[];
let a: CounterServer;
let b: CounterServer;
let issuerToken: string;

test.describe('the counter UI on a branch server', () => {
  test.skip(reason !== undefined, reason);

  test.beforeAll(async () => {
    cluster = await startPostgresCluster();
    dataDir = newDataDir();
    router = await startPathRouter(() => a.url);
    args = ['--database-url', await cluster.createDatabase('branch'), '--public-url', router.url];
    a = await startCounter({ dataDir, args });
    b = await startCounter({ dataDir, adminToken: a.adminToken, args });
    // A kiosk on a branch server holds an issuer token (DESIGN §13), not the admin's.
    const created = await a.api('/v1/counter/api-tokens', { method: 'POST', json: { name: 'front desk kiosk', role: 'issuer' } });
    expect(created.status).toBe(201);
    issuerToken = ((await created.json()) as { token: string }).token;
  });
  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await router?.close();
    await cluster?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  test('follows a wallet served by the other process, and shows an offline banner while its server is away', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(a.url);
    await page.getByRole('button', { name: 'Sign in with an API token (IT)' }).click();
    await page.getByLabel('API token').fill(issuerToken);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toBeHidden();

    await fillMdl(page);
    await page.getByRole('button', { name: 'Create offer' }).click();
    const qr = page.getByRole('img', { name: 'QR code of the credential offer' });
    await expect(qr).toBeVisible();
    const uri = await readQr(qr);
    const txCode = await transactionCode(page);

    // Everything the wallet does reaches process B only; the screen is A's.
    router.route = () => b.url;
    router.served.length = 0;
    await receiveCredential(uri, { txCode });
    expect(new Set(router.served.map((s) => s.backend))).toEqual(new Set([new URL(b.url).origin]));
    await expect(status(page)).toHaveAttribute('data-phase', 'claimed', { timeout: 5_000 });
    await shot(page, 'branch-server-01-issued-by-the-other-process');

    // The clerk's server goes away: the screen says so, whatever it shows.
    const { port } = new URL(a.url);
    await a.stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('offline-banner')).toContainText('cannot be reached');
    await shot(page, 'branch-server-02-offline');

    // Back on the same address: the banner goes by itself, and the counter works again.
    a = await startCounter({ dataDir, adminToken: b.adminToken, args: [...args, '--port', port] });
    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 15_000 });
    await page
      .getByRole('button', { name: 'Done' })
      .click()
      .catch(() => undefined);
    await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible({ timeout: 15_000 });
  });
});
