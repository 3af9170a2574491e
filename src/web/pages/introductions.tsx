import type { FC, PropsWithChildren } from 'hono/jsx';
import {
  EXCHANGE_STEP,
  FORMATION_STEPS,
  formationStepOf,
  INTRODUCTION_STATUSES,
  MESSAGE_LIMITS,
  SIGNING_STEP,
  TRACKER_LIMITS,
  type IntroductionStatus,
  type IntroductionStep,
  type Problem,
  type RecordedStep,
} from '../../domain/introductions.js';
import { formatJapanTime, formatPreciseDate, lgName, problemText, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import type { Introduction, IntroductionMessage, IntroductionSummary, InterestPreview, Tracker, TrackerStepView } from '../../services/introductions.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { LgPicker, LgPickerScript } from './lgPicker.js';

/** What a form that came back showed: which form, what was typed, and the problems. */
export interface FailedForm {
  /** The form's name: a step of the introduction, `record-N` or `correct-N` for a tracker step. */
  form: string;
  values: Record<string, string>;
  problems: Problem[];
}

export const statusName = (lang: Lang, status: IntroductionStatus) => t(lang, `introductions.status.${status}`);

/** An introduction's status, and for an accepted one whose tracker has gone further, the latest step recorded. */
const statusWithTracker = (lang: Lang, status: IntroductionStatus, steps: readonly RecordedStep[] | undefined) => {
  const latest = status === 'accepted' ? steps?.reduce<RecordedStep | undefined>((last, step) => (!last || step.step > last.step ? step : last), undefined) : undefined;
  if (!latest || latest.step < 2) return statusName(lang, status);
  return t(lang, 'introductions.statusAtStep', {
    status: statusName(lang, status),
    step: t(lang, `tracker.step.${formationStepOf(latest.step) ?? 'exchange'}`),
    number: latest.step,
    of: FORMATION_STEPS.length,
  });
};

const day = (lang: Lang, date: string) => formatPreciseDate(lang, date, 'day');

const LgLinked: FC<{ ctx: PageContext; lg: LocalGovernmentSummary }> = ({ ctx, lg }) => <a href={href(ctx, lg.url)}>{lgName(ctx.lang, lg)}</a>;

/** The problems of a form that came back: a summary that links to each field, in the page's language. */
const ProblemSummary: FC<{ ctx: PageContext; failed: FailedForm; idOf: (field: string) => string }> = ({ ctx, failed, idOf }) => (
  <div class="note error" role="alert">
    <p>{tCount(ctx.lang, 'introductions.problems', failed.problems.length)}</p>
    <ul>
      {failed.problems.map((problem) => (
        <li>
          <a href={`#${idOf(problem.field)}`}>{problemText(ctx.lang, problem)}</a>
        </li>
      ))}
    </ul>
  </div>
);

/** A conflict or a limit, which no field can mend: said once, above everything. */
const Refusal: FC<{ ctx: PageContext; problem: Problem; title?: string }> = ({ ctx, problem, title }) => (
  <div class="note error" role="alert">
    {title ? <p><strong>{title}</strong></p> : null}
    <p>{problemText(ctx.lang, problem)}</p>
  </div>
);

/** A problem a field can mend; one of the whole step (its order, the introduction's status) is said above the page. */
const isFieldProblem = (problem: Problem) => problem.field !== 'step';

/** A text area with its label, hint and problem, tied together for assistive technology. */
const TextArea: FC<{ ctx: PageContext; id: string; name: string; label: string; value: string; max: number; rows?: number; required?: boolean; hint?: string; problem?: Problem | undefined }> = ({
  ctx,
  id,
  name,
  label,
  value,
  max,
  rows = 5,
  required,
  hint,
  problem,
}) => {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? <p class="muted" id={`${id}-hint`}>{hint}</p> : null}
      <textarea id={id} name={name} rows={rows} maxlength={max} required={required} aria-invalid={problem ? 'true' : undefined} aria-describedby={describedBy}>
        {value}
      </textarea>
      {problem ? <p class="field-error" id={`${id}-error`}>{problemText(ctx.lang, problem)}</p> : null}
    </div>
  );
};

const TextInput: FC<{ ctx: PageContext; id: string; name: string; label: string; value: string; max: number; type?: string; maxDate?: string; problem?: Problem | undefined }> = ({
  ctx,
  id,
  name,
  label,
  value,
  max,
  type = 'text',
  maxDate,
  problem,
}) => (
  <div class="field">
    <label for={id}>{label}</label>
    <input
      id={id}
      name={name}
      type={type}
      value={value}
      maxlength={type === 'date' ? undefined : max}
      max={maxDate}
      aria-invalid={problem ? 'true' : undefined}
      aria-describedby={problem ? `${id}-error` : undefined}
    />
    {problem ? <p class="field-error" id={`${id}-error`}>{problemText(ctx.lang, problem)}</p> : null}
  </div>
);

const PostForm: FC<PropsWithChildren<{ ctx: PageContext; action: string; class?: string; label?: string }>> = ({ ctx, action, children, label, ...rest }) => (
  <form method="post" action={href(ctx, action)} class={rest.class} aria-label={label}>
    <CsrfField ctx={ctx} />
    {children}
  </form>
);

// ---------------------------------------------------------------------------------------------
// The list

export const IntroductionsPage: FC<{ ctx: PageContext; introductions: IntroductionSummary[]; status: IntroductionStatus | undefined; staff: boolean }> = ({
  ctx,
  introductions,
  status,
  staff,
}) => {
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={t(lang, 'introductions.list.title')} section="account">
      <h1>{t(lang, 'introductions.list.title')}</h1>
      <p class="lead">{t(lang, 'introductions.list.lead')}</p>
      <form method="get" action={href(ctx, '/introductions')} class="inline-form">
        <label for="introductions-status">{t(lang, 'introductions.list.status')}</label>{' '}
        <select id="introductions-status" name="status">
          <option value="">{t(lang, 'introductions.list.all')}</option>
          {INTRODUCTION_STATUSES.map((candidate) => (
            <option value={candidate} selected={candidate === status}>{statusName(lang, candidate)}</option>
          ))}
        </select>{' '}
        <button type="submit">{t(lang, 'introductions.list.show')}</button>
      </form>
      <p role="status">{tCount(lang, 'introductions.list.count', introductions.length)}</p>
      {introductions.length ? <IntroductionsTable ctx={ctx} introductions={introductions} /> : <p class="muted">{t(lang, 'introductions.list.empty')}</p>}
      {staff ? null : (
        <p>
          <a href={href(ctx, '/dashboard')}>{t(lang, 'nav.dashboard')}</a>
        </p>
      )}
    </Layout>
  );
};

/** Introductions as a table, each row named by its pair; on a phone each row becomes a card whose cells carry their column's name. */
export const IntroductionsTable: FC<{ ctx: PageContext; introductions: (IntroductionSummary & { mine?: { from: boolean; to: boolean }; steps?: readonly RecordedStep[] })[] }> = ({
  ctx,
  introductions,
}) => {
  const lang = ctx.lang;
  const headings = {
    pair: t(lang, 'introductions.col.pair'),
    direction: t(lang, 'introductions.dashboard.direction'),
    status: t(lang, 'introductions.col.status'),
    sentOn: t(lang, 'introductions.col.sentOn'),
    updated: t(lang, 'introductions.col.updated'),
  };
  const withDirection = introductions.some((introduction) => introduction.mine);
  return (
    <div class="table-wrap">
      <table class="introductions-table stack-table">
        <thead>
          <tr>
            <th scope="col">{headings.pair}</th>
            {withDirection ? <th scope="col">{headings.direction}</th> : null}
            <th scope="col">{headings.status}</th>
            <th scope="col">{headings.sentOn}</th>
            <th scope="col">{headings.updated}</th>
          </tr>
        </thead>
        <tbody>
          {introductions.map((introduction) => (
            <tr>
              <th scope="row">
                <a href={href(ctx, introduction.url)}>{t(lang, 'introductions.pair', { from: lgName(lang, introduction.from), to: lgName(lang, introduction.to) })}</a>
              </th>
              {withDirection ? (
                <td data-label={headings.direction}>{t(lang, introduction.mine?.from ? 'introductions.dashboard.sent' : 'introductions.dashboard.received')}</td>
              ) : null}
              <td data-label={headings.status}>{statusWithTracker(lang, introduction.status, introduction.steps)}</td>
              <td data-label={headings.sentOn}>
                <time datetime={introduction.sentOn}>{day(lang, introduction.sentOn)}</time>
              </td>
              <td data-label={headings.updated}>{formatJapanTime(lang, introduction.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

// ---------------------------------------------------------------------------------------------
// Expressing interest

/** Whom an account may express interest for, when the address did not say. */
export type SenderChoice =
  | { kind: 'officer'; localGovernments: { id: number; name: { en: string; ja: string | null } }[] }
  | { kind: 'staff'; picker: LgPickerState; problem?: string | undefined };

/** The page that asks which local government expresses the interest, then comes back with ?from=. */
export const ChooseSenderPage: FC<{ ctx: PageContext; to: LocalGovernmentSummary; choice: SenderChoice }> = ({ ctx, to, choice }) => {
  const lang = ctx.lang;
  const title = t(lang, 'introductions.new.title', { to: lgName(lang, to) });
  return (
    <Layout ctx={ctx} title={title} section="account" head={choice.kind === 'staff' ? <LgPickerScript /> : undefined}>
      <h1>{title}</h1>
      {choice.kind === 'officer' && choice.localGovernments.length === 0 ? (
        <p>{t(lang, 'introductions.new.noLgs')}</p>
      ) : (
        <form method="get" action={href(ctx, '/introductions/new')} class={choice.kind === 'staff' ? 'stacked' : 'inline-form'}>
          <input type="hidden" name="to" value={String(to.id)} />
          {choice.kind === 'officer' ? (
            <>
              <label for="interest-from">{t(lang, 'introductions.new.chooseFrom')}</label>{' '}
              <select id="interest-from" name="from">
                {choice.localGovernments.map((lg) => (
                  <option value={String(lg.id)}>{lgName(lang, lg)}</option>
                ))}
              </select>
            </>
          ) : (
            <LgPicker ctx={ctx} name="from" label={t(lang, 'introductions.new.fromId')} state={choice.picker} problem={choice.problem} />
          )}{' '}
          <button type="submit">{t(lang, 'introductions.new.continue')}</button>
        </form>
      )}
    </Layout>
  );
};

/** The form of a new expression of interest: both parties, the recipient's listing, and the message. */
export const NewIntroductionPage: FC<{ ctx: PageContext; preview: InterestPreview; message: string; problems: Problem[] }> = ({ ctx, preview, message, problems }) => {
  const lang = ctx.lang;
  const to = lgName(lang, preview.to);
  const title = t(lang, 'introductions.new.title', { to });
  const refusal = preview.refusal ?? problems.find((problem) => problem.field !== 'message');
  const messageProblem = problems.find((problem) => problem.field === 'message');
  return (
    <Layout ctx={ctx} title={title} section="account">
      <h1>{title}</h1>
      <p class="lead">{t(lang, 'introductions.new.lead', { to })}</p>
      <dl class="facts">
        <dt>{t(lang, 'introductions.new.from')}</dt>
        <dd><LgLinked ctx={ctx} lg={preview.from} /></dd>
        <dt>{t(lang, 'introductions.new.to')}</dt>
        <dd><LgLinked ctx={ctx} lg={preview.to} /></dd>
        <dt>{t(lang, 'introductions.new.listing')}</dt>
        <dd>
          {preview.toListing ? (
            <a href={href(ctx, preview.toListing.url)}>{t(lang, 'introductions.new.seeListing', { lg: to })}</a>
          ) : (
            t(lang, 'introductions.new.noListing', { to })
          )}
        </dd>
      </dl>
      {refusal ? (
        <Refusal ctx={ctx} problem={refusal} title={t(lang, 'introductions.new.refused')} />
      ) : (
        <>
          {messageProblem ? <ProblemSummary ctx={ctx} failed={{ form: 'interest', values: {}, problems: [messageProblem] }} idOf={() => 'interest-message'} /> : null}
          <PostForm ctx={ctx} action="/introductions" class="introduction-form">
            <input type="hidden" name="from" value={String(preview.from.id)} />
            <input type="hidden" name="to" value={String(preview.to.id)} />
            <TextArea
              ctx={ctx}
              id="interest-message"
              name="message"
              label={t(lang, 'introductions.field.message')}
              hint={t(lang, 'introductions.field.messageHint')}
              value={message}
              max={MESSAGE_LIMITS.length}
              rows={10}
              required
              problem={messageProblem}
            />
            <p class="actions">
              <button type="submit">{t(lang, 'introductions.send')}</button>
            </p>
          </PostForm>
        </>
      )}
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// An introduction's page: parties, thread, actions, tracker

/** Whom a message speaks for, as its reader sees it: a side (A or B, by name) or the coordinators, and a coordinator writing for a side. */
function sideText(lang: Lang, introduction: IntroductionSummary, message: IntroductionMessage): string {
  if (message.side === 'coordinator') return t(lang, 'introductions.side.coordinator');
  const lg = lgName(lang, message.side === 'from' ? introduction.from : introduction.to);
  const side = t(lang, `introductions.side.${message.side}`, { lg });
  return message.author?.coordinator ? `${side} · ${t(lang, 'introductions.side.forSide', { lg })}` : side;
}

const Thread: FC<{ ctx: PageContext; introduction: Introduction }> = ({ ctx, introduction }) => (
  <ol class="thread">
    {introduction.messages.map((message) => (
      <li class={`message side-${message.side}`} id={`message-${message.id}`}>
        <p class="message-meta">
          <strong class="author">{message.author?.name ?? 'Kizuna'}</strong>
          <span class="side">{sideText(ctx.lang, introduction, message)}</span>
          <time datetime={message.at}>{formatJapanTime(ctx.lang, message.at)}</time>
          <span class="kind">{t(ctx.lang, `introductions.kind.${message.kind}`)}</span>
        </p>
        {message.body ? <div class="message-body">{message.body}</div> : null}
      </li>
    ))}
  </ol>
);

/** The form of one step of the introduction: its text box (when it takes words) and its button. */
const STEP_FORMS: Record<IntroductionStep, { path: string; label: MessageKey; button: MessageKey; secondary?: boolean }> = {
  forward: { path: 'forward', label: 'introductions.forward.label', button: 'introductions.forward.button' },
  askMore: { path: 'ask', label: 'introductions.askMore.label', button: 'introductions.askMore.button', secondary: true },
  accept: { path: 'accept', label: 'introductions.accept.label', button: 'introductions.accept.button' },
  decline: { path: 'decline', label: 'introductions.decline.label', button: 'introductions.decline.button', secondary: true },
  reply: { path: 'messages', label: 'introductions.reply.label', button: 'introductions.reply.button' },
  withdraw: { path: 'withdraw', label: 'introductions.withdraw.label', button: 'introductions.withdraw.button', secondary: true },
};

/** The order the step forms are offered in. */
const FORM_ORDER: IntroductionStep[] = ['forward', 'askMore', 'accept', 'decline', 'reply', 'withdraw'];

/** The path of each step's form, under /introductions/:id/. */
export const STEP_PATHS = Object.fromEntries(FORM_ORDER.map((step) => [STEP_FORMS[step].path, step])) as Record<string, IntroductionStep>;

const StepForm: FC<{ ctx: PageContext; introduction: Introduction; step: IntroductionStep; failed?: FailedForm | undefined }> = ({ ctx, introduction, step, failed }) => {
  const form = STEP_FORMS[step];
  const mine = failed?.form === step ? failed : undefined;
  const names = { from: lgName(ctx.lang, introduction.from), to: lgName(ctx.lang, introduction.to) };
  const id = `${form.path}-message`;
  return (
    <PostForm ctx={ctx} action={`${introduction.url}/${form.path}`} class="step-form">
      <TextArea
        ctx={ctx}
        id={id}
        name="message"
        label={t(ctx.lang, form.label, names)}
        value={mine?.values.message ?? ''}
        max={MESSAGE_LIMITS.length}
        rows={step === 'reply' ? 5 : 3}
        problem={mine?.problems.find((problem) => problem.field === 'message')}
      />
      <p class="actions">
        <button type="submit" class={form.secondary ? 'button secondary' : 'button'}>{t(ctx.lang, form.button)}</button>
      </p>
    </PostForm>
  );
};

export const IntroductionPage: FC<{ ctx: PageContext; introduction: Introduction; today: string; failed?: FailedForm | undefined }> = ({ ctx, introduction, today, failed }) => {
  const lang = ctx.lang;
  const names = { from: lgName(lang, introduction.from), to: lgName(lang, introduction.to) };
  const title = t(lang, 'introductions.title', names);
  const conflict = failed?.problems.find((problem) => problem.field === 'step');
  const steps = FORM_ORDER.filter((step) => introduction.viewer.steps.includes(step));
  return (
    <Layout ctx={ctx} title={title} section="account">
      <p class="breadcrumb">
        <a href={href(ctx, '/dashboard')}>{t(lang, 'nav.dashboard')}</a>
      </p>
      <h1>{title}</h1>
      <p class="introduction-status" role="status">
        <strong>{statusName(lang, introduction.status)}</strong> · {t(lang, 'introductions.sentOn', { day: day(lang, introduction.sentOn) })}
        {introduction.closedOn && introduction.status !== 'pending' && introduction.status !== 'more-info' && introduction.status !== 'forwarded' ? (
          <> · {t(lang, `introductions.closedOn.${introduction.status}`, { day: day(lang, introduction.closedOn) })}</>
        ) : null}
      </p>
      {conflict ? <Refusal ctx={ctx} problem={conflict} /> : null}
      {introduction.decline ? (
        <p class="note">
          {t(lang, 'introductions.declinedBy', {
            who: introduction.decline.by === 'to' ? names.to : t(lang, 'introductions.aCoordinator'),
            reason: introduction.decline.reason,
          })}
        </p>
      ) : null}
      <section aria-labelledby="parties">
        <h2 id="parties">{t(lang, 'introductions.parties')}</h2>
        <dl class="facts">
          <dt>{t(lang, 'introductions.col.from')}</dt>
          <dd>
            <LgLinked ctx={ctx} lg={introduction.from} />
            {introduction.listings.from ? <> · <a href={href(ctx, introduction.listings.from.url)}>{t(lang, 'introductions.new.seeListing', { lg: names.from })}</a></> : null}
          </dd>
          <dt>{t(lang, 'introductions.col.to')}</dt>
          <dd>
            <LgLinked ctx={ctx} lg={introduction.to} />
            {introduction.listings.to ? <> · <a href={href(ctx, introduction.listings.to.url)}>{t(lang, 'introductions.new.seeListing', { lg: names.to })}</a></> : null}
          </dd>
        </dl>
        {introduction.forwarded ? null : <p class="muted">{t(lang, 'introductions.notYetForwarded', names)}</p>}
      </section>
      {introduction.tracker ? <TrackerSection ctx={ctx} introduction={introduction} tracker={introduction.tracker} today={today} failed={failed} /> : null}
      <section aria-labelledby="thread">
        <h2 id="thread">{t(lang, 'introductions.thread')}</h2>
        <p class="muted">{t(lang, 'introductions.threadNote', names)}</p>
        <Thread ctx={ctx} introduction={introduction} />
      </section>
      {steps.length ? (
        <section aria-labelledby="actions">
          <h2 id="actions">{t(lang, 'introductions.actions')}</h2>
          {failed && !conflict && !failed.form.startsWith('record-') && !failed.form.startsWith('correct-') ? (
            <ProblemSummary ctx={ctx} failed={failed} idOf={() => `${STEP_FORMS[failed.form as IntroductionStep]?.path ?? failed.form}-message`} />
          ) : null}
          <div class="step-forms">
            {steps.map((step) => (
              <StepForm ctx={ctx} introduction={introduction} step={step} failed={failed} />
            ))}
          </div>
        </section>
      ) : null}
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// The formation tracker

/** How many link rows a step's form offers: three, or one more than are filled, up to ten. */
const linkRows = (values: Record<string, string>) => {
  const filled = Object.keys(values).filter((key) => /^links\[\d+\]\.(url|label)$/.test(key) && values[key]).map((key) => Number(/\d+/.exec(key)![0]) + 2);
  return Math.min(TRACKER_LIMITS.links, Math.max(3, ...filled));
};

/** A recorded step's values, as its correction form shows them. */
function recordedValues(step: TrackerStepView): Record<string, string> {
  const values: Record<string, string> = { doneOn: step.recorded?.doneOn ?? '', notes: step.recorded?.notes ?? '' };
  step.recorded?.links.forEach((link, index) => {
    values[`links[${index}].url`] = link.url;
    values[`links[${index}].label`] = link.label;
  });
  return values;
}

const TrackerStepForm: FC<{ ctx: PageContext; introduction: Introduction; step: TrackerStepView; intent: 'record' | 'correct'; today: string; failed?: FailedForm | undefined }> = ({
  ctx,
  introduction,
  step,
  intent,
  today,
  failed,
}) => {
  const lang = ctx.lang;
  const name = `${intent}-${step.step}`;
  const mine = failed?.form === name ? failed : undefined;
  const values = mine?.values ?? (intent === 'correct' ? recordedValues(step) : { doneOn: today });
  const problem = (field: string) => mine?.problems.find((candidate) => candidate.field === field);
  const idOf = (field: string) => `${name}-${field.replace(/[[\].]/g, '-')}`;
  const path = `${introduction.url}/steps/${step.step}${intent === 'correct' ? '/correction' : ''}`;
  return (
    <PostForm ctx={ctx} action={path} class="tracker-form" label={`${t(lang, 'tracker.stepNumber', { number: step.step })}: ${t(lang, `tracker.step.${step.name}`)}`}>
      {mine && mine.problems.some(isFieldProblem) ? <ProblemSummary ctx={ctx} failed={{ ...mine, problems: mine.problems.filter(isFieldProblem) }} idOf={idOf} /> : null}
      <TextInput ctx={ctx} id={idOf('doneOn')} name="doneOn" label={t(lang, 'tracker.field.doneOn')} type="date" maxDate={today} value={values.doneOn ?? ''} max={10} problem={problem('doneOn')} />
      {step.step === SIGNING_STEP && intent === 'record' ? (
        <>
          <TextInput ctx={ctx} id={idOf('label')} name="label" label={t(lang, 'tracker.field.label')} value={values.label ?? ''} max={TRACKER_LIMITS.label} problem={problem('label')} />
          <TextInput
            ctx={ctx}
            id={idOf('labelOriginal')}
            name="labelOriginal"
            label={t(lang, 'tracker.field.labelOriginal')}
            value={values.labelOriginal ?? ''}
            max={TRACKER_LIMITS.labelOriginal}
            problem={problem('labelOriginal')}
          />
        </>
      ) : null}
      <TextArea ctx={ctx} id={idOf('notes')} name="notes" label={t(lang, 'tracker.field.notes')} value={values.notes ?? ''} max={TRACKER_LIMITS.notes} rows={3} problem={problem('notes')} />
      <fieldset class="document-links">
        <legend>{t(lang, 'tracker.documents')}</legend>
        {problem('links') ? <p class="field-error" id={idOf('links')}>{problemText(lang, problem('links')!)}</p> : null}
        {[...Array(linkRows(values)).keys()].map((row) => (
          <div class="link-row">
            <TextInput
              ctx={ctx}
              id={idOf(`links[${row}].url`)}
              name={`links[${row}].url`}
              type="url"
              label={t(lang, 'tracker.field.linkUrl', { number: row + 1 })}
              value={values[`links[${row}].url`] ?? ''}
              max={2000}
              problem={problem(`links[${row}].url`)}
            />
            <TextInput
              ctx={ctx}
              id={idOf(`links[${row}].label`)}
              name={`links[${row}].label`}
              label={t(lang, 'tracker.field.linkLabel', { number: row + 1 })}
              value={values[`links[${row}].label`] ?? ''}
              max={TRACKER_LIMITS.linkLabel}
              problem={problem(`links[${row}].label`)}
            />
          </div>
        ))}
      </fieldset>
      {intent === 'record' && step.step === SIGNING_STEP ? <p class="note">{t(lang, 'tracker.signingNote')}</p> : null}
      {intent === 'record' && step.step === EXCHANGE_STEP ? <p class="note">{t(lang, 'tracker.exchangeNote')}</p> : null}
      <p class="actions">
        <button type="submit">{t(lang, intent === 'record' ? 'tracker.record' : 'tracker.saveCorrection')}</button>
      </p>
    </PostForm>
  );
};

const TrackerSection: FC<{ ctx: PageContext; introduction: Introduction; tracker: Tracker; today: string; failed?: FailedForm | undefined }> = ({ ctx, introduction, tracker, today, failed }) => {
  const lang = ctx.lang;
  const mayRecord = introduction.viewer.recordSteps;
  return (
    <section aria-labelledby="tracker" class="tracker">
      <h2 id="tracker">{t(lang, 'tracker.title')}</h2>
      <p class="muted">{t(lang, 'tracker.lead')}</p>
      {tracker.relationship ? (
        <p>
          <a href={href(ctx, tracker.relationship.url)}>
            {t(lang, 'tracker.relationship', { label: tracker.relationship.label, status: t(lang, `status.${tracker.relationship.status}` as MessageKey) })}
          </a>
        </p>
      ) : null}
      {tracker.next === null ? <p class="note success">{t(lang, 'tracker.complete')}</p> : null}
      <ol class="tracker-steps">
        {tracker.steps.map((step) => {
          const headingId = `tracker-step-${step.step}`;
          const correcting = failed?.form === `correct-${step.step}`;
          return (
            <li class={step.recorded ? 'tracker-step is-done' : step.step === tracker.next ? 'tracker-step is-next' : 'tracker-step'} aria-labelledby={headingId}>
              <h3 id={headingId}>
                <span class="step-number">{t(lang, 'tracker.stepNumber', { number: step.step })}</span> {t(lang, `tracker.step.${step.name}`)}
              </h3>
              {step.recorded ? (
                <>
                  <p>
                    <time datetime={step.recorded.doneOn}>{t(lang, 'tracker.doneOn', { day: day(lang, step.recorded.doneOn) })}</time>
                    {step.recorded.recordedBy ? <span class="muted"> · {t(lang, 'tracker.recordedBy', { name: step.recorded.recordedBy })}</span> : null}
                  </p>
                  {step.recorded.notes ? <div class="message-body">{step.recorded.notes}</div> : null}
                  {step.recorded.links.length ? (
                    <ul class="documents">
                      {step.recorded.links.map((link) => (
                        <li>
                          <a href={link.url} rel="nofollow noopener">{link.label || link.url}</a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {mayRecord ? (
                    <details open={correcting}>
                      <summary>{t(lang, 'tracker.correct')}</summary>
                      <TrackerStepForm ctx={ctx} introduction={introduction} step={step} intent="correct" today={today} failed={failed} />
                    </details>
                  ) : null}
                </>
              ) : step.step === tracker.next && mayRecord ? (
                <TrackerStepForm ctx={ctx} introduction={introduction} step={step} intent="record" today={today} failed={failed} />
              ) : (
                <p class="muted">{t(lang, 'tracker.notRecorded')}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
};
