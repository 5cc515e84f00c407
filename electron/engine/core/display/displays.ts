import { zPairDisplayRequest, zShowOnDisplayRequest, type CreatedDisplay, type DisplayState } from '../../../../shared/api/z-display';
import type { Principal } from '../auth/api-tokens';
import type { EngineContext, RequestInfo } from '../context';
import { ManagementError, notFound, unauthorized } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import { effectiveStatus } from '../offers/offer-view';
import { iso } from '../util/clock';
import type { Display } from './display-registry';

// The customer-facing display's use cases (DESIGN §14).

const ownerOf = (principal: Principal): string =>
  principal.kind === 'clerk' ? `clerk:${principal.clerkId}` : `${principal.kind}:${principal.id}`;

/** POST /v1/counter/displays (no credential: the page on the customer's screen asks for a pairing code). */
export function createDisplay(ctx: EngineContext, request: RequestInfo): CreatedDisplay {
  const created = ctx.displays.create(request.requestIp);
  if (created === 'too_many') {
    throw new ManagementError(429, 'TooManyRequests', 'Too many displays waiting to be paired from this address', undefined, {
      'Retry-After': '60',
    });
  }
  return { id: created.display.id, token: created.token, pairingCode: created.display.pairingCode, expiresAt: iso(created.expiresAt) };
}

/** The display's bearer token for its own stream. */
export function displayFor(ctx: EngineContext, id: string, authorization: string | undefined): Display {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const display = ctx.displays.find(parseId(id, 'display'), token);
  if (!display) throw unauthorized('Unknown display or wrong display token');
  return display;
}

export function pairDisplay(ctx: EngineContext, principal: Principal, input: unknown): { id: string } {
  const body = parseManagementInput(zPairDisplayRequest, input);
  const display = ctx.displays.pair(body.pairingCode, ownerOf(principal));
  if (!display) throw notFound('No display shows this code (it may have expired: reload the display page)');
  return { id: display.id };
}

const owned = (ctx: EngineContext, principal: Principal, id: string): Display => {
  const display = ctx.displays.owned(parseId(id, 'display'), ownerOf(principal));
  if (!display) throw notFound('Display not found (not paired with this clerk)');
  return display;
};

export async function showOnDisplay(ctx: EngineContext, principal: Principal, id: string, input: unknown): Promise<void> {
  const display = owned(ctx, principal, id);
  const body = parseManagementInput(zShowOnDisplayRequest, input);
  const offer = await ctx.stores.offers.get(body.offerId);
  if (!offer || offer.kind !== 'pre_authorized') throw notFound('Offer not found');
  ctx.displays.show(display, body);
}

export function clearDisplay(ctx: EngineContext, principal: Principal, id: string): void {
  ctx.displays.show(owned(ctx, principal, id), undefined);
}

export function unpairDisplay(ctx: EngineContext, principal: Principal, id: string): void {
  ctx.displays.unpair(owned(ctx, principal, id));
}

/** What the display shows now: the offer's own status decides whether the QR and code are still of use. */
export async function displayState(ctx: EngineContext, display: Display): Promise<DisplayState> {
  if (!display.owner) return { paired: false, pairingCode: display.pairingCode };
  const showing = display.showing;
  if (!showing) return { paired: true };
  const offer = await ctx.stores.offers.get(showing.offerId);
  if (!offer) return { paired: true };
  const now = ctx.clock.now();
  const status = effectiveStatus(offer, now);
  const open = status === 'pending';
  return {
    paired: true,
    offer: {
      credentialName: showing.credentialName,
      status,
      ...(open ? { uri: showing.uri, ...(showing.transactionCode ? { transactionCode: showing.transactionCode } : {}) } : {}),
      secondsLeft: open ? Math.max(0, Math.ceil((offer.expiresAt - now) / 1000)) : 0,
    },
  };
}
