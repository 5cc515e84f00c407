import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../components/hooks';

interface Props {
  /** Resolves when signed in; rejects with the message to show. */
  onSignIn: (token: string) => Promise<void>;
  message?: string;
}

export function SignInScreen({ onSignIn, message }: Props) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(message);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  return (
    <main className="sign-in">
      <form
        className="card sign-in-card"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!token.trim()) {
            setError(t('signIn.enterToken'));
            return;
          }
          setBusy(true);
          setError(undefined);
          try {
            await onSignIn(token.trim());
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
            setBusy(false);
          }
        }}
      >
        <h1 ref={heading} tabIndex={-1}>
          {t('signIn.title')}
        </h1>
        <p>{t('signIn.tokenIntro')}</p>
        <div className="field">
          <label htmlFor="api-token">{t('signIn.token')}</label>
          <input
            id="api-token"
            name="api-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        {error && (
          <p id="sign-in-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
