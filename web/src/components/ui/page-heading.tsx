import { Heading } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeadingProps {
  children: ReactNode;
  /** The page's name in the browser tab; the heading text when that is plain text. */
  documentTitle?: string;
}

/** Sets the browser tab's title to "<page> – Min side". */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const title = page ? t('app.documentTitle', { page }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/**
 * The page's one h1, which also sets the document title ("Måler – Min side").
 * It can take focus (tabIndex -1) so the layout can move focus to it after a navigation.
 */
export function PageHeading({ children, documentTitle }: PageHeadingProps) {
  useDocumentTitle(documentTitle ?? (typeof children === 'string' ? children : undefined));

  return (
    <Heading level={1} data-size="lg" className="page-heading" tabIndex={-1}>
      {children}
    </Heading>
  );
}
