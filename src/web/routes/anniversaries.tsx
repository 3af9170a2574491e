import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide, type Action } from '../../domain/authorization.js';
import { parseMemberCode } from '../../domain/jurisdictions.js';
import type { VitalityThresholds } from '../../domain/vitality.js';
import { KizunaError, notFound, type FieldProblem } from '../../errors.js';
import { countryName, formatPartial, lgName, regionName, t, type Lang } from '../../i18n/index.js';
import { loadCountries } from '../../reference/countries.js';
import { anniversariesOf, prefectureChoices, readAnniversaryQuery, yearsAnswered, type AnniversaryFilter, type AnniversaryQuery, type AnniversaryQueryProblem } from '../../services/anniversaries.js';
import { exchangeDigestOf } from '../../services/exchanges.js';
import {
  countiesOf,
  createJurisdiction,
  deleteJurisdiction,
  getJurisdiction,
  JurisdictionError,
  jurisdictionChoices,
  jurisdictionLines,
  relationshipIdsWithin,
  jurisdictionProblemText,
  listJurisdictions,
  updateJurisdiction,
  type Jurisdiction,
} from '../../services/jurisdictions.js';
import { localGovernmentSummaries, today } from '../../services/registry.js';
import type { LifeOptions } from '../../services/vitality.js';
import { anniversaryCalendar, calendarResponse } from '../calendar.js';
import { csvResponse } from '../downloads.js';
import { pageContext } from '../pageContext.js';
import {
  AnniversariesPage,
  anniversaryWhen,
  JurisdictionFormPage,
  JurisdictionIndexPage,
  JurisdictionPage,
  vitalityText,
  type AnniversaryChoices,
  type CountyChoice,
  type JurisdictionFormProblems,
  type JurisdictionFormValues,
} from '../pages/anniversaries.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv } from '../session.js';
import { listNews, tagsOfJurisdiction } from '../../services/news.js';
import { NewsSection } from '../pages/news.js';
import { NEWS_ON_PAGES } from './news.js';
import { admit, currentPath } from './access.js';

const EDIT: Action = { do: 'jurisdiction.edit' };
const JURISDICTION = '/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}';
const EMPTY_FORM: JurisdictionFormValues = { nameEn: '', nameJa: '', slug: '', descriptionEn: '', descriptionJa: '', members: '' };
const DONE = { created: 'jurisdictions.done.created', saved: 'jurisdictions.done.saved', deleted: 'jurisdictions.done.deleted' } as const;

const thisYear = () => Number(today().slice(0, 4));

const sortedCountries = new Map<Lang, string[]>();
/** Every country's code, in the order of its name in the language: sorted once a language. */
function countryChoices(lang: Lang): string[] {
  let codes = sortedCountries.get(lang);
  if (!codes) {
    const collator = new Intl.Collator(lang);
    codes = loadCountries()
      .map((country) => country.code)
      .sort((a, b) => collator.compare(countryName(lang, a), countryName(lang, b)));
    sortedCountries.set(lang, codes);
  }
  return codes;
}

/** A problem of the anniversaries' choices in the language. */
function queryProblemText(lang: Lang, problem: AnniversaryQueryProblem, country: string): string {
  return t(lang, `anniversaries.problem.${problem.code}`, { value: problem.value, country: countryName(lang, country), ...yearsAnswered(thisYear()) });
}

/** The choices of an address, as typed. */
function choicesOf(c: Context): AnniversaryChoices {
  const value = (name: keyof AnniversaryChoices) => (c.req.query(name) ?? '').slice(0, 100);
  return { year: value('year'), country: value('country'), region: value('region'), prefecture: value('prefecture'), jurisdiction: value('jurisdiction') };
}

/** A jurisdiction's name in the language. */
const nameOf = (lang: Lang, jurisdiction: Jurisdiction) => (lang === 'ja' && jurisdiction.name.ja ? jurisdiction.name.ja : jurisdiction.name.en);

/** The editor's fields from a posted form. */
function readForm(body: Record<string, string | File | (string | File)[]>): JurisdictionFormValues {
  const text = (name: keyof JurisdictionFormValues) => {
    const value = body[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  };
  return { nameEn: text('nameEn'), nameJa: text('nameJa'), slug: text('slug'), descriptionEn: text('descriptionEn'), descriptionJa: text('descriptionJa'), members: text('members') };
}

/** The service's refusal as the form's problems, field by field, in the language. */
function formProblems(lang: Lang, error: JurisdictionError): JurisdictionFormProblems {
  const problems: JurisdictionFormProblems = {};
  for (const reason of error.reasons) (problems[reason.field] ??= []).push(jurisdictionProblemText(lang, reason));
  return problems;
}

/**
 * The anniversaries (a page, CSV and calendar feeds for everyone, per LG, prefecture, country and
 * jurisdiction) and jurisdictions (public pages; coordinators' editor). A save that succeeds goes to
 * the jurisdiction's page; a refused one shows the form again with what was typed and each problem.
 */
export function registerAnniversaryPages(pages: Hono<KizunaEnv>, db: Db, thresholds: VitalityThresholds): void {
  const life = (): LifeOptions => ({ today: today(), thresholds });
  const origin = (c: Context) => new URL(c.req.url).origin;

  /** The anniversaries an address asks for, or the problems of its choices. */
  async function asked(c: Context<KizunaEnv>, query: AnniversaryQuery = choicesOf(c)) {
    const { lang } = pageContext(c);
    const read = await readAnniversaryQuery(db, query, thisYear());
    const problems = read.problems.map((problem) => ({ field: problem.field, message: queryProblemText(lang, problem, (query.country ?? '').toUpperCase()) }));
    return { ...read, problems, lines: problems.length ? [] : await anniversariesOf(db, read.year, read.filter, life()) };
  }

  /** Refuses a download whose choices are wrong, naming each field. */
  const refuse = (read: { problems: FieldProblem[] }) => {
    if (read.problems.length > 0) throw new KizunaError('validation_failed', read.problems.map((problem) => problem.message).join(' '), read.problems);
  };

  /** A feed of this year's and next year's anniversaries. */
  async function feed(c: Context<KizunaEnv>, filter: AnniversaryFilter, name: string, filename: string): Promise<Response> {
    const { lang } = pageContext(c);
    const year = thisYear();
    const [now, next] = await Promise.all([anniversariesOf(db, year, filter, life()), anniversariesOf(db, year + 1, filter, life())]);
    return calendarResponse(`${filename}.ics`, anniversaryCalendar(lang, name, [...now, ...next], origin(c)));
  }

  pages.get('/anniversaries', async (c) => {
    const ctx = pageContext(c);
    const choices = choicesOf(c);
    const [read, prefectures, jurisdictions] = await Promise.all([asked(c, choices), prefectureChoices(db), jurisdictionChoices(db)]);
    return c.html(
      <AnniversariesPage
        ctx={ctx}
        year={Number.isFinite(read.year) ? read.year : thisYear()}
        choices={choices}
        options={{ countries: countryChoices(ctx.lang), prefectures, jurisdictions }}
        lines={read.lines}
        problems={read.problems.map((problem) => problem.message)}
      />,
      read.problems.length ? 422 : 200,
    );
  });

  pages.get('/anniversaries.csv', async (c) => {
    const { lang } = pageContext(c);
    const choices = choicesOf(c);
    const read = await asked(c, choices);
    refuse(read);
    return csvResponse(
      `kizuna-anniversaries-${read.year}.csv`,
      [
        t(lang, 'anniversaries.column.years'),
        t(lang, 'anniversaries.column.when'),
        t(lang, 'anniversaries.column.japanese'),
        t(lang, 'anniversaries.column.partner'),
        t(lang, 'anniversaries.column.country'),
        t(lang, 'anniversaries.column.label'),
        t(lang, 'anniversaries.column.signedOn'),
        t(lang, 'anniversaries.column.vitality'),
        t(lang, 'anniversaries.column.relationship'),
      ],
      read.lines.map((line) => [
        line.anniversary.years,
        anniversaryWhen(lang, line.anniversary),
        lgName(lang, line.localGovernment),
        [lgName(lang, line.partner), regionName(lang, line.partner)].filter(Boolean).join(', '),
        countryName(lang, line.partner.country),
        line.label,
        formatPartial(lang, line.signedOn!),
        vitalityText(lang, line.vitality),
        origin(c) + href(pageContext(c), line.relationshipUrl),
      ]),
    );
  });

  pages.get('/anniversaries.ics', async (c) => {
    const { lang } = pageContext(c);
    const choices = { ...choicesOf(c), year: '' };
    const read = await asked(c, choices);
    refuse(read);
    return feed(c, read.filter, t(lang, 'anniversaries.calendar.all'), 'kizuna-anniversaries');
  });

  pages.get('/lg/:id{[0-9]{1,9}}/anniversaries.ics', async (c) => {
    const { lang } = pageContext(c);
    const [lg] = await localGovernmentSummaries(db, [Number(c.req.param('id'))]);
    if (!lg) throw notFound(`Local government ${c.req.param('id')}`);
    return feed(c, { localGovernmentId: lg.id }, lgName(lang, lg), `kizuna-lg-${lg.id}-anniversaries`);
  });

  pages.get('/prefectures/:code{[0-9]{6}}/anniversaries.ics', async (c) => {
    const { lang } = pageContext(c);
    const code = c.req.param('code');
    const read = await readAnniversaryQuery(db, { prefecture: code }, thisYear());
    if (read.filter.prefectureId === undefined) throw notFound(`Prefecture ${code}`);
    const [prefecture] = await localGovernmentSummaries(db, [read.filter.prefectureId]);
    return feed(c, read.filter, lgName(lang, prefecture!), `kizuna-${code}-anniversaries`);
  });

  pages.get('/countries/:code{[A-Za-z]{2}}/anniversaries.ics', async (c) => {
    const { lang } = pageContext(c);
    const code = c.req.param('code').toUpperCase();
    if (!loadCountries().some((country) => country.code === code)) throw notFound(`Country ${code}`);
    return feed(c, { country: code }, countryName(lang, code), `kizuna-${code}-anniversaries`);
  });

  pages.get('/jurisdictions', async (c) => {
    const ctx = pageContext(c);
    const done = c.req.query('done');
    const notice = done === 'deleted' ? t(ctx.lang, DONE.deleted) : undefined;
    return c.html(<JurisdictionIndexPage ctx={ctx} jurisdictions={await listJurisdictions(db)} canEdit={decide(c.get('actor'), EDIT).allowed} notice={notice} />);
  });

  /** The counties of the state or province the editor asks about (?counties=US-CA). */
  async function countyChoice(c: Context<KizunaEnv>): Promise<CountyChoice> {
    const { lang } = pageContext(c);
    const region = (c.req.query('counties') ?? '').slice(0, 24).trim();
    if (region === '') return { region, counties: null };
    const member = parseMemberCode(region);
    if (typeof member === 'string' || member.kind !== 'region') return { region, counties: null, problem: t(lang, 'jurisdictions.counties.unreadable') };
    return { region, counties: await countiesOf(db, member.country, member.admin1) };
  }

  const form = async (c: Context<KizunaEnv>, editing: Jurisdiction | null, values: JurisdictionFormValues, problems: JurisdictionFormProblems = {}, status: 200 | 409 | 422 = 200) => {
    const ctx = pageContext(c);
    const title = editing ? t(ctx.lang, 'jurisdictions.form.titleEdit', { name: nameOf(ctx.lang, editing) }) : t(ctx.lang, 'jurisdictions.form.titleNew');
    return c.html(
      <JurisdictionFormPage ctx={ctx} title={title} action={editing ? editing.url : '/jurisdictions'} values={values} problems={problems} counties={await countyChoice(c)} />,
      status,
    );
  };

  /** Saves, then goes to the jurisdiction's page; a refusal shows the form again with its problems. */
  const save = async (c: Context<KizunaEnv>, editing: Jurisdiction | null, back: string) => {
    const ctx = pageContext(c);
    const actor = await admit(c, EDIT, href(ctx, back));
    if (actor instanceof Response) return actor;
    const values = readForm(await c.req.parseBody());
    try {
      const saved = editing ? await updateJurisdiction(db, actor, editing.slug, values) : await createJurisdiction(db, actor, values);
      return c.redirect(href(ctx, `${saved.url}?done=${editing ? 'saved' : 'created'}`), 303);
    } catch (error) {
      if (!(error instanceof JurisdictionError)) throw error;
      return form(c, editing, values, formProblems(ctx.lang, error), error.status === 409 ? 409 : 422);
    }
  };

  pages.get('/jurisdictions/new', async (c) => {
    const actor = await admit(c, EDIT, currentPath(c));
    return actor instanceof Response ? actor : form(c, null, EMPTY_FORM);
  });
  pages.post('/jurisdictions', (c) => save(c, null, '/jurisdictions/new'));

  pages.get(JURISDICTION, async (c) => {
    const ctx = pageContext(c);
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    const read = await readAnniversaryQuery(db, { year: c.req.query('year') ?? '' }, thisYear());
    if (read.problems.length) throw new KizunaError('validation_failed', queryProblemText(ctx.lang, read.problems[0]!, ''), [{ field: 'year', message: queryProblemText(ctx.lang, read.problems[0]!, '') }]);
    const within = await relationshipIdsWithin(db, jurisdiction);
    const [anniversaries, lines] = await Promise.all([anniversariesOf(db, read.year, { relationshipIds: within }, life()), jurisdictionLines(db, within, life())]);
    const ownSide = new Map(lines.map((line) => [line.relationshipId, line.localGovernment.id]));
    const exchanges = await exchangeDigestOf(db, (id) => ownSide.get(id)!, lines.map((line) => ({ id: line.relationshipId, exchanges: { count: 1 } })), 10);
    const done = c.req.query('done');
    const notice = done === 'created' || done === 'saved' ? t(ctx.lang, DONE[done]) : undefined;
    return c.html(
      <JurisdictionPage
        ctx={ctx}
        jurisdiction={jurisdiction}
        year={read.year}
        anniversaries={anniversaries}
        lines={lines}
        exchanges={exchanges}
        canEdit={decide(c.get('actor'), EDIT).allowed}
        notice={notice}
        more={<NewsSection ctx={ctx} items={await listNews(db, { tags: tagsOfJurisdiction(jurisdiction), limit: NEWS_ON_PAGES })} feedPath={`${jurisdiction.url}/news.atom`} />}
      />,
    );
  });

  pages.get(`${JURISDICTION}/edit`, async (c) => {
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    const actor = await admit(c, EDIT, currentPath(c));
    if (actor instanceof Response) return actor;
    return form(c, jurisdiction, {
      nameEn: jurisdiction.name.en,
      nameJa: jurisdiction.name.ja,
      slug: jurisdiction.slug,
      descriptionEn: jurisdiction.description.en,
      descriptionJa: jurisdiction.description.ja,
      members: jurisdiction.members.map((member) => member.code).join('\n'),
    });
  });

  pages.post(JURISDICTION, async (c) => {
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    return save(c, jurisdiction, `${jurisdiction.url}/edit`);
  });

  pages.post(`${JURISDICTION}/delete`, async (c) => {
    const ctx = pageContext(c);
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    const actor = await admit(c, EDIT, href(ctx, jurisdiction.url));
    if (actor instanceof Response) return actor;
    await deleteJurisdiction(db, actor, jurisdiction.slug);
    return c.redirect(href(ctx, '/jurisdictions?done=deleted'), 303);
  });

  pages.get(`${JURISDICTION}/anniversaries.ics`, async (c) => {
    const { lang } = pageContext(c);
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    return feed(c, { relationshipIds: await relationshipIdsWithin(db, jurisdiction) }, nameOf(lang, jurisdiction), `kizuna-${jurisdiction.slug}-anniversaries`);
  });
}
