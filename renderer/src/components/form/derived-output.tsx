import { useTranslation } from 'react-i18next';

/** A claim worked out from another (age_over_18 from the birth date): shown, never typed. */
export function DerivedOutput({ id, label, value, from }: { id: string; label: string; value: unknown; from: string }) {
  const { t } = useTranslation();
  const shown = value === undefined ? '—' : typeof value === 'boolean' ? (value ? t('form.yes') : t('form.no')) : String(value);
  return (
    <div className="field field-derived">
      <label htmlFor={id}>{label}</label>
      <output id={id} className="derived-value" aria-describedby={`${id}-hint`} data-testid={`derived-${id}`}>
        {shown}
      </output>
      <p id={`${id}-hint`} className="field-hint">
        {value === undefined ? t('form.derivedPending', { from }) : t('form.derivedHint', { from })}
      </p>
    </div>
  );
}
