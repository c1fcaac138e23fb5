import { Spinner } from '@digdir/designsystemet-react';

/** A spinner with a text that screen readers read out. */
export function Loading({ label, fullPage = false }: { label: string; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'loading loading--full-page' : 'loading'} role="status">
      <Spinner aria-hidden data-size="md" />
      <span>{label}</span>
    </div>
  );
}
