import { useEffect, useState } from 'react';
import type { Iaca } from '../../../shared/api/z-counter-settings';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { useSession } from '../session/session-context';
import { formatCountdown } from '../view/countdown';
import type { Poster } from './poster-screen';
import { PostersSection } from './posters-section';

function downloadPem(iaca: Iaca): void {
  const url = URL.createObjectURL(new Blob([iaca.certificatePem], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `counter-iaca-${iaca.id}.pem`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the counter runs with, the IACA certificate verifiers need, and the posters (DESIGN §7.4, minimal). */
export function SettingsScreen({ onShowPoster }: { onShowPoster: (poster: Poster) => void }) {
  const { api, settings, signOut, failed } = useSession();
  const [iacas, setIacas] = useState<Iaca[]>();
  const [error, setError] = useState<string>();
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    api.listIacas().then(setIacas, (e: unknown) => setError(failed(e, 'load the IACA certificates')));
  }, [api, failed]);

  return (
    <main className="screen">
      <h1 ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <dl className="settings">
        <dt>Public URL (credential issuer)</dt>
        <dd className="mono" data-testid="credential-issuer">
          {settings.credentialIssuer}
        </dd>
        <dt>Offer expiry</dt>
        <dd>
          {formatCountdown(settings.defaultOfferSeconds)} (at most {formatCountdown(settings.maxOfferSeconds)})
        </dd>
      </dl>
      <p className="form-note">
        These are set when the engine starts (--public-url, see the README); wallets must be able to reach the public URL.
      </p>

      <h2>IACA certificate</h2>
      <p>Verifiers need this root certificate to trust the credentials this counter issues.</p>
      <ErrorBanner message={error} />
      {iacas === undefined && !error && <p>Loading…</p>}
      {iacas?.length === 0 && <p className="empty">No IACA certificate yet.</p>}
      <ul className="plain-list">
        {iacas?.map((iaca) => (
          <li key={iaca.id}>
            <button type="button" className="button" onClick={() => downloadPem(iaca)}>
              Download IACA certificate (PEM){iacas.length > 1 ? ` ${iaca.id}` : ''}
            </button>
          </li>
        ))}
      </ul>

      <PostersSection onShow={onShowPoster} />

      {signOut && (
        <>
          <h2>Session</h2>
          <button type="button" className="button button-danger" onClick={signOut}>
            Sign out
          </button>
        </>
      )}
    </main>
  );
}
