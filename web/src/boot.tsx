// The app, started by main.tsx once the page is on the screen. Its steps run in tasks of their own, so that a phone's
// main thread is never held long at a time (issue 7: Lighthouse's total blocking time, 4× CPU slow-down).
import { startTransition, StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRouter } from './app/router';
import { holdLinksWhileHydrating } from './early-input';
import { rememberedLanguage, switchToRememberedLanguage } from './i18n';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

await nextTask();
const language = rememberedLanguage();
await nextTask();
const router = createRouter();
await nextTask();

const app = (
  <StrictMode>
    <App router={router} />
  </StrictMode>
);

// The log-in page and the start page come pre-rendered in Norwegian (prerender.tsx): React takes that DOM over as it
// is, in a transition, so the work is done in slices. Anyone else (English remembered, other pages) gets the page
// rendered here once the remembered language's texts are in place: English readers see the pre-rendered Norwegian
// page until then (what they typed in it is lost), never a page mixing the two.
if (root.hasChildNodes() && language === 'nb') {
  holdLinksWhileHydrating();
  startTransition(() => {
    hydrateRoot(root, app);
  });
} else {
  void switchToRememberedLanguage().then(() => {
    // (React empties the container when it first commits, so the pre-rendered page stays until then.)
    createRoot(root).render(app);
  });
}
