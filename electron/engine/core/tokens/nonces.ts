import type { EngineContext } from '../context';
import { newSecret, sha256 } from '../util/secrets';

/** POST /v1/openid/nonce (OID4VCI 1.0 §7): a fresh, single-use c_nonce. */
export async function issueNonce(ctx: EngineContext): Promise<{ c_nonce: string; expires_in: number }> {
  const nonce = newSecret(ctx.random);
  await ctx.stores.nonces.insert(sha256(nonce), ctx.clock.now() + ctx.settings.nonceSeconds * 1000);
  return { c_nonce: nonce, expires_in: ctx.settings.nonceSeconds };
}

export async function consumeNonce(ctx: EngineContext, nonce: string): Promise<boolean> {
  return ctx.stores.nonces.consume(sha256(nonce), ctx.clock.now());
}
