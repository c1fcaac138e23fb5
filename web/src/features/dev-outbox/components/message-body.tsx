import { Link } from '@digdir/designsystemet-react';
import { splitLinks } from './split-links';

/** A message's plain text as it would arrive, with its links clickable – built as elements, never as HTML. */
export function MessageBody({ text }: { text: string }) {
  return (
    <pre className="outbox-message__body">
      {splitLinks(text).map((part, index) =>
        part.kind === 'link' ? (
          <Link key={index} href={part.href}>
            {part.href}
          </Link>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}
