import type { FC, PropsWithChildren } from 'hono/jsx';
import { formatJapanTime, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { PASSWORD_LENGTH } from '../../domain/accounts.js';
import type { Role } from '../../domain/authorization.js';
import type { Account, ApiToken } from '../../services/accounts.js';
import { EVERY_AUDIT_ACTION, type AuditAction, type AuditEntry } from '../../services/audit.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { LgPicker, LgPickerScript } from './lgPicker.js';

/** What a form showed when it came back: the values as typed (never a password) and a message per field. */
export interface FormState {
  values: Record<string, string>;
  problems: Record<string, string>;
}

export const EMPTY_FORM: FormState = { values: {}, problems: {} };

/** A message for the whole page, above its forms: an error (role=alert) or news (role=status). */
export interface Notice {
  kind: 'problem' | 'done';
  text: string;
}

/**
 * The messages of the account services, which are in English, in the page's language. Services
 * speak English to the API and the CLI; pages match their words here and fall back to them.
 */
const SERVICE_MESSAGES: [RegExp, MessageKey, ((match: RegExpExecArray) => Record<string, string>)?][] = [
  [/^the e-mail address or the password is wrong/i, 'accounts.problem.wrongPassword'],
  [/^use at least (\d+) characters/, 'accounts.problem.passwordShort', (m) => ({ min: m[1]! })],
  [/^use at most (\d+) characters/, 'accounts.problem.tooLong', (m) => ({ max: m[1]! })],
  [/^do not use your e-mail address/, 'accounts.problem.passwordIsEmail'],
  [/^use more than a few different characters/, 'accounts.problem.passwordFewCharacters'],
  [/^write an e-mail address/, 'accounts.problem.email'],
  [/^write the person’s name/, 'accounts.problem.name'],
  [/^choose one of/, 'accounts.problem.role'],
  [/^an officer acts for at least one local government/, 'accounts.problem.officerNeedsLg'],
  [/^only officers are bound/, 'accounts.problem.onlyOfficersHaveLgs'],
  [/^bind at most (\d+)/, 'accounts.problem.tooManyLgs', (m) => ({ max: m[1]! })],
  [/^there is no local government (.+)$/, 'accounts.problem.noSuchLg', (m) => ({ ids: m[1]! })],
  [/^there is an account for this address already/, 'accounts.problem.emailTaken'],
  [/^name the token/, 'accounts.problem.tokenName'],
  [/^A coordinator invites officers/, 'accounts.problem.coordinatorInvites'],
  [/^Only coordinators and administrators/, 'accounts.problem.staffOnly'],
  [/^Only administrators/, 'accounts.problem.administratorsOnly'],
  [/^You cannot disable your own account/, 'accounts.problem.disableSelf'],
  [/^The account of (\S+) is disabled/, 'accounts.problem.enableFirst', (m) => ({ email: m[1]! })],
  [/^This account is disabled/, 'accounts.problem.disabled'],
  [/^Sign in first/, 'accounts.problem.signInFirst'],
  [/^There is an account for (\S+) already/, 'accounts.problem.emailTaken'],
  [/^A coordinator has not forwarded this introduction/, 'introductions.forbidden.notForwarded'],
  [/^An introduction is seen only by/, 'introductions.forbidden.parties'],
  [/^An officer expresses interest only for/, 'introductions.forbidden.ownLg'],
  [/^Only the officers of the local government an introduction was sent to/, 'introductions.forbidden.recipient'],
  [/^Only the officers of the two local governments and coordinators record/, 'introductions.forbidden.tracker'],
];

/** A service's message (a field problem or a refusal) in the page's language, as a sentence. */
export function localMessage(lang: Lang, message: string): string {
  if (lang !== 'en') {
    for (const [pattern, key, params] of SERVICE_MESSAGES) {
      const match = pattern.exec(message);
      if (match) return t(lang, key, params?.(match));
    }
  }
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?。]$/.test(sentence) ? sentence : `${sentence}.`;
}

const roleName = (lang: Lang, role: Role) => t(lang, `accounts.role.${role}`);
const statusName = (lang: Lang, status: Account['status']) => t(lang, `accounts.status.${status}`);
const lgNames = (lang: Lang, account: Account) =>
  account.localGovernments.map((lg) => lgName(lang, { name: { en: lg.name, ja: lg.nameJa } })).join(lang === 'ja' ? '、' : ', ');

/** A form that posts, with its CSRF field. */
const PostForm: FC<PropsWithChildren<{ ctx: PageContext; action: string; class?: string }>> = ({ ctx, action, children, ...rest }) => (
  <form method="post" action={href(ctx, action)} class={rest.class}>
    <CsrfField ctx={ctx} />
    {children}
  </form>
);

/** A button of one table row (revoke, disable…) in its own form; screen readers also hear whose row it is. */
const RowAction: FC<{ ctx: PageContext; action: string; label: string; of: string }> = ({ ctx, action, label, of }) => (
  <PostForm ctx={ctx} action={action} class="inline-form">
    <button type="submit" class="button secondary">
      {label}
      <span class="visually-hidden">{t(ctx.lang, 'accounts.rowOf', { name: of })}</span>
    </button>
  </PostForm>
);

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  hint?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  minlength?: number;
}

/** A labelled input with its hint and, when it came back wrong, its problem; a password is never refilled. */
const Field: FC<FieldProps> = ({ form, name, label, type = 'text', hint, autocomplete, required = true, maxlength, minlength }) => {
  const id = `field-${name}`;
  const problem = form.problems[name];
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div class={problem ? 'field has-problem' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {problem ? <p class="field-error" id={`${id}-problem`}>{problem}</p> : null}
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : (form.values[name] ?? '')}
        autocomplete={autocomplete as never}
        required={required}
        maxlength={maxlength}
        minlength={minlength}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
};

/** The problems of a form, above it, each linking to its field (read first by screen readers). */
const ProblemSummary: FC<{ ctx: PageContext; form: FormState; fields: string[] }> = ({ ctx, form, fields }) => {
  const listed = fields.filter((field) => form.problems[field]);
  if (listed.length === 0) return null;
  return (
    <div class="problem-summary" role="alert" tabindex={-1}>
      <h2>{t(ctx.lang, 'accounts.problemsTitle')}</h2>
      <ul>
        {listed.map((field) => (
          <li><a href={`#field-${field}`}>{form.problems[field]}</a></li>
        ))}
      </ul>
    </div>
  );
};

const NoticeBox: FC<{ notice: Notice | undefined }> = ({ notice }) =>
  notice ? (
    <p class={notice.kind === 'problem' ? 'note error' : 'note success'} role={notice.kind === 'problem' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  ) : null;

/** Where a signed-in person goes among the account pages; only the pages they may see. */
const AccountNav: FC<{ ctx: PageContext; current: 'account' | 'accounts' | 'audit' }> = ({ ctx, current }) => {
  const role = ctx.viewer?.role;
  const staff = role === 'coordinator' || role === 'administrator';
  const items: { key: typeof current; path: string; label: MessageKey }[] = [
    { key: 'account', path: '/account', label: 'accounts.account.title' },
    ...(staff
      ? [
          { key: 'accounts' as const, path: '/admin/accounts', label: 'accounts.title' as const },
          { key: 'audit' as const, path: '/audit', label: 'accounts.audit.title' as const },
        ]
      : []),
  ];
  return (
    <nav class="account-nav" aria-label={t(ctx.lang, 'accounts.nav')}>
      <ul>
        <li><a href={href(ctx, '/dashboard')}>{t(ctx.lang, 'nav.dashboard')}</a></li>
        {items.map((item) => (
          <li><a href={href(ctx, item.path)} aria-current={item.key === current ? 'page' : undefined}>{t(ctx.lang, item.label)}</a></li>
        ))}
      </ul>
    </nav>
  );
};

/** Name, e-mail, role and local governments of an account. */
const AccountFacts: FC<{ ctx: PageContext; account: Account }> = ({ ctx, account }) => (
  <dl class="facts">
    <dt>{t(ctx.lang, 'accounts.field.name')}</dt>
    <dd>{account.name}</dd>
    <dt>{t(ctx.lang, 'accounts.field.email')}</dt>
    <dd>{account.email}</dd>
    <dt>{t(ctx.lang, 'accounts.field.role')}</dt>
    <dd>{roleName(ctx.lang, account.role)}</dd>
    {account.role === 'officer' ? (
      <>
        <dt>{t(ctx.lang, 'accounts.field.localGovernments')}</dt>
        <dd>{lgNames(ctx.lang, account)}</dd>
      </>
    ) : null}
  </dl>
);

export const SignInPage: FC<{ ctx: PageContext; form: FormState; next?: string | undefined; notice?: Notice | undefined }> = ({ ctx, form, next, notice }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'accounts.signIn.title')} section="account">
    <div class="narrow">
      <h1>{t(ctx.lang, 'accounts.signIn.title')}</h1>
      <p>{t(ctx.lang, 'accounts.signIn.lead')}</p>
      {ctx.viewer ? <p class="note">{t(ctx.lang, 'accounts.signIn.already', { name: ctx.viewer.name })}</p> : null}
      <NoticeBox notice={notice} />
      <ProblemSummary ctx={ctx} form={form} fields={['email', 'password']} />
      <PostForm ctx={ctx} action={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'} class="stacked">
        <Field form={form} name="email" type="email" label={t(ctx.lang, 'accounts.field.email')} autocomplete="username" maxlength={254} />
        <Field form={form} name="password" type="password" label={t(ctx.lang, 'accounts.field.password')} autocomplete="current-password" />
        <p><button type="submit">{t(ctx.lang, 'accounts.signIn.button')}</button></p>
      </PostForm>
      <p class="muted">{t(ctx.lang, 'accounts.signIn.forgot')}</p>
    </div>
  </Layout>
);

export const PasswordPage: FC<{ ctx: PageContext; account: Account; purpose: 'invitation' | 'reset'; secret: string; form: FormState }> = ({
  ctx,
  account,
  purpose,
  secret,
  form,
}) => {
  const title = t(ctx.lang, purpose === 'invitation' ? 'accounts.password.titleInvitation' : 'accounts.password.titleReset');
  return (
    <Layout ctx={ctx} title={title} section="account">
      <div class="narrow">
        <h1>{title}</h1>
        <p>{t(ctx.lang, purpose === 'invitation' ? 'accounts.password.leadInvitation' : 'accounts.password.leadReset')}</p>
        <AccountFacts ctx={ctx} account={account} />
        <ProblemSummary ctx={ctx} form={form} fields={['password', 'confirmation']} />
        <PostForm ctx={ctx} action={`/account/password/${encodeURIComponent(secret)}`} class="stacked">
          {/* For password managers: the account the new password belongs to. */}
          <input type="hidden" name="username" autocomplete="username" value={account.email} />
          <Field
            form={form}
            name="password"
            type="password"
            label={t(ctx.lang, 'accounts.password.new')}
            hint={t(ctx.lang, 'accounts.password.rules', { min: PASSWORD_LENGTH.min })}
            autocomplete="new-password"
            minlength={PASSWORD_LENGTH.min}
            maxlength={PASSWORD_LENGTH.max}
          />
          <Field form={form} name="confirmation" type="password" label={t(ctx.lang, 'accounts.password.confirmation')} autocomplete="new-password" />
          <p><button type="submit">{t(ctx.lang, 'accounts.password.button')}</button></p>
        </PostForm>
      </div>
    </Layout>
  );
};

export type LinkProblem = 'unknown' | 'used' | 'expired' | 'disabled';

/** Why a one-time link cannot be used, and what to do instead. */
export const LinkProblemPage: FC<{ ctx: PageContext; problem: LinkProblem }> = ({ ctx, problem }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'accounts.link.title')} section="account">
    <div class="narrow">
      <h1>{t(ctx.lang, 'accounts.link.title')}</h1>
      <p>{t(ctx.lang, `accounts.link.${problem}`)}</p>
      <h2>{t(ctx.lang, 'accounts.link.whatToDo')}</h2>
      <ul>
        <li>{t(ctx.lang, problem === 'disabled' ? 'accounts.link.askAdministrator' : 'accounts.link.askForNew')}</li>
        {problem !== 'disabled' ? (
          <li>
            {t(ctx.lang, 'accounts.link.signInInstead')} <a href={href(ctx, '/sign-in')}>{t(ctx.lang, 'accounts.signIn.title')}</a>
          </li>
        ) : null}
      </ul>
    </div>
  </Layout>
);

/** A page a signed-in person may not see, and why. */
export const ForbiddenPage: FC<{ ctx: PageContext; reason: string }> = ({ ctx, reason }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'accounts.forbidden.title')} section="account">
    <h1>{t(ctx.lang, 'accounts.forbidden.title')}</h1>
    <p>{reason}</p>
    <p><a href={href(ctx, '/dashboard')}>{t(ctx.lang, 'nav.dashboard')}</a></p>
  </Layout>
);

/** A secret shown once, in a field that selects easily, with a warning to copy it now. */
const OnceSecret: FC<{ ctx: PageContext; id: string; label: string; value: string }> = ({ ctx, id, label, value }) => (
  <div class="once-secret">
    <label for={id}>{label}</label>
    <input id={id} type="text" readonly value={value} spellcheck={false} autocomplete="off" />
    <p class="warning"><strong>{t(ctx.lang, 'accounts.copyNow')}</strong></p>
  </div>
);

export const AccountPage: FC<{
  ctx: PageContext;
  account: Account;
  tokens: ApiToken[];
  form: FormState;
  created?: { token: string; record: ApiToken } | undefined;
  notice?: Notice | undefined;
}> = ({ ctx, account, tokens, form, created, notice }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'accounts.account.title')} section="account">
    <AccountNav ctx={ctx} current="account" />
    <h1>{t(ctx.lang, 'accounts.account.title')}</h1>
    <NoticeBox notice={notice} />
    <AccountFacts ctx={ctx} account={account} />
    <h2 id="tokens">{t(ctx.lang, 'accounts.tokens.title')}</h2>
    <p class="prose">{t(ctx.lang, 'accounts.tokens.lead')}</p>
    {created ? (
      <section class="issued" aria-labelledby="new-token">
        <h3 id="new-token">{t(ctx.lang, 'accounts.tokens.created', { name: created.record.name })}</h3>
        <OnceSecret ctx={ctx} id="new-token-value" label={t(ctx.lang, 'accounts.tokens.secret')} value={created.token} />
        <p class="muted">{t(ctx.lang, 'accounts.tokens.usage')}</p>
      </section>
    ) : null}
    {tokens.length === 0 ? (
      <p>{t(ctx.lang, 'accounts.tokens.none')}</p>
    ) : (
      <div class="table-wrap">
        <table class="stack-table">
          <thead>
            <tr>
              <th scope="col">{t(ctx.lang, 'accounts.tokens.name')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.tokens.prefix')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.tokens.createdAt')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.tokens.lastUsed')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.tokens.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr>
                <th scope="row">{token.name}</th>
                <td data-label={t(ctx.lang, 'accounts.tokens.prefix')}><code>{token.prefix}…</code></td>
                <td data-label={t(ctx.lang, 'accounts.tokens.createdAt')}>{formatJapanTime(ctx.lang, token.createdAt)}</td>
                <td data-label={t(ctx.lang, 'accounts.tokens.lastUsed')}>{token.lastUsedAt ? formatJapanTime(ctx.lang, token.lastUsedAt) : t(ctx.lang, 'accounts.never')}</td>
                <td data-label={t(ctx.lang, 'accounts.tokens.state')}>
                  {token.revokedAt ? (
                    t(ctx.lang, 'accounts.tokens.revokedAt', { when: formatJapanTime(ctx.lang, token.revokedAt) })
                  ) : (
                    <RowAction ctx={ctx} action={`/account/tokens/${token.id}/revoke`} label={t(ctx.lang, 'accounts.tokens.revoke')} of={token.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <h3>{t(ctx.lang, 'accounts.tokens.make')}</h3>
    <ProblemSummary ctx={ctx} form={form} fields={['name']} />
    <PostForm ctx={ctx} action="/account/tokens" class="stacked">
      <Field form={form} name="name" label={t(ctx.lang, 'accounts.tokens.name')} hint={t(ctx.lang, 'accounts.tokens.nameHint')} maxlength={100} autocomplete="off" />
      <p><button type="submit">{t(ctx.lang, 'accounts.tokens.makeButton')}</button></p>
    </PostForm>
  </Layout>
);

/** What the accounts page says once an invitation is made: for whom, as what, and for which local governments. */
export const invitedNotice = (lang: Lang, account: Account): string =>
  account.role === 'officer'
    ? t(lang, 'accounts.invite.doneOfficer', { name: account.name, lgs: lgNames(lang, account) })
    : t(lang, 'accounts.invite.done', { name: account.name, role: roleName(lang, account.role) });

/** A one-time link just made for someone, to pass on, and whether it went out by mail. */
export interface IssuedLink {
  purpose: 'invitation' | 'reset';
  url: string;
  expiresAt: string;
  account: Account;
  mail: { sent: true } | { sent: false; reason?: string | undefined };
}

const IssuedLinkBox: FC<{ ctx: PageContext; issued: IssuedLink }> = ({ ctx, issued }) => (
  <section class="issued" aria-labelledby="issued-title">
    <h2 id="issued-title">
      {t(ctx.lang, issued.purpose === 'invitation' ? 'accounts.issued.invitation' : 'accounts.issued.reset', { name: issued.account.name })}
    </h2>
    <AccountFacts ctx={ctx} account={issued.account} />
    <OnceSecret ctx={ctx} id="issued-link" label={t(ctx.lang, 'accounts.issued.link')} value={issued.url} />
    <p>{t(ctx.lang, 'accounts.issued.expires', { when: formatJapanTime(ctx.lang, issued.expiresAt) })}</p>
    <p>
      {issued.mail.sent
        ? t(ctx.lang, 'accounts.issued.mailed', { email: issued.account.email })
        : issued.mail.reason
          ? t(ctx.lang, 'accounts.issued.mailFailed', { reason: issued.mail.reason })
          : t(ctx.lang, 'accounts.issued.noMail')}
    </p>
  </section>
);

export const AdminAccountsPage: FC<{
  ctx: PageContext;
  /** Every account, for coordinators and administrators. */
  accounts: Account[] | undefined;
  /** Administrators disable and enable accounts and make reset links; coordinators only see them. */
  canManage: boolean;
  invitableRoles: Role[];
  form: FormState;
  /** The local governments chosen for an officer, and the matches of a search step. */
  picker: LgPickerState;
  issued?: IssuedLink | undefined;
  notice?: Notice | undefined;
  /** The viewer's own account, which has no disable button. */
  viewerId: number;
}> = ({ ctx, accounts, invitableRoles, form, picker, issued, notice, viewerId, canManage }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'accounts.title')} section="account" head={<LgPickerScript />}>
    <AccountNav ctx={ctx} current="accounts" />
    <h1>{t(ctx.lang, 'accounts.title')}</h1>
    <NoticeBox notice={notice} />
    {issued ? <IssuedLinkBox ctx={ctx} issued={issued} /> : null}
    <h2 id="invite">{t(ctx.lang, 'accounts.invite.title')}</h2>
    <p class="prose">{t(ctx.lang, 'accounts.invite.lead')}</p>
    <ProblemSummary ctx={ctx} form={form} fields={['email', 'name', 'role', 'localGovernmentIds']} />
    <PostForm ctx={ctx} action="/admin/accounts/invite" class="stacked">
      <Field form={form} name="email" type="email" label={t(ctx.lang, 'accounts.field.email')} autocomplete="off" maxlength={254} />
      <Field form={form} name="name" label={t(ctx.lang, 'accounts.field.name')} autocomplete="off" maxlength={100} />
      <RoleSelect ctx={ctx} form={form} roles={invitableRoles} />
      <LgPicker
        ctx={ctx}
        name="localGovernmentIds"
        label={t(ctx.lang, 'accounts.invite.localGovernments')}
        hint={t(ctx.lang, 'accounts.invite.localGovernmentsHint')}
        multiple
        state={picker}
        problem={form.problems.localGovernmentIds}
      />
      <p><button type="submit">{t(ctx.lang, 'accounts.invite.button')}</button></p>
    </PostForm>
    <h2 id="list">{t(ctx.lang, 'accounts.list.title')}</h2>
    {accounts === undefined ? (
      <p>{t(ctx.lang, 'accounts.list.administratorsOnly')}</p>
    ) : (
      <div class="table-wrap">
        <table class="accounts-table stack-table">
          <thead>
            <tr>
              <th scope="col">{t(ctx.lang, 'accounts.field.name')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.field.email')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.field.role')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.field.localGovernments')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.field.status')}</th>
              <th scope="col">{t(ctx.lang, 'accounts.field.lastSignIn')}</th>
              <th scope="col"><span class="visually-hidden">{t(ctx.lang, 'accounts.list.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr>
                <th scope="row">{account.name}</th>
                <td class="email" data-label={t(ctx.lang, 'accounts.field.email')}>{account.email}</td>
                <td data-label={t(ctx.lang, 'accounts.field.role')}>{roleName(ctx.lang, account.role)}</td>
                <td data-label={t(ctx.lang, 'accounts.field.localGovernments')}>{lgNames(ctx.lang, account) || '—'}</td>
                <td data-label={t(ctx.lang, 'accounts.field.status')}><span class={`status-${account.status}`}>{statusName(ctx.lang, account.status)}</span></td>
                <td data-label={t(ctx.lang, 'accounts.field.lastSignIn')}>{account.lastSignInAt ? formatJapanTime(ctx.lang, account.lastSignInAt) : t(ctx.lang, 'accounts.never')}</td>
                <td class="actions">
                  {!canManage ? null : account.status === 'disabled' ? (
                    <RowAction ctx={ctx} action={`/admin/accounts/${account.id}/enable`} label={t(ctx.lang, 'accounts.list.enable')} of={account.name} />
                  ) : (
                    <>
                      {account.id !== viewerId ? (
                        <RowAction ctx={ctx} action={`/admin/accounts/${account.id}/disable`} label={t(ctx.lang, 'accounts.list.disable')} of={account.name} />
                      ) : null}
                      <RowAction
                        ctx={ctx}
                        action={`/admin/accounts/${account.id}/reset-link`}
                        label={t(ctx.lang, account.status === 'invited' ? 'accounts.list.newInvitation' : 'accounts.list.reset')}
                        of={account.name}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
);

const RoleSelect: FC<{ ctx: PageContext; form: FormState; roles: Role[] }> = ({ ctx, form, roles }) => {
  const problem = form.problems.role;
  return (
    <div class={problem ? 'field has-problem' : 'field'}>
      <label for="field-role">{t(ctx.lang, 'accounts.field.role')}</label>
      <ul class="hint" id="field-role-hint">
        {roles.map((role) => (
          <li>{t(ctx.lang, `accounts.roleWithDuty.${role}`)}</li>
        ))}
      </ul>
      {problem ? <p class="field-error" id="field-role-problem">{problem}</p> : null}
      <select id="field-role" name="role" aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? 'field-role-hint field-role-problem' : 'field-role-hint'}>
        {roles.map((role) => (
          <option value={role} selected={form.values.role === role}>{roleName(ctx.lang, role)}</option>
        ))}
      </select>
    </div>
  );
};

/** One field an audit entry changed: its value before and after, as short text. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const CHANGE_TEXT_LIMIT = 60;

function changeText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > CHANGE_TEXT_LIMIT ? `${text.slice(0, CHANGE_TEXT_LIMIT - 1)}…` : text;
}

/** The top-level fields whose values differ between an entry's before and after (every field of a creation). */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const old = asRecord(before);
  const now = asRecord(after);
  const fields = [...new Set([...Object.keys(now), ...Object.keys(old)])];
  return fields
    .filter((field) => JSON.stringify(old[field] ?? null) !== JSON.stringify(now[field] ?? null))
    .map((field) => ({ field, before: changeText(old[field]), after: changeText(now[field]) }));
}

/** The kinds of things the audit log can be narrowed to. */
export const AUDIT_ENTITIES = ['relationship', 'listing', 'account', 'api_token', 'introduction', 'tracker', 'published_figure'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** A tracker is kept under its introduction's id, and shown on its page. */
const ENTITY_PAGES: Partial<Record<string, string>> = { relationship: '/relationships', listing: '/listings', introduction: '/introductions', tracker: '/introductions' };
const CHANGES_SHOWN = 8;

/** An action in words; one a later version no longer writes keeps its stored name. */
const actionText = (lang: Lang, action: string) =>
  (EVERY_AUDIT_ACTION as readonly string[]).includes(action) ? t(lang, `accounts.audit.do.${action as AuditAction}`) : action;

const EntityCell: FC<{ ctx: PageContext; entry: AuditEntry }> = ({ ctx, entry }) => {
  const name = (AUDIT_ENTITIES as readonly string[]).includes(entry.entity) ? t(ctx.lang, `accounts.entity.${entry.entity as AuditEntity}`) : entry.entity;
  if (entry.entityId === null) return <>{name}</>;
  const page = ENTITY_PAGES[entry.entity];
  const label = `${name} ${entry.entityId}`;
  return page ? <a href={href(ctx, `${page}/${entry.entityId}`)}>{label}</a> : <>{label}</>;
};

const ChangeList: FC<{ ctx: PageContext; entry: AuditEntry }> = ({ ctx, entry }) => {
  const created = entry.before === null;
  // A creation has no old values to show, and its id is in the next column already.
  const changes = changedFields(entry.before, entry.after).filter((change) => !(created && change.field === 'id'));
  if (changes.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="changes">
      {changes.slice(0, CHANGES_SHOWN).map((change) => (
        <li>
          <code>{change.field}</code>:{' '}
          {created ? null : (
            <>
              <span class="before">{change.before}</span> →{' '}
            </>
          )}
          <span class="after">{change.after}</span>
        </li>
      ))}
      {changes.length > CHANGES_SHOWN ? <li class="muted">{tCount(ctx.lang, 'accounts.audit.more', changes.length - CHANGES_SHOWN)}</li> : null}
    </ul>
  );
};

export const AuditPage: FC<{ ctx: PageContext; entries: AuditEntry[]; total: number; page: number; pages: number; entity: AuditEntity | undefined }> = ({
  ctx,
  entries,
  total,
  page,
  pages,
  entity,
}) => {
  const at = (target: number) => href(ctx, `/audit?${entity ? `entity=${entity}&` : ''}page=${target}`);
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'accounts.audit.title')} section="account">
      <AccountNav ctx={ctx} current="audit" />
      <h1>{t(ctx.lang, 'accounts.audit.title')}</h1>
      <form method="get" action={href(ctx, '/audit')} class="as-of">
        <label for="audit-entity">{t(ctx.lang, 'accounts.audit.entity')}</label>
        <select id="audit-entity" name="entity">
          <option value="">{t(ctx.lang, 'accounts.audit.everything')}</option>
          {AUDIT_ENTITIES.map((candidate) => (
            <option value={candidate} selected={candidate === entity}>{t(ctx.lang, `accounts.entity.${candidate}`)}</option>
          ))}
        </select>
        <button type="submit">{t(ctx.lang, 'accounts.audit.show')}</button>
      </form>
      <p>{tCount(ctx.lang, 'accounts.audit.count', total)}</p>
      {entries.length === 0 ? null : (
        <div class="table-wrap">
          <table class="audit-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t(ctx.lang, 'accounts.audit.when')}</th>
                <th scope="col">{t(ctx.lang, 'accounts.audit.who')}</th>
                <th scope="col">{t(ctx.lang, 'accounts.audit.action')}</th>
                <th scope="col">{t(ctx.lang, 'accounts.audit.what')}</th>
                <th scope="col">{t(ctx.lang, 'accounts.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <th scope="row" class="when"><time datetime={entry.at}>{formatJapanTime(ctx.lang, entry.at, 'second')}</time></th>
                  <td class="who" data-label={t(ctx.lang, 'accounts.audit.who')}>{entry.actor}</td>
                  <td data-label={t(ctx.lang, 'accounts.audit.action')}>{actionText(ctx.lang, entry.action)}</td>
                  <td class="entity" data-label={t(ctx.lang, 'accounts.audit.what')}><EntityCell ctx={ctx} entry={entry} /></td>
                  <td data-label={t(ctx.lang, 'accounts.audit.changes')}><ChangeList ctx={ctx} entry={entry} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={t(ctx.lang, 'lists.page', { page, pages })}>
          {page > 1 ? <a href={at(page - 1)} rel="prev">{t(ctx.lang, 'lists.previous')}</a> : null}
          <span>{t(ctx.lang, 'lists.page', { page, pages })}</span>
          {page < pages ? <a href={at(page + 1)} rel="next">{t(ctx.lang, 'lists.next')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
};
