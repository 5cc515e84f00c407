import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../components/hooks';

interface Props {
  /** Resolves when signed in; rejects with the message to show. */
  onSignIn: (token: string) => Promise<void>;
  onClerkSignIn: (name: string, pin: string) => Promise<void>;
  /** The Electron kiosk working as itself: back to it without signing in. */
  onCancel?: () => void;
  message?: string;
  /** After a lock: the same clerk again (their name filled in, the PIN to type). */
  clerkName?: string;
}

/**
 * Clerks sign in as themselves with their name and PIN (DESIGN §14); IT keeps the API token
 * sign-in. Both are kept only until this browser tab closes.
 */
export function SignInScreen({ onSignIn, onClerkSignIn, onCancel, message, clerkName }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'clerk' | 'token'>('clerk');
  const [fixedName, setFixedName] = useState(clerkName);
  const [name, setName] = useState(clerkName ?? '');
  const pinInput = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(message);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // After a lock the name is known: straight to the PIN (after the heading took the focus).
  useEffect(() => {
    if (clerkName) pinInput.current?.focus();
  }, [clerkName]);

  async function submit(): Promise<void> {
    if (mode === 'clerk' && (!name.trim() || !pin)) return setError(t('signIn.enterNamePin'));
    if (mode === 'token' && !token.trim()) return setError(t('signIn.enterToken'));
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'clerk') await onClerkSignIn(name.trim(), pin);
      else await onSignIn(token.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPin('');
      setBusy(false);
    }
  }

  const errorProps = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? 'sign-in-error' : undefined } as const;
  return (
    <main className="sign-in">
      <form
        className="card sign-in-card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1 ref={heading} tabIndex={-1}>
          {t('signIn.title')}
        </h1>
        {mode === 'clerk' ? (
          <>
            <p>{fixedName ? t('signIn.lockedIntro', { name: fixedName }) : t('signIn.clerkIntro')}</p>
            <div className="field">
              <label htmlFor="clerk-name">{t('signIn.name')}</label>
              <input
                id="clerk-name"
                name="clerk-name"
                autoComplete="username"
                spellCheck={false}
                value={name}
                readOnly={Boolean(fixedName)}
                onChange={(e) => setName(e.target.value)}
                {...errorProps}
              />
            </div>
            <div className="field">
              <label htmlFor="clerk-pin">{t('signIn.pin')}</label>
              <input
                id="clerk-pin"
                name="clerk-pin"
                type="password"
                inputMode="numeric"
                autoComplete="current-password"
                ref={pinInput}
                value={pin}
                onChange={(e) => setPin(e.target.value)}
                {...errorProps}
              />
            </div>
          </>
        ) : (
          <>
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
                {...errorProps}
              />
            </div>
          </>
        )}
        {error && (
          <p id="sign-in-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <div className="sign-in-other">
          {mode === 'clerk' && fixedName && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setFixedName(undefined);
                setName('');
                setError(undefined);
              }}
            >
              {t('signIn.someoneElse', { name: fixedName })}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setMode(mode === 'clerk' ? 'token' : 'clerk');
              setError(undefined);
            }}
          >
            {mode === 'clerk' ? t('signIn.useToken') : t('signIn.useClerk')}
          </button>
          {onCancel && (
            <button type="button" className="button button-quiet" onClick={onCancel}>
              {t('signIn.back')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
