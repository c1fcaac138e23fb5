import '@digdir/designsystemet-css';
import './theme/build/kundeweb.css';
import './styles/global.css';
import { i18nReady } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

// The remembered language's texts first (already there for Norwegian; English is fetched), so nothing flashes.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
