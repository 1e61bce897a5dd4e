import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The UI's Vietnamese face ships with the app (offline PCs cannot fetch one).
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import './i18n.js';
import './styles.css';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
