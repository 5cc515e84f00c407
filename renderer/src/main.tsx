import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { localPreferenceStore } from './preferences/preferences';
import { Root } from './root';
import { sessionTokenStore } from './session/token-store';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root
      bridge={window.counter}
      tokens={sessionTokenStore(window.sessionStorage)}
      baseUrl={window.location.origin}
      preferenceStore={localPreferenceStore(window.localStorage, navigator.languages)}
    />
  </StrictMode>,
);
