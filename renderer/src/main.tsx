import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from './i18n.js';

function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>{i18n.t('app.title')}</h1>
      <p>{i18n.t('app.tagline')}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
