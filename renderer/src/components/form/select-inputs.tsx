import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../../shared/claims/iso-3166';
import { localized, type FieldValue, type FormField } from '../../view/claims-form';

type Common = {
  id: string;
  name: string;
  onBlur: () => void;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-describedby'?: string;
};

/** An enumerated claim (ISO 5218 sex, …): its configured values with their names in this language. */
export function OptionSelect({
  common,
  field,
  value,
  onChange,
}: {
  common: Common;
  field: FormField;
  value: string;
  onChange: (v: FieldValue) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{field.required ? t('form.choose') : t('form.notStated')}</option>
      {field.values?.map((option) => (
        <option key={String(option.value)} value={String(option.value)}>
          {localized(option, i18n.language)}
        </option>
      ))}
    </select>
  );
}

/** ISO 3166-1 alpha-2, named by the browser (Intl.DisplayNames) in the clerk's language, sorted by name. */
export function CountrySelect({
  common,
  required,
  value,
  onChange,
}: {
  common: Common;
  required: boolean;
  value: string;
  onChange: (v: FieldValue) => void;
}) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(i18n.language);
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
  }, [i18n.language]);
  return (
    <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{required ? t('form.choose') : t('form.notStated')}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name} ({o.code})
        </option>
      ))}
    </select>
  );
}
