import '@digdir/designsystemet-css';
import './theme/build/kundeweb.css';
import './styles/global.css';
import { startEarlyRequests } from './app/early-requests';
import { holdEarlyInput } from './early-input';

// The app itself (boot.tsx and the ~190 KB gzip it imports) is fetched once the page is on the screen. The log-in and
// start pages come pre-rendered (prerender.tsx), so their first paint needs only the HTML and the CSS; fetching the
// JavaScript alongside would share a phone's slow line with the CSS and hold the paint back (issue 7: Lighthouse
// mobile). Pages that are not pre-rendered have nothing to paint before the app runs, so they start it at once.
// The session and the company are asked for first, while the app is on its way (app/early-requests.ts).
// Each step in a task of its own: a page's first fetch() costs milliseconds of main thread.
afterFirstPaint(() => {
  startEarlyRequests('session');
  setTimeout(() => {
    startEarlyRequests('company');
    setTimeout(() => void import('./boot'), 0);
  }, 0);
});

function afterFirstPaint(run: () => void): void {
  const prerendered = document.getElementById('root')?.hasChildNodes() ?? false;
  if (prerendered) holdEarlyInput();
  // a hidden tab paints no frames, and would never start
  if (!prerendered || document.visibilityState !== 'visible') return run();
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    run();
  };
  // the frame's callback runs just before it is painted; a task queued from there runs after the paint
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 500);
}
