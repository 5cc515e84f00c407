import type { FieldValue, FileValue, FormField } from '../view/claims-form';
import { readPortraitFile } from '../view/file-value';

interface Props {
  field: FormField;
  value: FieldValue | undefined;
  /** Shown only once the field was touched or the clerk tried to submit. */
  error: string | undefined;
  onChange: (value: FieldValue | undefined) => void;
  onFileError: (message: string | undefined) => void;
  onBlur: () => void;
}

export const inputId = (key: string): string => `claim-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function ClaimInput({ field, value, error, onChange, onFileError, onBlur }: Props) {
  const id = inputId(field.key);
  const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.key,
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy,
  } as const;
  const text = typeof value === 'string' ? value : '';

  let control;
  switch (field.input) {
    case 'boolean':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.required ? 'Choose…' : 'Not stated'}</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      );
      break;
    case 'json':
      control = <textarea {...common} rows={2} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'file':
      control = (
        <FileInput common={common} value={typeof value === 'object' ? value : undefined} onChange={onChange} onFileError={onFileError} />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type={field.input === 'datetime' ? 'datetime-local' : field.input === 'number' ? 'text' : field.input}
          inputMode={field.input === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }

  return (
    <div className={`field field-${field.input}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {control}
      {field.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {field.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = {
  id: string;
  name: string;
  onBlur: () => void;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-describedby'?: string;
};

function FileInput({
  common,
  value,
  onChange,
  onFileError,
}: {
  common: Common;
  value: FileValue | undefined;
  onChange: Props['onChange'];
  onFileError: Props['onFileError'];
}) {
  return (
    <div className="file-input">
      {value && <img className="portrait-preview" src={`data:${value.type};base64,${value.base64}`} alt="Chosen portrait" />}
      <input
        {...common}
        // A new key empties the native input when the value is removed.
        key={value ? 'set' : 'empty'}
        type="file"
        accept="image/jpeg"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          const result = await readPortraitFile(file);
          if (result.ok) {
            onFileError(undefined);
            onChange(result.value);
          } else {
            onFileError(result.message);
            onChange(undefined);
          }
          common.onBlur();
        }}
      />
      {value && (
        <p className="file-name">
          {value.name} · {Math.ceil(value.size / 1000)} KB{' '}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onChange(undefined);
              onFileError(undefined);
            }}
          >
            Remove
          </button>
        </p>
      )}
    </div>
  );
}
