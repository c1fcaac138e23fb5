import { SkipLink } from '@digdir/designsystemet-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAIN_CONTENT_ID = 'main-content';

/** "Hopp til hovedinnhold": the first thing keyboard users reach on every page. */
export function SkipToContent() {
  const { t } = useTranslation();
  // Focus is moved by script so the address bar keeps the route rather than getting "#main-content".
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <SkipLink href={`#${MAIN_CONTENT_ID}`} onClick={onClick}>
      {t('app.skipToContent')}
    </SkipLink>
  );
}
