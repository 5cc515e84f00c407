import { useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Iaca } from '../../../shared/api/z-counter-settings';
import { downloadText } from '../components/download-text';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { useSession } from '../session/session-context';
import { formatCountdown } from '../view/countdown';
import { downloadName } from '../view/trust';
import { TrustSection } from './settings/trust-section';
import { StatusListsSection } from './settings/status-lists-section';
import type { Poster } from './poster-screen';
import type { Session } from '../session/session-context';
import { ClerksSection } from './settings/clerks-section';
import { DisplaySection } from './settings/display-section';
import { KioskSection } from './settings/kiosk-section';
import { PostersSection } from './settings/posters-section';
import { BranchServerSection } from './settings/branch-server-section';
import { WarningsSection } from './settings/warnings-section';
import { WalletsSection } from './settings/wallets-section';

const downloadPem = (iaca: Iaca) => downloadText(iaca.certificatePem, downloadName('iaca', iaca.id), 'application/x-pem-file');

interface SectionProps {
  onShowPoster: (poster: Poster) => void;
}

function EngineSection() {
  const { t } = useTranslation();
  const { settings } = useSession();
  return (
    <section aria-labelledby="engine-heading">
      <h2 id="engine-heading">{t('settings.engine')}</h2>
      <dl className="settings">
        <dt>{t('settings.publicUrl')}</dt>
        <dd className="mono" data-testid="credential-issuer">
          {settings.credentialIssuer}
        </dd>
        <dt>{t('settings.offerExpiry')}</dt>
        <dd>
          {t('settings.offerExpiryValue', {
            value: formatCountdown(settings.defaultOfferSeconds),
            max: formatCountdown(settings.maxOfferSeconds),
          })}
        </dd>
      </dl>
      <p className="form-note">{t('settings.engineNote')}</p>
    </section>
  );
}

function IacaSection() {
  const { t } = useTranslation();
  const { api, failed } = useSession();
  const [iacas, setIacas] = useState<Iaca[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.listIacas().then(setIacas, (e: unknown) => setError(failed(e, t('actions.loadIacas'))));
  }, [api, failed, t]);
  return (
    <section aria-labelledby="iaca-heading">
      <h2 id="iaca-heading">{t('settings.iaca')}</h2>
      <p>{t('settings.iacaNote')}</p>
      <ErrorBanner message={error} />
      {iacas === undefined && !error && <p>{t('settings.loading')}</p>}
      {iacas?.length === 0 && <p className="empty">{t('settings.noIaca')}</p>}
      <ul className="plain-list">
        {iacas?.map((iaca) => (
          <li key={iaca.id}>
            <button type="button" className="button" onClick={() => downloadPem(iaca)}>
              {t('settings.downloadIaca')}
              {iacas.length > 1 ? ` ${iaca.id}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SessionSection() {
  const { t } = useTranslation();
  const { signOut, who } = useSession();
  if (!signOut) return null;
  return (
    <section aria-labelledby="session-heading">
      <h2 id="session-heading">{t('settings.session')}</h2>
      <button type="button" className="button button-danger" onClick={signOut}>
        {who.kind === 'kiosk' ? t('settings.signIn') : t('settings.signOut')}
      </button>
    </section>
  );
}

/**
 * The sections of Settings, in order (DESIGN §7.4). Another section (trust, …) is one more entry:
 * a component that renders its own <section> with an h2, and whom it is for.
 */
export const SETTINGS_SECTIONS: ReadonlyArray<{
  id: string;
  Component: ComponentType<SectionProps>;
  shownTo?: (session: Session) => boolean;
}> = [
  { id: 'warnings', Component: WarningsSection },
  { id: 'kiosk', Component: KioskSection },
  { id: 'display', Component: DisplaySection },
  { id: 'engine', Component: EngineSection },
  // The Electron kiosk only: in a browser the engine is the server the page came from.
  {
    id: 'branch-server',
    Component: () => <BranchServerSection kiosk={window.counterKiosk!} />,
    shownTo: () => window.counterKiosk !== undefined,
  },
  { id: 'iaca', Component: IacaSection },
  { id: 'trust', Component: TrustSection, shownTo: (session) => session.who.role === 'admin' },
  { id: 'status-lists', Component: StatusListsSection, shownTo: (session) => session.who.role === 'admin' },
  { id: 'posters', Component: ({ onShowPoster }) => <PostersSection onShow={onShowPoster} /> },
  { id: 'clerks', Component: ClerksSection, shownTo: (session) => session.who.role === 'admin' },
  { id: 'wallets', Component: WalletsSection, shownTo: (session) => session.who.role === 'admin' },
  { id: 'session', Component: SessionSection },
];

/** What the counter runs with, this kiosk's preferences, the IACA certificate, the posters. */
export function SettingsScreen({ onShowPoster }: SectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main className="screen settings-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('settings.title')}
      </h1>
      {SETTINGS_SECTIONS.filter((s) => s.shownTo?.(session) ?? true).map(({ id, Component }) => (
        <Component key={id} onShowPoster={onShowPoster} />
      ))}
    </main>
  );
}
