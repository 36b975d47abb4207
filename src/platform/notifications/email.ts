/**
 * E-mail over nodemailer. With an SMTP URL (`SCHOLA_SMTP_URL`: `smtp://user:pass@host:587`,
 * `smtps://…:465`, `?pool=true` to keep connections open) messages go to that server. Without one,
 * the **outbox** transport builds the same RFC 5322 message and stores it in
 * notifications.outbox_messages instead of sending it, so the demo works offline and every
 * "sent" e-mail can be read back.
 *
 * The Message-ID is the delivery's id, so a message sent again after an unknown outcome (the process
 * died between the server's answer and recording it) is recognisably the same message.
 */
import nodemailer from 'nodemailer';
import type { Database } from '../db/database.js';

export interface OutgoingEmail {
  tenantId: string;
  deliveryId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: string;
  headers: Record<string, string>;
  /** Safety alerts: X-Priority 1, Importance high. */
  priority?: 'high' | 'normal';
}

export interface Mailer {
  /** Resolves with the provider's message id once the server took the message; rejects otherwise. */
  send(message: OutgoingEmail): Promise<string>;
  close(): void;
  readonly kind: 'smtp' | 'outbox';
}

export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

const domainOf = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'schola.invalid';

function mailOptions(message: OutgoingEmail) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.deliveryId}@${domainOf(message.from)}>`,
    headers: { 'Content-Language': message.locale, ...message.headers },
    priority: message.priority ?? 'normal',
  };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail(mailOptions(message));
        return info.messageId;
      } catch (error) {
        // 5xx: the server refuses this message for good (unknown mailbox…); retrying cannot help.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600)
          throw new PermanentDeliveryError(`the SMTP server refused the message (${code})`);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

export function outboxMailer(database: Database): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(message) {
      const info = await transport.sendMail(mailOptions(message));
      const raw = (info.message as Buffer).toString('utf8');
      // As the owner, outside tenant transactions (the delivery task is not one); the key is the delivery.
      await database.query(
        `INSERT INTO notifications.outbox_messages (tenant_id, delivery_id, message_id, recipient, subject, raw)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [message.tenantId, message.deliveryId, info.messageId, message.to, message.subject, raw],
      );
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
