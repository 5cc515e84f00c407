import { useTranslation } from 'react-i18next';
import { DATE_FORMATS, IDLE_CHOICES_SECONDS, LANGUAGES, type DateFormat, type Language } from '../../preferences/preferences';
import { usePreferences } from '../../preferences/preferences-context';
import { formatDateText } from '../../view/dates';

/** This machine's own preferences: language, the office's date format, the last type, the idle timeout. */
export function KioskSection() {
  const { t } = useTranslation();
  const { preferences, update } = usePreferences();
  const idleChoices = (IDLE_CHOICES_SECONDS as readonly number[]).includes(preferences.idleSeconds)
    ? IDLE_CHOICES_SECONDS
    : [preferences.idleSeconds, ...IDLE_CHOICES_SECONDS];
  return (
    <section aria-labelledby="kiosk-heading">
      <h2 id="kiosk-heading">{t('settings.kiosk')}</h2>
      <p className="form-note">{t('settings.kioskNote')}</p>
      <div className="settings-form">
        <div className="field">
          <label htmlFor="setting-language">{t('settings.language')}</label>
          <select id="setting-language" value={preferences.language} onChange={(e) => update({ language: e.target.value as Language })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`settings.languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="setting-date-format">{t('settings.dateFormat')}</label>
          <select
            id="setting-date-format"
            value={preferences.dateFormat}
            onChange={(e) => update({ dateFormat: e.target.value as DateFormat })}
          >
            {DATE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {formatDateText('2026-01-31', f)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="setting-idle">{t('settings.idle')}</label>
          <select id="setting-idle" value={preferences.idleSeconds} onChange={(e) => update({ idleSeconds: Number(e.target.value) })}>
            {idleChoices.map((s) => (
              <option key={s} value={s}>
                {s % 60 === 0 ? t('settings.idleChoice', { count: s / 60 }) : t('settings.idleSeconds', { count: s })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="setting-lock">{t('settings.lock')}</label>
          <select id="setting-lock" value={preferences.lockSeconds} onChange={(e) => update({ lockSeconds: Number(e.target.value) })}>
            {((IDLE_CHOICES_SECONDS as readonly number[]).includes(preferences.lockSeconds)
              ? IDLE_CHOICES_SECONDS
              : [preferences.lockSeconds, ...IDLE_CHOICES_SECONDS]
            ).map((s) => (
              <option key={s} value={s}>
                {s % 60 === 0 ? t('settings.idleChoice', { count: s / 60 }) : t('settings.idleSeconds', { count: s })}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={preferences.rememberType} onChange={(e) => update({ rememberType: e.target.checked })} />
          <span>{t('settings.rememberType')}</span>
        </label>
      </div>
    </section>
  );
}
