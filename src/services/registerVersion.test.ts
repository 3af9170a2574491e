import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR } from '../../test/accounts.js';
import { openAnotherConnection, openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { signIn } from './accounts.js';
import { writeAudit } from './audit.js';
import { createPublishedFigure } from './publishedFigures.js';
import { readsBegunAfterAsking, registerVersion, registerVersionReader } from './registerVersion.js';

/** The tables whose contents the public sees: a write to any of them advances the version. */
const REGISTER = [
  'countries',
  'local_governments',
  'search_keys',
  'former_municipalities',
  'relationships',
  'relationship_renewals',
  'exchanges',
  'published_figures',
  'listings',
  'listing_images',
  'jurisdictions',
  'jurisdiction_members',
  'commendations',
  'commendation_relationships',
  'commendation_exchanges',
  'news_items',
  'news_tags',
  'newsletter_issues',
];
/** The tables only the people concerned see (listing events are a listing's history for its officers and coordinators). */
const PRIVATE = [
  'accounts',
  'account_local_governments',
  'one_time_links',
  'sessions',
  'api_tokens',
  'sign_in_failures',
  'audit_log',
  'listing_events',
  'introductions',
  'introduction_messages',
  'trackers',
  'tracker_steps',
  'meta',
  'rate_limits',
  'term_reminders',
  'subscribers',
  'subscriber_tokens',
  'newsletter_deliveries',
];

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});

afterAll(async () => {
  await database?.close();
});

describe('the register version', () => {
  it('is kept for every table of the register and for none other, and every table is one or the other', async () => {
    const tables = await queryRows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    expect(tables.map((table) => table.name).sort(), 'a new table must be added to REGISTER or PRIVATE').toEqual([...REGISTER, ...PRIVATE].sort());
    const triggered = await queryRows<{ name: string }>(
      database.db,
      sql`select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname = 'advance_register_version'`,
    );
    expect(triggered.map((table) => table.name).sort()).toEqual([...REGISTER].sort());
  });

  it('advances at any statement that writes a table of the register, even one no service makes', async () => {
    for (const table of REGISTER) {
      const before = BigInt(await registerVersion(database.db));
      await database.db.execute(sql`delete from ${sql.identifier(table)} where false`);
      expect(BigInt(await registerVersion(database.db)), table).toBeGreaterThan(before);
    }
  });

  it('advances at a write through a service, and a rolled-back write leaves it as it was', async () => {
    const before = await registerVersion(database.db);
    await createPublishedFigure(database.db, OPERATOR, { publisher: 'CLAIR', publishedOn: '2020-04-01', scope: 'total', subject: '', value: 1700, citation: 'test' });
    const after = await registerVersion(database.db);
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update relationships set notes = notes where false`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await registerVersion(database.db)).toBe(after);
  });

  it('is known to the reader a process keeps at once after a write of its own, through a service or plain SQL', async () => {
    const current = registerVersionReader(database.db);
    const before = await current();
    expect(await current()).toBe(before);
    await createPublishedFigure(database.db, OPERATOR, { publisher: 'CLAIR', publishedOn: '2021-04-01', scope: 'total', subject: '', value: 1710, citation: 'test' });
    const afterService = await current();
    expect(BigInt(afterService)).toBeGreaterThan(BigInt(before));
    await database.db.execute(sql`update listings set id = id where false`);
    expect(BigInt(await current())).toBeGreaterThan(BigInt(afterService));
    expect(await current()).toBe(await registerVersion(database.db));
  });

  it('stays as it is when only private tables are written: sign-ins, sessions, the audit log', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    const before = await registerVersion(database.db);
    await signIn(database.db, { email: account.email, password: account.password, address: '192.0.2.7' });
    await signIn(database.db, { email: account.email, password: 'wrong password', address: '192.0.2.7' }).catch(() => undefined);
    await writeAudit(database.db, account.actor, { action: 'update', entity: 'test', entityId: null, before: null, after: null });
    expect(await registerVersion(database.db)).toBe(before);
  });

  it('is seen advanced at once by another connection (another process) after a write commits', async () => {
    const other = await openAnotherConnection(database);
    if (!other) return; // PGlite: one process alone opens a data folder
    try {
      const before = await registerVersion(other.db);
      await database.db.execute(sql`update local_governments set population = population where id = (select min(id) from local_governments)`);
      expect(BigInt(await registerVersion(other.db))).toBeGreaterThan(BigInt(before));
    } finally {
      await other.close();
    }
  });
});

describe('readsBegunAfterAsking', () => {
  it('gives each caller a read begun after it asked, shared by those who asked while one was under way', async () => {
    const reads: { resolve: (value: number) => void }[] = [];
    const read = readsBegunAfterAsking(() => new Promise<number>((resolve) => reads.push({ resolve })));
    const first = read();
    const [second, third] = [read(), read()];
    expect(reads).toHaveLength(1);
    reads[0]!.resolve(1);
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toHaveLength(2);
    const fourth = read();
    reads[1]!.resolve(2);
    expect([await second, await third]).toEqual([2, 2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toHaveLength(3);
    reads[2]!.resolve(3);
    expect(await fourth).toBe(3);
  });
});
