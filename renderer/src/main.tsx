import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { localPreferenceStore } from './preferences/preferences';
import { DisplayRoot } from './display/display-root';
import { Root } from './root';
import { sessionTokenStore } from './session/token-store';
import './styles.css';

// /display (or #/display in the Electron kiosk's second window): the customer-facing screen.
const isDisplay = /\/display\/?$/.test(window.location.pathname) || window.location.hash === '#/display';

createRoot(document.getElementById('root')!).render(
  isDisplay ? (
    <StrictMode>
      <DisplayRoot baseUrl={window.location.origin} languages={navigator.languages} bridge={window.counterDisplay} />
    </StrictMode>
  ) : (
    <StrictMode>
      <Root
        bridge={window.counter}
        kiosk={window.counterKiosk}
        tokens={sessionTokenStore(window.sessionStorage)}
        baseUrl={window.location.origin}
        preferenceStore={localPreferenceStore(window.localStorage, navigator.languages)}
      />
    </StrictMode>
  ),
);
