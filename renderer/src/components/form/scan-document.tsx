import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DocumentClaims, ScanResult } from '../../view/scanned-document';

// The document parsers load the first time something is scanned, not with the counter UI.
const reader = () => import('../../view/scanned-document').then((m) => m.readScannedDocument);

/**
 * How long the scanner may pause before the text is judged. An MRZ is complete by its shape (lines
 * of a fixed width), a licence barcode only by silence; what is not a document is said only after
 * a longer silence, so that a scan slowed down by a busy kiosk is never cut in two.
 */
const SETTLE_MS = { mrz: 250, aamva: 600, problem: 1_500 } as const;

interface Props {
  /** Fills the form; returns how many fields it filled. */
  onDocument: (claims: DocumentClaims) => number;
}

type Notice = { tone: 'success' | 'danger' | 'warning'; text: string };

function problemText(result: Extract<ScanResult, { kind: 'mrz-invalid' | 'unknown' }>, t: TFunction): string {
  if (result.kind === 'unknown') return t('scan.unknown');
  const known = [
    'documentNumberCheckDigit',
    'birthDateCheckDigit',
    'expirationDateCheckDigit',
    'personalNumberCheckDigit',
    'compositeCheckDigit',
    'issuingState',
    'nationality',
  ] as const;
  const names = result.fields.map((f) =>
    t(`scan.fields.${(known as readonly string[]).includes(f) ? (f as (typeof known)[number]) : 'other'}`),
  );
  return t('scan.checkDigits', { fields: [...new Set(names)].join(', ') });
}

/**
 * *Scan document*: where a keyboard-wedge scanner types a licence barcode (AAMVA PDF417) or a
 * passport/ID card MRZ (ICAO 9303). Once the text settles it is read, the form is filled, and the
 * box is emptied again: the clerk then checks the filled fields against the document.
 */
export function ScanDocument({ onDocument }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const latest = useRef(onDocument);
  latest.current = onDocument;

  useEffect(() => {
    if (!text.trim()) return;
    let cancelled = false;
    const judge = async (after: number) => {
      const read = await reader();
      if (cancelled) return;
      const result = read(text);
      if (result.kind === 'incomplete') return;
      const wait = result.kind === 'aamva' ? SETTLE_MS.aamva : result.kind === 'unknown' ? SETTLE_MS.problem : SETTLE_MS.mrz;
      if (after < wait) {
        timer = setTimeout(() => void judge(wait), wait - after);
        return;
      }
      setText('');
      if (result.kind === 'aamva' || result.kind === 'mrz') {
        const document = t(result.kind === 'aamva' ? 'scan.aamva' : 'scan.mrz');
        const count = latest.current(result.claims);
        setNotice(
          count > 0
            ? { tone: 'success', text: t('scan.filled', { count, document }) }
            : { tone: 'warning', text: t('scan.nothingToFill', { document }) },
        );
      } else setNotice({ tone: 'danger', text: problemText(result, t) });
    };
    let timer = setTimeout(() => void judge(SETTLE_MS.mrz), SETTLE_MS.mrz);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, t]);

  return (
    <div className="field field-scan">
      <label htmlFor="scan-document">{t('scan.label')}</label>
      <textarea
        id="scan-document"
        className="scan-input"
        rows={1}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`scan-document-hint scan-document-notice${notice?.tone === 'danger' ? ' scan-document-problem' : ''}`}
        value={text}
        onChange={(e) => {
          setNotice(undefined);
          setText(e.target.value);
        }}
      />
      <p id="scan-document-hint" className="field-hint">
        {t('scan.hint')}
      </p>
      <p id="scan-document-notice" className={`scan-notice tone-${notice?.tone ?? 'neutral'}`} role="status">
        {notice?.tone === 'danger' ? '' : notice?.text}
      </p>
      {notice?.tone === 'danger' && (
        <p id="scan-document-problem" className="scan-notice tone-danger" role="alert">
          {notice.text}
        </p>
      )}
    </div>
  );
}
