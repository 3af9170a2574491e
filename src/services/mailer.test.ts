import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KizunaError } from '../errors.js';
import { createMailer, mailSettingsFromEnv, type Mailer } from './mailer.js';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

const received: ReceivedMail[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo: (address, _session, callback) => {
      if (address.address.endsWith('@refused.example.org')) {
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

const from = 'Kizuna <no-reply@example.org>';
const mailerAt = (url: string): Mailer => createMailer({ url, from })!;

/** A port on which nothing listens: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

async function sendError(mailer: Mailer, to: string): Promise<KizunaError> {
  const error = await mailer.send({ to, subject: 'Reset your password', text: 'Open the link.' }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(KizunaError);
  return error as KizunaError;
}

describe('sending mail', () => {
  it('delivers a plain-text mail with its recipient, subject and body', async () => {
    const mailer = mailerAt(`smtp://127.0.0.1:${port}`);
    await mailer.send({
      to: 'hanako@example.jp',
      subject: 'You are invited to Kizuna',
      text: 'Set your password here: https://kizuna.example.org/invite/abc\n',
    });

    const mail = received.at(-1)!;
    expect(mail.from).toBe('no-reply@example.org');
    expect(mail.to).toEqual(['hanako@example.jp']);
    const [headers = '', body = ''] = mail.raw.split('\r\n\r\n', 2);
    expect(headers).toMatch(/^Subject: You are invited to Kizuna$/m);
    expect(headers).toMatch(/^From: Kizuna <no-reply@example.org>$/m);
    expect(headers).toMatch(/^To: hanako@example.jp$/m);
    expect(headers).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(body).toBe('Set your password here: https://kizuna.example.org/invite/abc\r\n');
  });

  it('reports a refused recipient with the server message and without the password', async () => {
    const mailer = mailerAt(`smtp://kizuna:s3cret-word@127.0.0.1:${port}`);
    const error = await sendError(mailer, 'nobody@refused.example.org');
    expect(error.id).toBe('internal');
    expect(error.message).toMatch(new RegExp(`^The SMTP server 127\\.0\\.0\\.1:${port} refused the mail or could not be reached: `));
    expect(error.message).toContain('No such mailbox here');
    expect(error.message).not.toContain('s3cret-word');
  });

  it('reports a server that cannot be reached, without the password', async () => {
    const unreachable = await closedPort();
    const mailer = mailerAt(`smtp://kizuna:s3cret-word@127.0.0.1:${unreachable}`);
    const error = await sendError(mailer, 'hanako@example.jp');
    expect(error.id).toBe('internal');
    expect(error.message).toBe(
      `The SMTP server 127.0.0.1:${unreachable} refused the mail or could not be reached: connect ECONNREFUSED 127.0.0.1:${unreachable}`,
    );
  });

  it('is not created without settings', () => {
    expect(createMailer(undefined)).toBeUndefined();
  });
});

describe('mail settings from the environment', () => {
  const settingsError = (env: NodeJS.ProcessEnv): KizunaError => {
    try {
      mailSettingsFromEnv(env);
    } catch (error) {
      expect(error).toBeInstanceOf(KizunaError);
      expect((error as KizunaError).id).toBe('validation_failed');
      return error as KizunaError;
    }
    throw new Error('expected mailSettingsFromEnv to throw');
  };

  it('are absent when neither variable is set, or both are empty', () => {
    expect(mailSettingsFromEnv({})).toBeUndefined();
    expect(mailSettingsFromEnv({ KIZUNA_SMTP_URL: '', KIZUNA_MAIL_FROM: '' })).toBeUndefined();
  });

  it('are read when both variables are set', () => {
    expect(mailSettingsFromEnv({ KIZUNA_SMTP_URL: 'smtps://user:pass@mail.example.org:465', KIZUNA_MAIL_FROM: from })).toEqual({
      url: 'smtps://user:pass@mail.example.org:465',
      from,
    });
  });

  it('reject a from address without an SMTP URL', () => {
    const error = settingsError({ KIZUNA_MAIL_FROM: from });
    expect(error.message).toBe(
      'KIZUNA_MAIL_FROM is set but KIZUNA_SMTP_URL is not: set KIZUNA_SMTP_URL to your SMTP server, like smtp://user:password@mail.example.org:587, or unset KIZUNA_MAIL_FROM.',
    );
    expect(error.problems).toEqual([{ field: 'KIZUNA_SMTP_URL', message: error.message }]);
  });

  it('reject an SMTP URL without a from address', () => {
    expect(settingsError({ KIZUNA_SMTP_URL: 'smtp://mail.example.org' }).message).toBe(
      'KIZUNA_SMTP_URL is set but KIZUNA_MAIL_FROM is not: set KIZUNA_MAIL_FROM to the sender, like Kizuna <no-reply@example.org>, or unset KIZUNA_SMTP_URL.',
    );
  });

  it('reject a URL that is not smtp:// or smtps://', () => {
    for (const url of ['http://mail.example.org', 'mail.example.org:587', 'smtp://']) {
      expect(settingsError({ KIZUNA_SMTP_URL: url, KIZUNA_MAIL_FROM: from }).message).toBe(
        'KIZUNA_SMTP_URL must be an smtp:// or smtps:// address with a host, like smtp://user:password@mail.example.org:587.',
      );
    }
  });

  it('reject a from address that is not one mail address', () => {
    for (const sender of ['Kizuna', 'Kizuna <>', 'a@example.org, b@example.org', 'no-reply@']) {
      expect(settingsError({ KIZUNA_SMTP_URL: 'smtp://mail.example.org', KIZUNA_MAIL_FROM: sender }).message).toBe(
        'KIZUNA_MAIL_FROM must be one mail address, like Kizuna <no-reply@example.org> or no-reply@example.org.',
      );
    }
  });
});
