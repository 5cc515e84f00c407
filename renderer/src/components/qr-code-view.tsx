import { useMemo } from 'react';
import { drawQr } from '../view/qr-code';

/** The offer as a QR code: an SVG that scales to whatever box the layout gives it. */
export function QrCodeView({ text, label }: { text: string; label: string }) {
  const qr = useMemo(() => drawQr(text), [text]);
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-qr-version={qr.version}
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
