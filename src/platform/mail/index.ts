// Outbound email over SMTP. Addresses and bodies never go to the log.
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly enabled: boolean;
  /** Sends, or logs that mail is off; never throws (a failed notice must not undo the change that caused it). */
  send(msg: MailMessage): Promise<boolean>;
}

export function createMailer(config: Pick<Config, 'smtp' | 'mailFrom'>, log: FastifyBaseLogger): Mailer {
  const smtp = config.smtp;
  if (!smtp) {
    return {
      enabled: false,
      async send(msg) {
        log.info({ mail: 'skipped', subject: msg.subject }, 'mail is not configured (SMTP_HOST unset)');
        return false;
      },
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
  });
  return {
    enabled: true,
    async send(msg) {
      try {
        await transport.sendMail({ from: config.mailFrom, to: msg.to, subject: msg.subject, text: msg.text });
        return true;
      } catch (err) {
        log.warn({ mail: 'failed', code: (err as { code?: string }).code }, 'sending mail failed');
        return false;
      }
    },
  };
}
