import { ErrorSummary } from '@digdir/designsystemet-react';
import { useEffect, useRef, type ComponentRef, type MouseEvent } from 'react';

export interface SummaryError {
  /** The id of the field the message belongs to; the link moves focus there. */
  fieldId: string;
  message: string;
}

interface FormErrorSummaryProps {
  heading: string;
  errors: SummaryError[];
  /** A number that changes on every submit, so focus returns to the summary when errors remain. */
  focusKey: number;
}

/**
 * Designsystemet's error summary above a form with several fields: every message links to its field.
 * It takes focus when it appears (the web component does so itself) and again after each failed submit.
 */
export function FormErrorSummary({ heading, errors, focusKey }: FormErrorSummaryProps) {
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);

  // Focus by script rather than following "#id": the address keeps the route, and the field gets focus
  // (not just scrolled to), as Designsystemet's guidance asks.
  const goToField = (fieldId: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };

  if (errors.length === 0) return null;
  return (
    <ErrorSummary ref={ref} className="form-error-summary">
      <ErrorSummary.Heading level={2} data-size="2xs">
        {heading}
      </ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((error) => (
          <ErrorSummary.Item key={error.fieldId}>
            <ErrorSummary.Link href={`#${error.fieldId}`} onClick={goToField(error.fieldId)}>
              {error.message}
            </ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
