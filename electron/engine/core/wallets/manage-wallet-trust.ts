import { X509Certificate } from 'node:crypto';
import {
  zCreateWalletProviderRequest,
  zWalletPolicy,
  type WalletPolicy,
  type WalletProvider,
} from '../../../../shared/api/z-wallet-policy';
import type { EngineContext, RequestInfo } from '../context';
import { badRequest, conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import type { WalletProviderRecord } from '../store';
import { iso } from '../util/clock';
import { readAnchorMaterial } from './wallet-providers';
import { POLICY_SETTING } from './wallet-trust';

// The admin's side of DESIGN §12: the wallet policy, and the wallet providers whose attestations
// this issuer trusts (GET/PUT /v1/counter/wallet-policy, /v1/counter/wallet-providers).

export const getWalletPolicy = (ctx: EngineContext): Promise<WalletPolicy> => ctx.walletTrust.policy();

export function updateWalletPolicy(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<WalletPolicy> {
  const data: Record<string, boolean | number> = {};
  return ctx.events.operation('COUNTER_WALLET_POLICY_UPDATE', request, data, async () => {
    const policy = parseManagementInput(zWalletPolicy, input);
    Object.assign(data, policy);
    await ctx.stores.walletProtocol.putSetting(POLICY_SETTING, JSON.stringify(policy), ctx.clock.now());
    ctx.walletTrust.changed();
    return policy;
  });
}

function summary(record: WalletProviderRecord): WalletProvider {
  let certificate: WalletProvider['certificate'];
  if (record.kind === 'certificate') {
    const c = new X509Certificate(record.material);
    certificate = { subject: c.subject.replace(/\n/g, ', '), notAfter: new Date(c.validTo).toISOString() };
  }
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    fingerprint: record.fingerprint,
    createdAt: iso(record.createdAt),
    ...(certificate ? { certificate } : {}),
  };
}

export const listWalletProviders = async (ctx: EngineContext) => ({
  data: (await ctx.stores.walletProtocol.listProviders()).map(summary),
});

export function createWalletProvider(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<WalletProvider> {
  const data: Record<string, string> = {};
  return ctx.events.operation('COUNTER_WALLET_PROVIDER_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreateWalletProviderRequest, input);
    const material = await readAnchorMaterial(
      'certificatePem' in body ? { certificatePem: body.certificatePem } : { jwk: body.jwk },
      ctx.clock.now(),
    );
    if (typeof material === 'string') {
      const param = 'certificatePem' in body ? 'certificatePem' : 'jwk';
      throw badRequest('Invalid request', [{ value: '', msg: material, param, location: 'body' }]);
    }
    const record: WalletProviderRecord = { id: ctx.random.uuid(), name: body.name, ...material, createdAt: ctx.clock.now() };
    data.walletProviderId = record.id;
    data.kind = record.kind;
    if (!(await ctx.stores.walletProtocol.insertProvider(record))) throw conflict('This trust anchor is already registered');
    ctx.walletTrust.changed();
    return summary(record);
  });
}

export function deleteWalletProvider(ctx: EngineContext, id: string, request: RequestInfo): Promise<void> {
  return ctx.events.operation('COUNTER_WALLET_PROVIDER_DELETE', request, { walletProviderId: id }, async () => {
    if (!(await ctx.stores.walletProtocol.deleteProvider(parseId(id, 'wallet provider')))) throw notFound('Wallet provider not found');
    ctx.walletTrust.changed();
  });
}
