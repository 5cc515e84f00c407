// DESIGN §7: the time from pressing *Create offer* to the frame that shows the QR code. The probe
// runs inside the page (Playwright's addInitScript), so the product carries no timing code and
// Playwright's own latency is not counted: a capture-phase click listener marks the press, a
// MutationObserver sees the QR's SVG arrive, and the mark after the next paint closes the measure.

export const CREATE_TO_QR_MEASURE = 'counter:create-to-qr';

/** Runs in the browser before the app's scripts; self-contained (no imports, no closures over this module). */
export function installCreateToQrProbe(): void {
  const create = 'counter:create-offer';
  const drawn = 'counter:qr-drawn';
  const measure = 'counter:create-to-qr';
  let pressed = false;
  let shown: Element | null = null;
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button?.textContent?.trim() !== 'Create offer') return;
      performance.clearMarks(create);
      performance.mark(create);
      shown = document.querySelector('svg.qr[role="img"]');
      pressed = true;
    },
    true,
  );
  new MutationObserver(() => {
    if (!pressed) return;
    const qr = document.querySelector('svg.qr[role="img"]');
    if (!qr || qr === shown) return;
    pressed = false;
    // After the next paint: the frame that shows the code.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(drawn);
        performance.measure(measure, create, drawn);
      }, 0),
    );
  }).observe(document, { childList: true, subtree: true });
}
