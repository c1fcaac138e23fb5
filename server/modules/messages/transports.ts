import nodemailer from 'nodemailer';
import type { ClaimedMessage } from './outbox.repository.js';

/** Delivers one message or throws; the outbox worker retries. */
export interface MessageTransport {
  readonly name: string;
  send(message: ClaimedMessage): Promise<void>;
}

export function smtpTransport(smtpUrl: string, from: string): MessageTransport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.bodyText,
        ...(message.bodyHtml ? { html: message.bodyHtml } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * The SMS gateway interface: one HTTP POST of JSON `{ from, to, message }` with a bearer token. Providers differ;
 * an adapter for a specific provider implements MessageTransport the same way. The gateway itself is a third
 * party that cannot run here, so tests use a local HTTP server in its place.
 */
export function httpSmsGateway(url: string, token: string | undefined, sender: string, timeoutMs = 10_000): MessageTransport {
  return {
    name: 'sms-http',
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ from: sender, to: message.recipient, message: message.bodyText }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** Development only: the message is "delivered" by staying readable in the development outbox page. */
export const devOutboxTransport: MessageTransport = {
  name: 'dev-outbox',
  async send() {},
};
