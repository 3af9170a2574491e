import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { apiCaller, type ErrorBody, signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import type { Exchange } from '../../services/exchanges.js';
import { createMailer } from '../../services/mailer.js';
import { createRelationship, today, type Relationship } from '../../services/registry.js';
import type { JapanStatistics } from '../../services/stats.js';
import { addDays, sendTermReminders } from '../../services/terms.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let ibaraOfficer: TestAccount;
let partnerOfficer: TestAccount;
let strangerOfficer: TestAccount;
/** Japanese LGs and places abroad, by id, to pair afresh in each test. */
let japanese: number[];
let abroad: number[];
const DAY = today();

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  japanese = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'JP' and kind = 'city' order by jis_code limit 12`)).map((row) => row.id);
  abroad = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'US' and kind <> 'state' order by id limit 12`)).map((row) => row.id);
  coordinator = await createTestAccount(database.db, 'coordinator');
  ibaraOfficer = await createTestAccount(database.db, 'officer', [japanese[0]!]);
  partnerOfficer = await createTestAccount(database.db, 'officer', [abroad[0]!]);
  strangerOfficer = await createTestAccount(database.db, 'officer', [japanese[11]!]);
});
afterAll(() => database.close());

const app = () => createApp({ db: database.db, cacheBytes: 0 });

const call = apiCaller(app, () => coordinator.token);

const fields = (body: unknown) => (body as ErrorBody).error.problems.map((problem) => problem.field);

/** A relationship of two LGs of the lists, signed on the day given (by the operator). */
async function relationshipOf(japaneseIndex: number, abroadIndex: number, extra: Record<string, unknown> = {}): Promise<Relationship> {
  return createRelationship(
    database.db,
    { localGovernmentIds: [japanese[japaneseIndex]!, abroad[abroadIndex]!], label: 'sister city', signedOn: '1990-04-01', ...extra } as never,
    OPERATOR,
  );
}

const anExchange = (relationship: Relationship, extra: Record<string, unknown> = {}) => ({
  startedOn: addDays(DAY, -30),
  endedOn: addDays(DAY, -25),
  kind: 'student_youth',
  direction: 'visit',
  visitorId: relationship.parties[0].id,
  participants: 12,
  description: { en: 'Twelve pupils stayed with families for a week.', ja: '' },
  links: [{ url: 'https://city.example.jp/report', label: 'Report' }],
  ...extra,
});

async function auditCount(entity: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log where entity = ${entity}`);
  return row!.count;
}

async function exchangeCount(relationshipId: number): Promise<number> {
  return (await call<{ results: Exchange[] }>(`/api/relationships/${relationshipId}/exchanges`)).body.results.length;
}

describe('POST /api/relationships/{id}/exchanges', () => {
  it('records an exchange by an officer of either party and by a coordinator, each audited, and lists them latest first', async () => {
    const relationship = await relationshipOf(0, 0);
    const audits = await auditCount('exchange');
    const first = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship, { startedOn: '2001-05-01', endedOn: null }), token: ibaraOfficer.token });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'student_youth', direction: 'visit', participants: 12, recordedBy: expect.stringContaining('officer') });
    const second = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship, { direction: 'mutual', visitorId: null }), token: partnerOfficer.token });
    expect(second.status).toBe(201);
    const third = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, {
      method: 'POST',
      body: anExchange(relationship, { kind: 'online', direction: 'remote', visitorId: null, participants: null, description: { ja: 'オンラインで授業を交換' } }),
    });
    expect(third.status).toBe(201);
    expect(third.body.description).toEqual({ en: '', ja: 'オンラインで授業を交換' });
    expect(await auditCount('exchange')).toBe(audits + 3);
    const listed = await call<{ results: Exchange[] }>(`/api/relationships/${relationship.id}/exchanges`, { token: null });
    expect(listed.status).toBe(200);
    expect(listed.body.results.map((exchange) => exchange.id)).toEqual([third.body.id, second.body.id, first.body.id]);
    const [audit] = await queryRows<{ actor: string; action: string; after: { id: number } }>(database.db, sql`select actor, action, after from audit_log where entity = 'exchange' and entity_id = ${first.body.id}`);
    expect(audit).toMatchObject({ actor: ibaraOfficer.email, action: 'create', after: { id: first.body.id } });
  });

  it('makes the relationship active, in the API and on its page', async () => {
    const relationship = await relationshipOf(1, 1);
    expect((await call<Relationship>(`/api/relationships/${relationship.id}`)).body.vitality).toBe('unrecorded');
    await call(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship) });
    const after = (await call<Relationship>(`/api/relationships/${relationship.id}`)).body;
    expect(after.vitality).toBe('active');
    expect(after.exchanges).toEqual({ count: 1, lastExchangeOn: addDays(DAY, -25) });
  });

  it('refuses the public (401), an officer of neither party (403) and an unknown relationship (404), changing nothing', async () => {
    const relationship = await relationshipOf(2, 2);
    const audits = await auditCount('exchange');
    const path = `/api/relationships/${relationship.id}/exchanges`;
    expect((await call(path, { method: 'POST', body: anExchange(relationship), token: null })).status).toBe(401);
    const forbidden = await call<ErrorBody>(path, { method: 'POST', body: anExchange(relationship), token: strangerOfficer.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/own local governments/);
    expect((await call<ErrorBody>('/api/relationships/999999999/exchanges', { method: 'POST', body: anExchange(relationship) })).status).toBe(404);
    expect(await exchangeCount(relationship.id)).toBe(0);
    expect(await auditCount('exchange')).toBe(audits);
  });

  const BAD: [string, (relationship: Relationship) => Record<string, unknown>, string, RegExp][] = [
    ['an exchange before the signing day', () => ({ startedOn: '1990-03-31', endedOn: null }), 'startedOn', /before the relationship was signed \(1990-04-01\)/],
    ['an exchange in the future', () => ({ startedOn: addDays(DAY, 1), endedOn: null }), 'startedOn', /must not be in the future/],
    ['a period ending in the future', () => ({ startedOn: DAY, endedOn: addDays(DAY, 3) }), 'endedOn', /must not be in the future/],
    ['a period ending before it starts', () => ({ startedOn: addDays(DAY, -3), endedOn: addDays(DAY, -4) }), 'endedOn', /before the first day/],
    ['negative participants', () => ({ participants: -1 }), 'participants', /must not be negative/],
    ['participants that are not whole', () => ({ participants: 2.5 }), 'participants', /whole number/],
    ['an unknown kind', () => ({ kind: 'karaoke' }), 'kind', /must be one of official_delegation/],
    ['an unknown direction', () => ({ direction: 'sideways' }), 'direction', /must be one of visit, mutual, remote/],
    ['a visit without the visiting party', () => ({ visitorId: null }), 'visitorId', /name the party/],
    ['a visit by a third local government', () => ({ visitorId: 1 }), 'visitorId', /must be one of the two parties/],
    ['a visiting party for an exchange online', () => ({ direction: 'remote' }), 'visitorId', /only for a visit/],
    ['no description', () => ({ description: { en: ' ', ja: '' } }), 'description', /English, Japanese or both/],
    ['a link to a script', () => ({ links: [{ url: 'javascript:alert(1)', label: 'x' }] }), 'links[0].url', /http\(s\)/],
    ['an unknown field', () => ({ by: 'me' }), '(body)', /unknown field by/],
  ];
  it.each(BAD)('refuses %s with 422 naming the field, changing nothing', async (_, change, field, message) => {
    const relationship = await relationshipOf(0, 3, { label: `bad ${field} ${Math.random()}` });
    const audits = await auditCount('exchange');
    const { status, body } = await call<ErrorBody>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: { ...anExchange(relationship), ...change(relationship) }, token: ibaraOfficer.token });
    expect(status, JSON.stringify(body)).toBe(422);
    expect(fields(body)).toContain(field);
    expect(body.error.message).toMatch(message);
    expect(await exchangeCount(relationship.id)).toBe(0);
    expect(await auditCount('exchange')).toBe(audits);
  });

  it('refuses an exchange after the relationship ended', async () => {
    const relationship = await relationshipOf(4, 4);
    await call(`/api/relationships/${relationship.id}/end`, { method: 'POST', body: { endedOn: '2010-03-31' } });
    const { status, body } = await call<ErrorBody>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship) });
    expect(status).toBe(422);
    expect(body.error.problems[0]).toEqual({ field: 'startedOn', message: 'must not be after the relationship ended (2010-03-31)' });
  });
});

describe('the relationship’s last exchange', () => {
  it('and its count follow the log however it is written, by the service or by a statement of SQL', async () => {
    const relationship = await relationshipOf(5, 7);
    const last = async () =>
      (await queryRows<{ day: string | null }>(database.db, sql`select to_char(last_exchange_on, 'YYYY-MM-DD') as day from relationships where id = ${relationship.id}`))[0]!.day;
    const count = async () => (await call<Relationship>(`/api/relationships/${relationship.id}`)).body.exchanges.count;
    const { body: first } = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship, { startedOn: '2010-05-01', endedOn: '2010-05-04' }) });
    expect(await last()).toBe('2010-05-04');
    await database.db.execute(sql`insert into exchanges (relationship_id, started_on, kind, direction) values (${relationship.id}, '2015-01-01', 'other', 'remote'), (${relationship.id}, '2012-01-01', 'other', 'remote')`);
    expect(await last()).toBe('2015-01-01');
    expect(await count()).toBe(3);
    await database.db.execute(sql`update exchanges set started_on = '2016-02-02' where relationship_id = ${relationship.id} and started_on = '2015-01-01'`);
    expect(await last()).toBe('2016-02-02');
    await database.db.execute(sql`delete from exchanges where relationship_id = ${relationship.id} and id <> ${first.id}`);
    expect(await last()).toBe('2010-05-04');
    expect(await count()).toBe(1);
    await call(`/api/relationships/${relationship.id}/exchanges/${first.id}`, { method: 'DELETE' });
    expect(await last()).toBeNull();
    expect(await count()).toBe(0);
  });
});

describe('DELETE /api/relationships/{id}/exchanges/{exchangeId}', () => {
  it('deletes an exchange for an officer of a party, audited, and refuses others', async () => {
    const relationship = await relationshipOf(5, 0);
    const { body: exchange } = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship) });
    const path = `/api/relationships/${relationship.id}/exchanges/${exchange.id}`;
    expect((await call(path, { method: 'DELETE', token: strangerOfficer.token })).status).toBe(403);
    expect((await call(`/api/relationships/${relationship.id}/exchanges/999999999`, { method: 'DELETE' })).status).toBe(404);
    const audits = await auditCount('exchange');
    expect((await call(path, { method: 'DELETE', token: partnerOfficer.token })).status).toBe(204);
    expect(await exchangeCount(relationship.id)).toBe(0);
    expect(await auditCount('exchange')).toBe(audits + 1);
  });
});

describe('PUT /api/relationships/{id}/exchanges/{exchangeId}', () => {
  it('corrects an exchange recorded by an officer, for a coordinator, keeping who recorded it, audited with before and after', async () => {
    const relationship = await relationshipOf(0, 5);
    const { body: recorded } = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship), token: ibaraOfficer.token });
    const path = `/api/relationships/${relationship.id}/exchanges/${recorded.id}`;
    const corrected = anExchange(relationship, { kind: 'school', participants: 21, links: [] });
    const { status, body } = await call<Exchange>(path, { method: 'PUT', body: corrected });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ id: recorded.id, kind: 'school', participants: 21, links: [], recordedBy: ibaraOfficer.actor.name });
    expect((await call<{ results: Exchange[] }>(`/api/relationships/${relationship.id}/exchanges`)).body.results).toEqual([body]);
    const [audit] = await queryRows<{ actor: string; before: Exchange; after: Exchange }>(
      database.db,
      sql`select actor, before, after from audit_log where entity = 'exchange' and entity_id = ${recorded.id} and action = 'update'`,
    );
    expect(audit).toMatchObject({ actor: coordinator.email, before: { kind: 'student_youth', participants: 12 }, after: { kind: 'school', participants: 21 } });
  });

  it('refuses the public, an officer of neither party, an unknown exchange and a correction that breaks a rule, changing nothing', async () => {
    const relationship = await relationshipOf(0, 4);
    const { body: recorded } = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship) });
    const path = `/api/relationships/${relationship.id}/exchanges/${recorded.id}`;
    const audits = await auditCount('exchange');
    expect((await call(path, { method: 'PUT', body: anExchange(relationship), token: null })).status).toBe(401);
    expect((await call(path, { method: 'PUT', body: anExchange(relationship), token: strangerOfficer.token })).status).toBe(403);
    expect((await call(`/api/relationships/${relationship.id}/exchanges/999999999`, { method: 'PUT', body: anExchange(relationship) })).status).toBe(404);
    const other = await relationshipOf(1, 4);
    expect((await call(`/api/relationships/${other.id}/exchanges/${recorded.id}`, { method: 'PUT', body: anExchange(other) })).status).toBe(404);
    const early = await call<ErrorBody>(path, { method: 'PUT', body: anExchange(relationship, { startedOn: '1989-01-01', endedOn: null }) });
    expect(early.status).toBe(422);
    expect(early.body.error.problems).toEqual([{ field: 'startedOn', message: 'must not be before the relationship was signed (1990-04-01)' }]);
    const negative = await call<ErrorBody>(path, { method: 'PUT', body: anExchange(relationship, { participants: -2 }) });
    expect(fields(negative.body)).toEqual(['participants']);
    expect((await call<{ results: Exchange[] }>(`/api/relationships/${relationship.id}/exchanges`)).body.results).toEqual([recorded]);
    expect(await auditCount('exchange')).toBe(audits);
  });
});

describe('POST /api/relationships/{id}/renewals', () => {
  it('records a renewal by an officer: the new end becomes the term’s, with the end it extended and who recorded it', async () => {
    // Osaka Prefecture and Dubai: three years from October 2002, renewed for three more.
    const relationship = await relationshipOf(0, 6, { signedOn: '2002-10-01', fixedTermEnd: '2005-09-30' });
    const audits = await auditCount('relationship');
    const { status, body } = await call<Relationship>(`/api/relationships/${relationship.id}/renewals`, {
      method: 'POST',
      body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' },
      token: ibaraOfficer.token,
    });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.fixedTermEnd).toBe('2008-09-30');
    expect(body.renewals).toEqual([{ renewedOn: '2005-09-01', newEnd: '2008-09-30', previousEnd: '2005-09-30', recordedBy: expect.stringContaining('officer') }]);
    expect(body.vitality).toBe('expired');
    expect(await auditCount('relationship')).toBe(audits + 1);
  });

  it('refuses a renewal before the previous end, in the future, before the last renewal, and by others, changing nothing', async () => {
    const relationship = await relationshipOf(7, 7, { signedOn: '2002-10-01', fixedTermEnd: '2005-09-30' });
    const path = `/api/relationships/${relationship.id}/renewals`;
    const before = await call<ErrorBody>(path, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2005-09-30' } });
    expect(before.status).toBe(422);
    expect(before.body.error.problems).toEqual([{ field: 'newEnd', message: 'must be after the end of the term it renews (2005-09-30)' }]);
    const future = await call<ErrorBody>(path, { method: 'POST', body: { renewedOn: addDays(DAY, 1), newEnd: '2099-01-01' } });
    expect(future.status).toBe(422);
    expect(fields(future.body)).toEqual(['renewedOn']);
    expect((await call(path, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' }, token: strangerOfficer.token })).status).toBe(403);
    expect((await call(path, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' }, token: null })).status).toBe(401);
    expect((await call(path, { method: 'POST', body: { renewedOn: '2005-02-30', newEnd: '2008-09-30' } })).status).toBe(422);
    expect((await call<Relationship>(`/api/relationships/${relationship.id}`)).body).toMatchObject({ fixedTermEnd: '2005-09-30', renewals: [] });
    expect((await call(path, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' } })).status).toBe(201);
    const earlier = await call<ErrorBody>(path, { method: 'POST', body: { renewedOn: '2005-08-01', newEnd: '2011-09-30' } });
    expect(earlier.body.error.problems).toEqual([{ field: 'renewedOn', message: 'must not be before the last renewal (2005-09-01)' }]);
  });

  it('keeps who recorded each renewal when PATCH gives the renewals whole, and names the coordinator for a new one', async () => {
    const relationship = await relationshipOf(0, 9, { signedOn: '2002-10-01', fixedTermEnd: '2005-09-30' });
    const renewals = `/api/relationships/${relationship.id}/renewals`;
    expect((await call(renewals, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' }, token: ibaraOfficer.token })).status).toBe(201);
    const { status, body } = await call<Relationship>(`/api/relationships/${relationship.id}`, {
      method: 'PATCH',
      body: {
        fixedTermEnd: '2011-09-30',
        renewals: [
          { renewedOn: '2005-09-01', newEnd: '2008-09-30' },
          { renewedOn: '2008-08-01', newEnd: '2011-09-30' },
        ],
      },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.renewals).toEqual([
      { renewedOn: '2005-09-01', newEnd: '2008-09-30', previousEnd: '2005-09-30', recordedBy: ibaraOfficer.actor.name },
      { renewedOn: '2008-08-01', newEnd: '2011-09-30', previousEnd: '2008-09-30', recordedBy: coordinator.actor.name },
    ]);
    const dropped = await call<Relationship>(`/api/relationships/${relationship.id}`, { method: 'PATCH', body: { renewals: [{ renewedOn: '2008-08-01', newEnd: '2011-09-30' }] } });
    expect(dropped.body.renewals).toEqual([{ renewedOn: '2008-08-01', newEnd: '2011-09-30', previousEnd: '2008-09-30', recordedBy: coordinator.actor.name }]);
  });

  it('refuses to renew a relationship without a fixed term (409)', async () => {
    const relationship = await relationshipOf(8, 8);
    const { status, body } = await call<ErrorBody>(`/api/relationships/${relationship.id}/renewals`, { method: 'POST', body: { renewedOn: '2005-09-01', newEnd: '2008-09-30' } });
    expect(status).toBe(409);
    expect(fields(body)).toEqual(['fixedTermEnd']);
  });
});

describe('vitality and terms in /api/stats', () => {
  it('counts relationships with an exchange in the last three years by country and by kind, and expired ones apart, as of a day', async () => {
    const stats = async (asOf?: string) => (await call<JapanStatistics>(`/api/stats${asOf ? `?asOf=${asOf}` : ''}`, { token: null })).body;
    const before = await stats();
    const lively = await relationshipOf(9, 9, { label: 'friendship city' });
    await call(`/api/relationships/${lively.id}/exchanges`, { method: 'POST', body: anExchange(lively) });
    const lapsed = await relationshipOf(10, 10, { signedOn: '1997-04-01', fixedTermEnd: '2002-03-31' });
    const after = await stats();
    expect(after.vitality.thresholds).toEqual({ activeYears: 3, quietYears: 10 });
    expect(after.vitality.totals.active).toBe(before.vitality.totals.active + 1);
    expect(after.vitality.totals.expired).toBe(before.vitality.totals.expired + 1);
    // The lapsed term is no longer in force: counted apart.
    expect(after.totals.international).toBe(before.totals.international + 1);
    const us = (body: JapanStatistics) => body.vitality.byCountry.find((row) => row.country === 'US')!;
    expect(us(after).active).toBe(us(before).active + 1);
    expect(after.vitality.byKind.find((row) => row.kind === 'city')!.active).toBe(before.vitality.byKind.find((row) => row.kind === 'city')!.active + 1);
    // As of 2000 the fixed term ran; renewed afterwards, it runs again from the renewal on.
    const inForce2000 = (await stats('2000-01-01')).totals.international;
    const expired2003 = (await stats('2003-01-01')).vitality.totals.expired;
    await call(`/api/relationships/${lapsed.id}/renewals`, { method: 'POST', body: { renewedOn: '2003-06-01', newEnd: '2099-03-31' } });
    expect((await stats('2000-01-01')).totals.international).toBe(inForce2000);
    expect((await stats('2003-01-01')).vitality.totals.expired).toBe(expired2003);
    expect((await stats('2004-01-01')).vitality.totals.expired).toBe(expired2003 - 1);
    expect((await stats()).vitality.totals.expired).toBe(before.vitality.totals.expired);
  });
});

describe('the pages', () => {
  it('show the log and vitality on the relationship’s page, with the forms only for those who may record', async () => {
    const relationship = await relationshipOf(11, 11, { fixedTermEnd: addDays(DAY, 60) });
    await call(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship) });
    const publicPage = await (await app().request(`/relationships/${relationship.id}`)).text();
    expect(publicPage).toContain('Twelve pupils stayed with families for a week.');
    expect(publicPage).toContain('Student and youth exchange');
    expect(publicPage).toContain('vitality-active');
    expect(publicPage).not.toContain('/exchanges/new');
    const japanesePage = await (await app().request(`/ja/relationships/${relationship.id}`)).text();
    expect(japanesePage).toContain('青少年・学生交流');
    expect(japanesePage).toContain('活発');
    const csv = await (await app().request(`/relationships/${relationship.id}/exchanges.csv`)).text();
    expect(csv.split('\r\n')[0]).toContain('First day');
    expect(csv).toContain('Twelve pupils');
  });

  it('record an exchange through the form, and show a refused one again with its problems beside the fields', async () => {
    const relationship = await relationshipOf(0, 11);
    const client = await signedInClient(app(), database.db, ibaraOfficer);
    const form = await client.page(`/relationships/${relationship.id}/exchanges/new`);
    expect(form.status).toBe(200);
    const refused = await client.post(`/ja/relationships/${relationship.id}/exchanges`, {
      startedOn: '1980-01-01',
      kind: 'sport',
      travel: 'mutual',
      participants: '-3',
      descriptionEn: '',
      descriptionJa: '',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('0以上の整数を入力してください');
    expect(await exchangeCount(relationship.id)).toBe(0);
    const late = await client.post(`/ja/relationships/${relationship.id}/exchanges`, { startedOn: '1980-01-01', kind: 'sport', travel: 'mutual', descriptionJa: '親善試合' });
    expect(late.status).toBe(422);
    expect(late.html).toContain('提携の締結日（1990年4月1日）より前の日付は入力できません');
    const saved = await client.post(`/relationships/${relationship.id}/exchanges`, {
      startedOn: '2024-08-01',
      endedOn: '2024-08-03',
      kind: 'sport',
      travel: `visit:${relationship.parties[1].id}`,
      participants: '40',
      descriptionEn: 'A football team visited.',
      linkUrl0: 'https://example.org/match',
      linkLabel0: 'Match report',
    });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/relationships/${relationship.id}?done=recorded#exchanges`);
    expect(await exchangeCount(relationship.id)).toBe(1);
    const stranger = await signedInClient(app(), database.db, strangerOfficer);
    expect((await stranger.page(`/relationships/${relationship.id}/exchanges/new`)).status).toBe(403);
    expect((await new TestClient(app()).page(`/relationships/${relationship.id}/exchanges/new`)).status).toBe(303);
  });

  it('correct an exchange through its form, filled with what was recorded, links beyond the form’s three rows kept', async () => {
    const relationship = await relationshipOf(0, 8);
    const links = Array.from({ length: 5 }, (_, index) => ({ url: `https://city.example.jp/report/${index}`, label: `Report ${index + 1}` }));
    const { body: recorded } = await call<Exchange>(`/api/relationships/${relationship.id}/exchanges`, { method: 'POST', body: anExchange(relationship, { links }) });
    const client = await signedInClient(app(), database.db, ibaraOfficer);
    const relationshipPage = await client.page(`/relationships/${relationship.id}`);
    expect(relationshipPage.html).toContain(`/relationships/${relationship.id}/exchanges/${recorded.id}/edit`);
    const form = await client.page(`/ja/relationships/${relationship.id}/exchanges/${recorded.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('交流の記録を訂正する');
    expect(form.html).toContain(`action="/ja/relationships/${relationship.id}/exchanges/${recorded.id}"`);
    expect(form.html).toContain('value="https://city.example.jp/report/4"');
    expect(form.html).toContain('Twelve pupils stayed with families for a week.');
    const typed = {
      startedOn: recorded.startedOn,
      endedOn: recorded.endedOn!,
      kind: 'culture_arts',
      travel: `visit:${relationship.parties[0].id}`,
      participants: '1,200',
      descriptionEn: 'A choir of twelve hundred, not twelve pupils.',
      ...Object.fromEntries(links.flatMap((link, index) => [[`linkUrl${index}`, link.url], [`linkLabel${index}`, link.label]])),
    };
    const refused = await client.post(`/relationships/${relationship.id}/exchanges/${recorded.id}`, { ...typed, startedOn: '1980-01-01' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('The changes were not saved');
    expect(refused.html).toContain('value="https://city.example.jp/report/4"');
    const saved = await client.post(`/relationships/${relationship.id}/exchanges/${recorded.id}`, typed);
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/relationships/${relationship.id}?done=updated#exchanges`);
    const [exchange] = (await call<{ results: Exchange[] }>(`/api/relationships/${relationship.id}/exchanges`)).body.results;
    expect(exchange).toMatchObject({ id: recorded.id, kind: 'culture_arts', participants: 1200, links, recordedBy: recorded.recordedBy });
    const stranger = await signedInClient(app(), database.db, strangerOfficer);
    expect((await stranger.page(`/relationships/${relationship.id}/exchanges/${recorded.id}/edit`)).status).toBe(403);
    expect((await stranger.post(`/relationships/${relationship.id}/exchanges/${recorded.id}`, typed)).status).toBe(403);
    expect((await client.page(`/relationships/${relationship.id}/exchanges/999999999/edit`)).status).toBe(404);
  });

  it('filter a list by vitality and show it in the list and its CSV', async () => {
    const page = await (await app().request('/countries/US?vitality=active')).text();
    expect(page).toContain('vitality-active');
    expect(page).not.toContain('vitality vitality-unrecorded');
    const csv = await (await app().request('/countries/US.csv?vitality=active')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('Vitality');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(',Active,'))).toBe(true);
  });

  it('tell the officers of both parties and the coordinators of a term ending within 90 days, and officers of their quiet relationships', async () => {
    const ending = await relationshipOf(0, 10, { label: 'twin town', fixedTermEnd: addDays(DAY, 20) });
    const quiet = await relationshipOf(0, 9, { label: 'partner city' });
    await call(`/api/relationships/${quiet.id}/exchanges`, { method: 'POST', body: anExchange(quiet, { startedOn: '2015-05-01', endedOn: null }) });
    for (const account of [ibaraOfficer, coordinator]) {
      const client = await signedInClient(app(), database.db, account);
      const { html } = await client.page('/dashboard');
      expect(html).toContain(`/relationships/${ending.id}`);
      expect(html).toMatch(/ends on .* \(in 20 days\)/);
    }
    const officerPage = (await (await signedInClient(app(), database.db, ibaraOfficer)).page('/dashboard')).html;
    expect(officerPage).toContain('Relationships to bring up to date');
    expect(officerPage).toContain(`/relationships/${quiet.id}/exchanges/new`);
    const strangerPage = (await (await signedInClient(app(), database.db, strangerOfficer)).page('/dashboard')).html;
    expect(strangerPage).not.toContain(`/relationships/${ending.id}`);
  });
});

describe('reminders of terms by mail', () => {
  it('mail the officers of both parties and the coordinators once per notice, through a real SMTP server', async () => {
    const received: { to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          // Quoted-printable lines joined again, so that addresses read whole.
          received.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw: Buffer.concat(chunks).toString('utf8').replace(/=\r?\n/g, '') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const notifier = { mailer: createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Kizuna <no-reply@example.org>' })!, origin: 'https://kizuna.example.org' };
      const relationship = await relationshipOf(0, 8, { label: 'fixed term', fixedTermEnd: addDays(DAY, 80) });
      const life = { today: DAY, thresholds: { activeYears: 3, quietYears: 10 } };
      await sendTermReminders(database.db, notifier, life);
      const about = received.filter((mail) => mail.raw.includes(`/relationships/${relationship.id}`));
      const recipients = about.flatMap((mail) => mail.to);
      expect(recipients).toContain(ibaraOfficer.email);
      expect(recipients).toContain(coordinator.email);
      expect(recipients).not.toContain(strangerOfficer.email);
      expect(about[0]!.raw).toContain('https://kizuna.example.org/relationships/');
      // Once per notice: again the same day, nothing; 30 days before the end, once more.
      const count = received.length;
      await sendTermReminders(database.db, notifier, life);
      expect(received.length).toBe(count);
      await sendTermReminders(database.db, notifier, { ...life, today: addDays(DAY, 55) });
      expect(received.filter((mail) => mail.raw.includes(`/relationships/${relationship.id}`)).length).toBe(about.length * 2);
    } finally {
      await new Promise<void>((resolve) => server.close(resolve));
    }
  });
});
