import { useEffect } from 'react';
import { useFocusOnMount } from '../components/hooks';
import { QrCodeView } from '../components/qr-code-view';
import { posterSteps } from '../view/posters';

/** An Authorization Code offer on screen: no personal data, meant to be printed and put up. */
export interface Poster {
  id: string;
  uri: string;
  credentialName: string;
}

/** The poster full-screen, ready to print (DESIGN §4): the QR many holders can scan. */
export function PosterScreen({ poster, onClose }: { poster: Poster; onClose: () => void }) {
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
        <QrCodeView text={poster.uri} label={`QR code of the ${poster.credentialName} poster`} />
      </section>
      <section className="poster-panel">
        <h1 ref={heading} tabIndex={-1}>
          Get your {poster.credentialName}
        </h1>
        <ol className="poster-steps">
          {posterSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div className="poster-actions no-print">
          <button type="button" className="button button-primary button-large" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="button button-large" onClick={onClose}>
            Close
          </button>
        </div>
      </section>
    </main>
  );
}
