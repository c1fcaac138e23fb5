/**
 * The company's name as the server wrote it into the page (issue 7): the pre-rendered log-in and start pages are built
 * without it, with this placeholder where it goes, and server/plugins/web-app.ts puts the name in — in the header and in
 * `<meta name="kundeweb-company">` — when it sends the page. The header reads it from there until /api/company has
 * answered, so the first render in the browser matches the page it takes over (hydration) and the name never pops in.
 */
export const COMPANY_NAME_PLACEHOLDER = '%KUNDEWEB_COMPANY_NAME%';

let prerendering = false;
let cached: string | null | undefined;

/** Called by the build's pre-render: the pages then carry the placeholder for the server to fill. */
export function startPrerendering(): void {
  prerendering = true;
}

export function companyNameInPage(): string | undefined {
  if (prerendering) return COMPANY_NAME_PLACEHOLDER;
  if (cached === undefined) {
    const value = typeof document === 'undefined' ? null : document.querySelector('meta[name="kundeweb-company"]')?.getAttribute('content');
    // Still the placeholder: a page not served by our server (Vite's dev server, tests).
    cached = value && value !== COMPANY_NAME_PLACEHOLDER ? value : null;
  }
  return cached ?? undefined;
}
