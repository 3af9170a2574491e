/** Something that answers HTTP requests: a Hono app's fetch. */
export type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/**
 * Stands in front of the portal while the server starts, so that the port is listening from the
 * first moment: `/healthz` answers 200 whenever the process serves, `/readyz` 200 once the database
 * is open, migrated and loaded (503 before), and any other request waits for that, up to `waitMs`,
 * then gets a 503 with Retry-After (a first start loading the reference data takes half a minute).
 */
export function startGate(waitMs = 10_000) {
  let portal: FetchHandler | undefined;
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));

  async function fetch(request: Request, env?: unknown): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return plain(200, 'serving');
    if (pathname === '/readyz') return portal ? plain(200, 'ready') : plain(503, 'starting', { 'retry-after': '5' });
    if (!portal) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      if (!portal) return plain(503, 'Kizuna is starting (loading its database); try again in a moment. / Kizuna を起動中です。しばらくしてから再度お試しください。', { 'retry-after': '5' });
    }
    return portal(request, env);
  }

  return {
    fetch,
    /** From now on every request goes to the portal. */
    open(handler: FetchHandler): void {
      portal = handler;
      opened();
    },
  };
}
