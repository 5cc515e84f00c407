// DESIGN §7: the time from *Create offer* (or *New code, same details*) to the QR code drawn,
// measured by the page itself (performance marks) and read by the create → QR benchmark.
export const CREATE_MARK = 'counter:create-offer';
export const QR_DRAWN_MARK = 'counter:qr-drawn';
export const CREATE_TO_QR_MEASURE = 'counter:create-to-qr';

export function markCreate(): void {
  performance.clearMarks(CREATE_MARK);
  performance.mark(CREATE_MARK);
}
