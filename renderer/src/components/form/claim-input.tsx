import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../preferences/preferences-context';
import { localized, type FieldValue, type FileValue, type FormField, type PrivilegesValue } from '../../view/claims-form';
import { parseDateText, spelledDate } from '../../view/dates';
import { INTL_LOCALE } from '../../i18n/i18n';
import { dateHintText } from './form-messages';
import { describedBy, FieldShell } from './field-shell';
import { CountrySelect, OptionSelect } from './select-inputs';
import { DerivedOutput } from './derived-output';
import { PortraitInput } from './portrait-input';
import { PrivilegesInput } from './privileges-input';

export interface ClaimInputProps {
  field: FormField;
  value: FieldValue | undefined;
  /** For derived fields: the value worked out, if any. */
  derived?: unknown;
  /** The label of the claim a derived field comes from. */
  fromLabel?: string;
  error: string | undefined;
  onChange: (value: FieldValue | undefined) => void;
  onFileError: (message: string | undefined) => void;
  onBlur: () => void;
}

export { inputId } from './field-shell';

/** One claim's widget, chosen from its type and metadata (view/claims-form.ts `input`). */
export function ClaimInput(props: ClaimInputProps) {
  const { field, value, error, onChange, onBlur } = props;
  const { t, i18n } = useTranslation();
  const { preferences } = usePreferences();
  const id = `claim-${field.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const label = localized(field, i18n.language);
  const text = typeof value === 'string' ? value : '';
  const locale = INTL_LOCALE[preferences.language];

  if (field.input === 'derived') return <DerivedOutput id={id} label={label} value={props.derived} from={props.fromLabel ?? ''} />;
  if (field.input === 'privileges') {
    return (
      <PrivilegesInput
        id={id}
        field={field}
        label={label}
        value={value as PrivilegesValue | undefined}
        error={error}
        onChange={onChange}
        onBlur={onBlur}
      />
    );
  }
  if (field.input === 'file') {
    return (
      <PortraitInput
        id={id}
        field={field}
        label={label}
        value={typeof value === 'object' ? (value as FileValue) : undefined}
        error={error}
        onChange={onChange}
        onFileError={props.onFileError}
        onBlur={onBlur}
      />
    );
  }

  let hint: string | undefined;
  if (field.input === 'date') {
    const parsed = parseDateText(text, preferences.dateFormat);
    hint = (parsed && spelledDate(parsed, locale)) || t('form.dateHint', { hint: dateHintText(preferences.dateFormat, t) });
  } else if (field.input === 'json') hint = t('form.jsonHint');
  const common = {
    id,
    name: field.key,
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy(id, hint, error),
  } as const;

  let control;
  switch (field.input) {
    case 'boolean':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.required ? t('form.choose') : t('form.notStated')}</option>
          <option value="true">{t('form.yes')}</option>
          <option value="false">{t('form.no')}</option>
        </select>
      );
      break;
    case 'select':
      control = <OptionSelect common={common} field={field} value={text} onChange={onChange} />;
      break;
    case 'country':
      control = <CountrySelect common={common} required={field.required} value={text} onChange={onChange} />;
      break;
    case 'json':
      control = <textarea {...common} rows={2} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      control = (
        <input
          {...common}
          type={field.input === 'datetime' ? 'datetime-local' : 'text'}
          inputMode={field.input === 'number' ? 'decimal' : field.input === 'date' ? 'numeric' : undefined}
          placeholder={field.input === 'date' ? dateHintText(preferences.dateFormat, t) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  return (
    <FieldShell id={id} label={label} required={field.required} hint={hint} error={error} className={`field-${field.input}`}>
      {control}
    </FieldShell>
  );
}
