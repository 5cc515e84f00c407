import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../components/hooks';
import { QrCodeView } from '../components/qr-code-view';

/** An Authorization Code offer on screen: no personal data, meant to be printed and put up. */
export interface Poster {
  id: string;
  uri: string;
  credentialName: string;
}

/** The poster full-screen, ready to print (DESIGN §4): the QR many holders can scan. */
export function PosterScreen({ poster, onClose }: { poster: Poster; onClose: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <main className="poster-screen" data-poster-id={poster.id}>
      <section className="poster-code">
        <QrCodeView text={poster.uri} label={t('posters.qrLabel', { name: poster.credentialName })} />
      </section>
      <section className="poster-panel">
        <h1 ref={heading} tabIndex={-1}>
          {t('posters.screenTitle', { name: poster.credentialName })}
        </h1>
        <ol className="poster-steps">
          {(['scan', 'code', 'show'] as const).map((step) => (
            <li key={step}>{t(`posters.steps.${step}`)}</li>
          ))}
        </ol>
        <div className="poster-actions no-print">
          <button type="button" className="button button-primary button-large" onClick={() => window.print()}>
            {t('posters.print')}
          </button>
          <button type="button" className="button button-large" onClick={onClose}>
            {t('posters.close')}
          </button>
        </div>
      </section>
    </main>
  );
}
