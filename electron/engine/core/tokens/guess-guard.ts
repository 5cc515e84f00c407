import type { EngineContext, RequestInfo } from '../context';
import { OAuthError, WrongGuessError } from '../errors/oauth-error';

/** A wrong secret: a code, tx_code or PKCE verifier at the token endpoint, or an access token that is not one. */
const isGuess = (error: unknown) => error instanceof WrongGuessError || (error instanceof OAuthError && error.error === 'invalid_token');

/**
 * Runs a request that presents a secret under the per-address throttle of wrong guesses: an
 * address past the limit is answered 429 at once (not queued), before anything is read or
 * written, analytics included (DESIGN §8); a wrong guess counts against it.
 */
export async function guardGuesses<T>(ctx: EngineContext, request: RequestInfo, run: () => Promise<T>): Promise<T> {
  const wait = await ctx.tokenThrottle.retryAfter(request.requestIp, ctx.clock.now());
  if (wait > 0)
    throw new OAuthError(429, 'slow_down', `too many failed attempts from this address; try again in ${wait} s`, {
      'Retry-After': String(wait),
    });
  try {
    return await run();
  } catch (error) {
    if (isGuess(error)) await ctx.tokenThrottle.recordFailure(request.requestIp, ctx.clock.now());
    throw error;
  }
}
