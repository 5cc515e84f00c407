import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PORTRAIT_BYTES, sniffPortraitFile } from '../../view/file-value';
import type { FieldValue, FileValue, FormField } from '../../view/claims-form';
import { portraitFromFile } from '../../view/portrait-image';
import { CameraCapture } from './camera-capture';
import { describedBy, FieldNotes, RequiredMark } from './field-shell';

interface Props {
  id: string;
  field: FormField;
  label: string;
  value: FileValue | undefined;
  error: string | undefined;
  onChange: (value: FieldValue | undefined) => void;
  onFileError: (message: string | undefined) => void;
  onBlur: () => void;
}

/** Without image limits a photo is only converted to JPEG, at most this large a side. */
const PLAIN_LIMITS = { width: 2000, height: 2000, maxBytes: MAX_PORTRAIT_BYTES };

/** The portrait: from the counter's camera (when the configuration gives image limits) or a JPEG/PNG file. */
export function PortraitInput({ id, field, label, value, error, onChange, onFileError, onBlur }: Props) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const hint = field.image ? t('portrait.fileHint', { width: field.image.width, height: field.image.height }) : t('portrait.fileHintPlain');

  // Keyboard focus returns to where the camera was opened from, once that button is back.
  const returnFocus = useRef(false);
  const closeCamera = useCallback(() => {
    returnFocus.current = true;
    setCamera(false);
  }, []);
  useEffect(() => {
    if (camera || !returnFocus.current) return;
    returnFocus.current = false;
    cameraButton.current?.focus();
  }, [camera]);
  const cameraError = useCallback(
    (message: string) => {
      onFileError(message);
      closeCamera();
    },
    [onFileError, closeCamera],
  );

  async function chooseFile(file: File): Promise<void> {
    const sniffed = await sniffPortraitFile(file);
    let result: { ok: true; value: FileValue } | { ok: false; message: string };
    if (sniffed.ok === true && !field.image) result = sniffed;
    else if (sniffed.ok === false) {
      const key =
        sniffed.problem === 'empty' ? 'portrait.empty' : sniffed.problem === 'too-large' ? 'portrait.tooLarge' : 'portrait.notImage';
      result = { ok: false, message: t(key, { kb: sniffed.sizeKb ?? 0 }) };
    } else {
      const converted = await portraitFromFile(file, field.image ?? { ...PLAIN_LIMITS, ...(await naturalSize(file)) });
      result = converted.ok
        ? converted
        : {
            ok: false,
            message: t(converted.reason === 'too-large' ? 'portrait.cannotFit' : 'portrait.unreadable', {
              kb: Math.round((field.image?.maxBytes ?? MAX_PORTRAIT_BYTES) / 1000),
            }),
          };
    }
    if (result.ok) {
      onFileError(undefined);
      onChange(result.value);
    } else {
      onFileError(result.message);
      onChange(undefined);
    }
    onBlur();
  }

  return (
    <div className="field field-file">
      <label htmlFor={id}>
        {label}
        <RequiredMark required={field.required} />
      </label>
      <div className="portrait">
        {value && <img className="portrait-preview" src={`data:${value.type};base64,${value.base64}`} alt={t('portrait.chosen')} />}
        <div className="portrait-controls">
          {value && (
            <p className="file-name">
              {value.source === 'camera'
                ? t('portrait.fromCamera', { kb: Math.ceil(value.size / 1000) })
                : t('portrait.fromFile', { name: value.name, kb: Math.ceil(value.size / 1000) })}{' '}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  onChange(undefined);
                  onFileError(undefined);
                }}
              >
                {t('portrait.remove')}
              </button>
            </p>
          )}
          {field.image && !camera && (
            <button ref={cameraButton} type="button" className="button" onClick={() => setCamera(true)}>
              {value ? t('portrait.retake') : t('portrait.useCamera')}
            </button>
          )}
          <input
            id={id}
            name={field.key}
            // A new key empties the native input when the value is removed.
            key={value ? 'set' : 'empty'}
            type="file"
            accept="image/jpeg,image/png"
            aria-invalid={error ? true : undefined}
            aria-required={field.required || undefined}
            aria-describedby={describedBy(id, hint, error)}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void chooseFile(file);
            }}
          />
        </div>
      </div>
      {camera && field.image && (
        <CameraCapture
          limits={field.image}
          onError={cameraError}
          onClose={closeCamera}
          onCapture={(captured) => {
            onFileError(undefined);
            onChange(captured);
            onBlur();
            closeCamera();
          }}
        />
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A PNG without configured limits keeps its own size (only converted to JPEG). */
async function naturalSize(file: Blob): Promise<{ width: number; height: number }> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: Math.max(32, Math.min(2000, bitmap.width)), height: Math.max(32, Math.min(2000, bitmap.height)) };
    bitmap.close();
    return size;
  } catch {
    return { width: PLAIN_LIMITS.width, height: PLAIN_LIMITS.height };
  }
}
