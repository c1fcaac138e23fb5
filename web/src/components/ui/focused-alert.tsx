import { Alert, type AlertProps } from '@digdir/designsystemet-react';
import { useFocusOnMount } from './use-focus-on-mount';

/**
 * An Alert that takes focus when it appears: the answer to what the user just did. Give it a new `key` per
 * attempt to move focus to it again when the same kind of answer repeats.
 */
export function FocusedAlert({ className, ...props }: AlertProps) {
  const ref = useFocusOnMount<HTMLDivElement>();
  return <Alert ref={ref} tabIndex={-1} className={className ? `focused-alert ${className}` : 'focused-alert'} {...props} />;
}
