import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { sessionTokenStore } from './session/token-store';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={window.counter} tokens={sessionTokenStore(window.sessionStorage)} baseUrl={window.location.origin} />
  </StrictMode>,
);
