import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { MAIN_CONTENT_ID } from './skip-link';

const section = (pathname: string) => pathname.split('/')[1] ?? '';

/**
 * After moving to another part of the portal (including arriving from the log-in page), focus goes to the new
 * page's heading, so screen-reader users hear where they are and keyboard users continue from there.
 * Switching between sub-choices of one section (Avlesning / Forbruk) keeps focus where it is, and so does the
 * first page load (location key "default"), where the browser starts at the top anyway.
 */
export function useFocusOnNavigation(): void {
  const { pathname, key } = useLocation();
  const previous = useRef<string | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = pathname;
    if (before === null ? key === 'default' : section(before) === section(pathname)) return;
    const main = document.getElementById(MAIN_CONTENT_ID);
    const heading = main?.querySelector<HTMLElement>('h1');
    (heading ?? main)?.focus({ preventScroll: true });
  }, [pathname, key]);
}
