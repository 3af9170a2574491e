import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../test/accounts.js';
import { freePort, serveKizuna, type ServingProcess } from '../test/cli.js';
import { TestClient } from '../test/client.js';
import { engineName, openTestDatabase, serverDatabaseUrl } from '../test/database.js';
import type { Database } from './db/client.js';
import { searchLocalGovernments } from './services/search.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A TestClient over real HTTP whose requests go to whichever server `at` names, keeping its cookies. */
function clientOfServers(bases: Record<'first' | 'second', string>) {
  const target = { at: 'first' as 'first' | 'second', request: (path: string, init?: RequestInit) => fetch(new URL(path, bases[target.at]), init) };
  return { target, client: new TestClient(target) };
}

describe.runIf(engineName === 'postgres')('several processes on one PostgreSQL database', () => {
  let database: Database;
  let env: NodeJS.ProcessEnv;
  let coordinator: TestAccount;
  const servers: ServingProcess[] = [];
  const bases = { first: '', second: '' };

  beforeAll(async () => {
    database = await openTestDatabase(inject('databaseTemplate'));
    coordinator = await createTestAccount(database.db, 'coordinator');
    env = { DATABASE_URL: serverDatabaseUrl(database), KIZUNA_RATE_LIMITS: 'search=4/600' };
    for (const name of ['first', 'second'] as const) {
      const port = await freePort();
      servers.push(await serveKizuna(['--port', String(port), '--host', '127.0.0.1'], env, 'Kizuna is serving'));
      bases[name] = `http://127.0.0.1:${port}`;
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.close();
  });

  it('shows a write through one process in the other at once, cached answers included', async () => {
    const get = (at: 'first' | 'second', path: string, headers: Record<string, string> = {}) => fetch(new URL(path, bases[at]), { headers });
    // Looked up directly: the searches of the API would take tokens the last test counts.
    const idOf = async (q: string, country: string) => (await searchLocalGovernments(database.db, { q, country, limit: 1 }))[0]!.id;
    const ibara = await idOf('Ibara', 'JP');
    const lille = await idOf('Lille', 'FR');
    const before = await get('second', `/api/relationships?lg=${ibara}`);
    const etag = before.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await get('second', `/api/relationships?lg=${ibara}`, { 'if-none-match': etag })).status).toBe(304);
    const countBefore = ((await before.json()) as { total: number }).total;

    const created = await fetch(new URL('/api/relationships', bases.first), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.token}` },
      body: JSON.stringify({ localGovernmentIds: [ibara, lille], label: 'friendship city' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    const after = await get('second', `/api/relationships?lg=${ibara}`, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const page = (await after.json()) as { total: number; results: { id: number }[] };
    expect(page.total).toBe(countBefore + 1);
    expect(page.results.map((item) => item.id)).toContain(id);
  });

  it('keeps one session and one count of failed sign-ins across the processes', async () => {
    const { target, client } = clientOfServers(bases);
    await client.signIn(coordinator.email, coordinator.password);
    target.at = 'second';
    const dashboard = await client.page('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toMatch(/Signed in as Test coordinator \d+ \(Coordinator\)/);
    expect((await client.post('/sign-out')).status).toBe(303);
    target.at = 'first';
    const signedOut = await client.request('/dashboard');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/sign-in');

    const other = await createTestAccount(database.db, 'coordinator');
    const refused: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      target.at = attempt % 2 === 0 ? 'first' : 'second';
      await client.page('/sign-in');
      refused.push((await client.post('/sign-in', { email: other.email, password: 'not the password at all' })).status);
    }
    expect(refused).toEqual([401, 401, 401, 401, 401]);
    target.at = 'second';
    await client.page('/sign-in');
    const throttled = await client.post('/sign-in', { email: other.email, password: other.password });
    expect(throttled.status).toBe(429);
    expect(throttled.response.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it("counts one address's costly requests in one bucket whichever process answers", async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 6; request += 1) {
      const response = await fetch(new URL(`/api/search?q=Kyoto${request}`, request % 2 === 0 ? bases.first : bases.second));
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe.runIf(engineName === 'postgres')('kizuna serve --workers', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(inject('databaseTemplate'));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('serves one port from several processes, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const server = await serveKizuna(['--port', String(port), '--host', '127.0.0.1', '--workers', '2'], { DATABASE_URL: serverDatabaseUrl(database) }, 'with 2 workers');
    try {
      const pids = /with 2 workers \(processes (\d+), (\d+)\)/.exec(server.log())!.slice(1).map(Number);
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(server.process.pid);
      const searchIbara = async () => ((await (await fetch(`http://127.0.0.1:${port}/api/search?q=Ibara`)).json()) as { results: { jisCode: string }[] }).results[0]?.jisCode;
      for (let request = 0; request < 4; request += 1) expect(await searchIbara()).toBe('332071');

      process.kill(pids[0]!, 'SIGKILL');
      await expect.poll(() => server.log(), { timeout: 60_000, interval: 200 }).toMatch(new RegExp(`Worker ${pids[0]} stopped on signal SIGKILL; starting another\\.[\\s\\S]*Kizuna is serving`));
      for (let request = 0; request < 4; request += 1) expect(await searchIbara()).toBe('332071');

      const workers = [...server.log().matchAll(/\[worker (\d+)\] Kizuna is serving/g)].map((match) => Number(match[1]));
      expect(workers).toHaveLength(3);
      await server.stop('SIGTERM');
      expect(server.process.exitCode).toBe(0);
      for (const pid of workers) await expect.poll(() => isAlive(pid), { timeout: 15_000 }).toBe(false);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 180_000);
});
