import { InvalidArgumentError, type Command } from 'commander';
import { normaliseEmail } from '../domain/accounts.js';
import { ROLES, type Actor, type Role } from '../domain/authorization.js';
import { KizunaError } from '../errors.js';
import { inviteAccount, listAccounts, passwordResetLink, type Account, type OneTimeLink } from '../services/accounts.js';
import { withDatabase } from './database.js';

/** Whoever runs the kizuna command holds the machine and its database already. */
const OPERATOR: Actor = { kind: 'system', label: 'kizuna accounts' };

const DEFAULT_BASE_URL = 'http://localhost:3000';

const say = (message: string) => process.stderr.write(`${message}\n`);

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

/** --lg takes one or more numbers, repeated or separated by commas. */
function localGovernmentIds(value: string, previous: number[] = []): number[] {
  const ids = value.split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = ids.find((id) => !/^\d{1,9}$/.test(id));
  if (wrong !== undefined) throw new InvalidArgumentError(`"${wrong}" is not a local government id (the number in /lg/1234-ibara)`);
  return [...previous, ...ids.map(Number)];
}

function baseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    throw new InvalidArgumentError('must be the address of the portal, like https://kizuna.example.org');
  }
}

/** Prints the link's full address on stdout (for scripts), and for whom and until when on stderr. */
function printLink(link: OneTimeLink, base: string, what: string): void {
  const path = `/account/password/${link.secret}`;
  say(`${what} for ${link.account.name} <${link.account.email}> (${link.account.role}${lgList(link.account)}).`);
  say(`They set a password at this link, once, until ${link.expiresAt.toISOString()}; pass it on by a channel only they read.`);
  say(`Path: ${path}`);
  console.log(`${base}${path}`);
}

const lgList = (account: Account) => (account.localGovernments.length ? ` of ${account.localGovernments.map((lg) => `${lg.name} [${lg.id}]`).join(', ')}` : '');

/** `kizuna accounts invite|reset|list`: accounts from the machine itself, e.g. before anyone can sign in. */
export function registerAccountsCommand(program: Command): void {
  const accounts = program.command('accounts').description('invite people, make password reset links, list accounts');

  accounts
    .command('invite')
    .description('invite a person and print the one-time link with which they set their password')
    .requiredOption('--email <address>', 'their e-mail address')
    .requiredOption('--name <name>', 'their name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
    .option('--lg <ids...>', "an officer's local governments, by id (the number in /lg/1234-ibara)", localGovernmentIds)
    .option('--base-url <url>', 'the portal address to print the link with', baseUrl, DEFAULT_BASE_URL)
    .action((options: { email: string; name: string; role: Role; lg?: number[]; baseUrl: string }) =>
      withDatabase(async (database) => {
        const link = await inviteAccount(database.db, OPERATOR, { email: options.email, name: options.name, role: options.role, localGovernmentIds: options.lg ?? [] });
        printLink(link, options.baseUrl, 'Invitation');
      }),
    );

  accounts
    .command('reset')
    .description("print a new one-time link with which a person sets their password (an invited person's invitation is renewed)")
    .argument('<email>', 'their e-mail address')
    .option('--base-url <url>', 'the portal address to print the link with', baseUrl, DEFAULT_BASE_URL)
    .action((email: string, options: { baseUrl: string }) =>
      withDatabase(async (database) => {
        const account = (await listAccounts(database.db, OPERATOR)).find((candidate) => candidate.email === normaliseEmail(email));
        if (!account) throw new KizunaError('not_found', `There is no account for ${email}; invite them with kizuna accounts invite.`);
        const link = await passwordResetLink(database.db, OPERATOR, account.id);
        printLink(link, options.baseUrl, account.status === 'invited' ? 'New invitation link' : 'Password reset link');
      }),
    );

  accounts
    .command('list')
    .description('list every account, one a line: id, e-mail, name, role, status, last sign-in, local governments')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withDatabase(async (database) => {
        const all = await listAccounts(database.db, OPERATOR);
        if (options.json) return void console.log(JSON.stringify(all, null, 2));
        if (all.length === 0) return void say('No accounts yet; invite someone with kizuna accounts invite.');
        for (const account of all) {
          const lgs = account.localGovernments.map((lg) => `${lg.name} [${lg.id}]`).join(', ');
          console.log([String(account.id).padStart(5), account.email, account.name, account.role, account.status, account.lastSignInAt ?? 'never', lgs].join('\t'));
        }
      }),
    );
}
