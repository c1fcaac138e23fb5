/**
 * The server writes its user-facing messages in Norwegian bokmål (`{ error: { code, message } }` and the
 * `message` of a 200/202 answer). In the Norwegian interface they are shown as written – the server knows best,
 * e.g. which password rule failed. In any other language the interface's own translation of the same outcome is
 * shown instead of a Norwegian sentence in an English page.
 */
export function serverMessage(language: string | undefined, message: string | undefined, translation: string): string {
  return (language ?? 'nb') === 'nb' && message ? message : translation;
}
