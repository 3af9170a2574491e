import { createTransport } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { KizunaError } from '../errors.js';

/** Where mail goes out and who it comes from; without them Kizuna only shows its links on screen. */
export interface MailSettings {
  /** The SMTP server, `smtp://user:password@host:587` or `smtps://…`. */
  url: string;
  /** The sender, `Kizuna <no-reply@example.org>`. */
  from: string;
}

/** One plain-text mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Further header fields, such as List-Unsubscribe. */
  headers?: Record<string, string> | undefined;
}

/** Sends mail; rejects with a KizunaError('internal') when the server refuses or cannot be reached. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

const URL_EXAMPLE = 'smtp://user:password@mail.example.org:587';
const FROM_EXAMPLE = 'Kizuna <no-reply@example.org>';

/**
 * Reads KIZUNA_SMTP_URL and KIZUNA_MAIL_FROM: undefined when neither is set, a
 * KizunaError('validation_failed') naming the variable when only one is set or either is malformed.
 * @example mailSettingsFromEnv({ KIZUNA_SMTP_URL: 'smtp://mail.example.org', KIZUNA_MAIL_FROM: 'no-reply@example.org' })
 */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings | undefined {
  // An empty variable counts as unset, as DATABASE_URL does.
  const url = env.KIZUNA_SMTP_URL || undefined;
  const from = env.KIZUNA_MAIL_FROM || undefined;
  if (url === undefined && from === undefined) return undefined;
  if (url === undefined) {
    throw settingsError(
      'KIZUNA_SMTP_URL',
      `KIZUNA_MAIL_FROM is set but KIZUNA_SMTP_URL is not: set KIZUNA_SMTP_URL to your SMTP server, like ${URL_EXAMPLE}, or unset KIZUNA_MAIL_FROM.`,
    );
  }
  if (from === undefined) {
    throw settingsError(
      'KIZUNA_MAIL_FROM',
      `KIZUNA_SMTP_URL is set but KIZUNA_MAIL_FROM is not: set KIZUNA_MAIL_FROM to the sender, like ${FROM_EXAMPLE}, or unset KIZUNA_SMTP_URL.`,
    );
  }
  if (!isSmtpUrl(url)) {
    throw settingsError(
      'KIZUNA_SMTP_URL',
      `KIZUNA_SMTP_URL must be an smtp:// or smtps:// address with a host, like ${URL_EXAMPLE}.`,
    );
  }
  if (!isSingleAddress(from)) {
    throw settingsError(
      'KIZUNA_MAIL_FROM',
      `KIZUNA_MAIL_FROM must be one mail address, like ${FROM_EXAMPLE} or no-reply@example.org.`,
    );
  }
  return { url, from };
}

/** A mailer that sends through the configured SMTP server, or undefined when mail is not configured. */
export function createMailer(settings: MailSettings | undefined): Mailer | undefined {
  if (settings === undefined) return undefined;
  const transport = createTransport(settings.url, { from: settings.from });
  const server = new URL(settings.url);
  return {
    async send(mail) {
      try {
        await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
      } catch (error) {
        const reason = withoutPassword(error instanceof Error ? error.message : String(error), server.password);
        throw new KizunaError('internal', `The SMTP server ${server.host} refused the mail or could not be reached: ${reason}`);
      }
    },
  };
}

function settingsError(variable: string, message: string): KizunaError {
  return new KizunaError('validation_failed', message, [{ field: variable, message }]);
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isSingleAddress(value: string): boolean {
  const addresses = addressparser(value);
  // addressparser accepts almost anything, so also ask for a local part and a domain.
  return addresses.length === 1 && /^[^@\s]+@[^@\s]+$/.test(addresses[0]?.address ?? '');
}

/** Server and socket messages should never carry the password, but a log line must not risk it. */
function withoutPassword(message: string, password: string): string {
  if (password === '') return message;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray % in the password: only the password as written can appear.
  }
  return [password, decoded].reduce((text, secret) => text.split(secret).join('***'), message);
}
