/**
 * The log-in and start pages are painted before their script has run (pre-rendered, issue 7). Until the app has taken
 * the page over, what the user does on it is held here (main.tsx starts it, app.tsx ends it): clicks on buttons, check
 * boxes and labels — which would do nothing, or send the log-in form without the app — are stopped and replayed once
 * the app runs, and text typed into fields is handed to the app then. Links work as links until React starts taking
 * the page over (holdLinksWhileHydrating, boot.tsx); from then until it is done they are held too. A link clicked in
 * that window would reach React Router's handler before the router can navigate — the click was then lost (the
 * journey in e2e/accounts.spec.ts that follows «Registrer bruker» at once found it so).
 */
const HELD = 'button, input[type="checkbox"], input[type="radio"], input[type="submit"], label';
const HELD_WHILE_HYDRATING = `${HELD}, a[href]`;
const held: HTMLElement[] = [];
let holding = false;
let hydrating = false;
/** How far the pre-rendered page was scrolled, last seen before the app took it over. */
let scrolledTo = 0;

function onScroll(): void {
  scrolledTo = window.scrollY;
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target.closest<HTMLElement>(hydrating ? HELD_WHILE_HYDRATING : HELD) : null;
  if (!target || !document.getElementById('root')?.contains(target)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  held.push(target);
}

function onSubmit(event: Event): void {
  event.preventDefault();
}

export function holdEarlyInput(): void {
  if (holding) return;
  holding = true;
  document.addEventListener('click', onClick, true);
  document.addEventListener('submit', onSubmit, true);
  window.addEventListener('scroll', onScroll, { passive: true });
}

/**
 * Where the reader had scrolled the pre-rendered page to, once: React Router's ScrollRestoration puts a newly loaded
 * page at the top when the app starts, which would throw a reader who had scrolled back up — and move the page under
 * a pointer about to click (found by the journey in e2e/accounts.spec.ts). The router's root puts it back (router.tsx).
 */
export function takeScrollBeforeAppStart(): number {
  const y = holding ? scrolledTo : 0;
  scrolledTo = 0;
  return y;
}

/** React is about to take the pre-rendered page over: links are held from now on too, until releaseEarlyInput. */
export function holdLinksWhileHydrating(): void {
  if (holding) hydrating = true;
}

export function releaseEarlyInput(): void {
  if (!holding) return;
  holding = false;
  hydrating = false;
  document.removeEventListener('click', onClick, true);
  document.removeEventListener('submit', onSubmit, true);
  window.removeEventListener('scroll', onScroll);
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#root input:not([type="checkbox"]):not([type="radio"]), #root textarea')) {
    if (field.value === field.defaultValue) continue;
    // As if typed now: React notices a change only against the value it last saw, which is set through `value`;
    // the typed text then goes in past it, and the input event reaches the field's onChange.
    const typed = field.value;
    field.value = field.defaultValue;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set?.call(field, typed);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  for (const element of held.splice(0)) if (element.isConnected) element.click();
}
