import { useEffect, useRef } from 'react';

/**
 * Focus the element when it appears (give it tabIndex={-1}), so a screen reader reads it out and keyboard users
 * continue from there: a result that replaces a form, an error that answers a submit.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
