import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../preferences/preferences-context';
import { localized, type FieldValue, type FormField, type PrivilegesValue } from '../../view/claims-form';
import { dateHintText } from './form-messages';
import { FieldNotes, RequiredMark } from './field-shell';

interface Props {
  id: string;
  field: FormField;
  label: string;
  value: PrivilegesValue | undefined;
  error: string | undefined;
  onChange: (value: FieldValue | undefined) => void;
  onBlur: () => void;
}

/** ISO 18013-5 §7.2.4 driving privileges: a checkbox per configured vehicle category, each with its dates. */
export function PrivilegesInput({ id, field, label, value, error, onChange, onBlur }: Props) {
  const { t, i18n } = useTranslation();
  const { preferences } = usePreferences();
  const categories = value?.categories ?? {};
  const hint = dateHintText(preferences.dateFormat, t);
  const set = (next: PrivilegesValue['categories']) => onChange({ kind: 'privileges', categories: next });

  return (
    <fieldset
      className="field field-privileges"
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {label}
        <RequiredMark required={field.required} />
      </legend>
      <ul className="privileges">
        {field.values?.map((option) => {
          const code = String(option.value);
          const dates = categories[code];
          const name = localized(option, i18n.language);
          return (
            <li key={code} className={`privilege${dates ? ' privilege-on' : ''}`}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={Boolean(dates)}
                  onChange={(e) => {
                    const next = { ...categories };
                    if (e.target.checked) next[code] = { issue: '', expiry: '' };
                    else delete next[code];
                    set(next);
                    onBlur();
                  }}
                />
                <span>{name}</span>
              </label>
              {dates && (
                <div className="privilege-dates" role="group" aria-label={t('form.privileges.datesOf', { category: code })}>
                  {(['issue', 'expiry'] as const).map((which) => (
                    <label key={which} className="privilege-date">
                      <span>
                        {t(which === 'issue' ? 'form.privileges.issued' : 'form.privileges.expires')}
                        <span className="visually-hidden"> {code}</span>
                      </span>
                      <input
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        placeholder={hint}
                        value={dates[which]}
                        onBlur={onBlur}
                        onChange={(e) => set({ ...categories, [code]: { ...dates, [which]: e.target.value } })}
                      />
                    </label>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <FieldNotes id={id} error={error} />
    </fieldset>
  );
}
