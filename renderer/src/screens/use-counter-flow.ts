import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import { configurationName, useSession } from '../session/session-context';
import type { FormValues } from '../view/claims-form';
import { localDeadline } from '../view/countdown';
import { offerRequest, transactionCodeDigits } from '../view/offer-request';
import type { ActiveOffer } from './offer-screen';

/**
 * The person at the counter: their details as typed, kept in this page's memory only (never
 * stored, never sent except to create an offer) so that a failed offer can be given a new code
 * or edited without retyping (DESIGN §14), until *Done* or the idle timeout.
 */
export interface Customer {
  configurationId: string;
  values: FormValues;
  claims: Record<string, unknown>;
}

export interface CounterFlow {
  offer: ActiveOffer | undefined;
  customer: Customer | undefined;
  /** Whether the offer on screen (if any) can no longer change. */
  settled: boolean;
  setSettled: (settled: boolean) => void;
  /** Creates an offer for these details and shows it; resolves with a message when it failed. */
  create: (configuration: MdocConfiguration, claims: Record<string, unknown>, values: FormValues) => Promise<string | undefined>;
  /** *New code, same details*. */
  newCode: () => Promise<string | undefined>;
  /** *Edit details*: the form again, filled in. */
  edit: () => void;
  /** *Done* (or the idle timeout): forget the offer and the details. */
  done: () => void;
}

export function useCounterFlow(displayId: string | undefined): CounterFlow {
  const { t } = useTranslation();
  const { api, settings, configurations, failed } = useSession();
  // The customer display follows the offer on its own; it only needs to know which one (never the details).
  const toDisplay = useCallback(
    (show: Parameters<typeof api.showOnDisplay>[1] | undefined) => {
      if (!displayId) return;
      void (show ? api.showOnDisplay(displayId, show) : api.clearDisplay(displayId)).catch(() => undefined);
    },
    [api, displayId],
  );
  const [offer, setOffer] = useState<ActiveOffer>();
  const [customer, setCustomer] = useState<Customer>();
  const [settled, setSettled] = useState(true);
  // A display that turns up while an offer runs (a second screen plugged in) shows that offer.
  const running = useRef<ActiveOffer | undefined>(undefined);
  running.current = settled ? undefined : offer;
  useEffect(() => {
    const now = running.current;
    if (now)
      toDisplay({
        offerId: now.id,
        uri: now.uri,
        ...(now.transactionCode ? { transactionCode: now.transactionCode } : {}),
        credentialName: now.credentialName,
      });
  }, [toDisplay]);

  const create = useCallback(
    async (configuration: MdocConfiguration, claims: Record<string, unknown>, values: FormValues) => {
      const sentAt = Date.now();
      const seconds = settings.defaultOfferSeconds;
      try {
        const created = await api.createOffer(offerRequest(configuration.id, claims, seconds));
        const code = transactionCodeDigits(created.transactionCode);
        setCustomer({ configurationId: configuration.id, values, claims });
        setSettled(false);
        setOffer({
          id: created.id,
          uri: created.uri,
          ...(code ? { transactionCode: code } : {}),
          deadlineMs: localDeadline(sentAt, seconds),
          expiresAt: created.expiresAt,
          credentialName: configurationName(configuration),
        });
        // The form may have been scrolled to its end: the offer starts at the top.
        window.scrollTo(0, 0);
        toDisplay({
          offerId: created.id,
          uri: created.uri,
          ...(code ? { transactionCode: code } : {}),
          credentialName: configurationName(configuration),
        });
        return undefined;
      } catch (e) {
        return failed(e, t('actions.createOffer'));
      }
    },
    [api, settings, failed, t, toDisplay],
  );

  const newCode = useCallback(async () => {
    const configuration = configurations.find((c) => c.id === customer?.configurationId);
    if (!customer || !configuration) return t('errors.notFound', { action: t('actions.createOffer') });
    return create(configuration, customer.claims, customer.values);
  }, [configurations, customer, create, t]);

  const edit = useCallback(() => {
    setOffer(undefined);
    setSettled(true);
    toDisplay(undefined);
  }, [toDisplay]);

  const done = useCallback(() => {
    setOffer(undefined);
    setCustomer(undefined);
    setSettled(true);
    toDisplay(undefined);
  }, [toDisplay]);

  return { offer, customer, settled, setSettled, create, newCode, edit, done };
}
