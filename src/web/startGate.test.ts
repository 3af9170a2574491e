import { describe, expect, it } from 'vitest';
import { startGate } from './startGate.js';

const portal = (request: Request) => new Response(`portal ${new URL(request.url).pathname}`);
const get = (gate: ReturnType<typeof startGate>, path: string) => gate.fetch(new Request(`http://kizuna.test${path}`));

describe('startGate', () => {
  it('answers /healthz at once and /readyz 503 until the portal is open', async () => {
    const gate = startGate();
    expect((await get(gate, '/healthz')).status).toBe(200);
    const starting = await get(gate, '/readyz');
    expect(starting.status).toBe(503);
    expect(starting.headers.get('retry-after')).toBe('5');
    expect(starting.headers.get('cache-control')).toBe('no-store');
    gate.open(portal);
    expect((await get(gate, '/readyz')).status).toBe(200);
    expect((await get(gate, '/healthz')).status).toBe(200);
  });

  it('holds a request made while starting and hands it to the portal once open', async () => {
    const gate = startGate();
    const answer = get(gate, '/statistics');
    await new Promise((resolve) => setTimeout(resolve, 20));
    gate.open(portal);
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('portal /statistics');
  });

  it('gives up on a request after the wait with a 503 that says to try again', async () => {
    const gate = startGate(30);
    const response = await get(gate, '/');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).toContain('starting');
  });

  it('passes every request to the portal once open', async () => {
    const gate = startGate();
    gate.open(portal);
    expect(await (await get(gate, '/countries/US?sort=date')).text()).toBe('portal /countries/US');
  });
});
