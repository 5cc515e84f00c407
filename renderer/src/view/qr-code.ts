import { create, type QRCodeErrorCorrectionLevel } from 'qrcode';

// Level M (15 % recovery) survives glare and a slightly dirty screen without making the code much
// denser; ISO/IEC 18004 §6.3.8 asks for a quiet zone of 4 modules around it.
export const QR_ERROR_CORRECTION: QRCodeErrorCorrectionLevel = 'M';
export const QR_QUIET_ZONE = 4;

export interface QrDrawing {
  /** QR version (1–40): 21 + 4·(version − 1) modules a side. */
  version: number;
  /** Side in modules, quiet zone included: the SVG viewBox. */
  size: number;
  /** One SVG path covering every dark module. */
  path: string;
}

/** The QR code of `text` as one SVG path: crisp at any size, no canvas, no data URL. */
export function drawQr(text: string): QrDrawing {
  const qr = create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const n = qr.modules.size;
  const dark = (x: number, y: number): boolean => Boolean(qr.modules.data[y * n + x]);
  let path = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n;) {
      if (!dark(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && dark(x + run, y)) run++;
      path += `M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { version: qr.version, size: n + 2 * QR_QUIET_ZONE, path };
}
