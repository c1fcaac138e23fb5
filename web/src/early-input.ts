/**
 * The log-in and start pages are painted before their script has run (pre-rendered, issue 7). Until the app has taken
 * the page over, what the user does on it is held here (main.tsx starts it, app.tsx ends it): clicks on buttons, check
 * boxes and labels — which would do nothing, or send the log-in form without the app — are stopped and replayed once
 * the app runs, and text typed into fields is handed to the app then. Links work as links all along.
 */
const HELD = 'button, input[type="checkbox"], input[type="radio"], input[type="submit"], label';
const held: HTMLElement[] = [];
let holding = false;

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target.closest<HTMLElement>(HELD) : null;
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
}

export function releaseEarlyInput(): void {
  if (!holding) return;
  holding = false;
  document.removeEventListener('click', onClick, true);
  document.removeEventListener('submit', onSubmit, true);
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
