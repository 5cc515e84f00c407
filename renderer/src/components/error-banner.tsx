import { useTranslation } from 'react-i18next';

export function ErrorBanner({ message, onDismiss }: { message: string | undefined; onDismiss?: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className="banner banner-danger" role="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
