import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../src/db/client.js';
import { startServer, type RunningServer } from '../src/server.js';
import { importPairs } from '../src/services/importPairs.js';
import { OPERATOR } from '../test/accounts.js';
import { freePort } from '../test/cli.js';
import { copyTemplateFolder, openTestDatabase, serverDatabaseUrl, serverUrl, sharedData } from '../test/database.js';

/** Debian's Chromium; CI installs it. The tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws (the tests fail, they never skip) when Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}, and it is not there. Install it (apt-get install chromium); CI does.`);
  }
}

/** Launches Debian's Chromium; fails when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}


export interface Portal {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  engine: 'pglite' | 'postgres';
  stop(): Promise<void>;
}

const EADDRINUSE = (error: unknown) => (error as { code?: string } | null)?.code === 'EADDRINUSE';

/** Starts the real server on 127.0.0.1 on a free port, trying again if someone takes the port first. */
async function serveOnFreePort(options: { dataDir: string } | { databaseUrl: string }): Promise<RunningServer & { port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { ...(await startServer({ ...options, port, hostname: '127.0.0.1' })), port };
    } catch (error) {
      if (!EADDRINUSE(error) || attempt >= 5) throw error;
    }
  }
}


/** Evaluates an expression in the page (a string, since this project type-checks without the DOM library). */
export const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the page as it is and returns its violations. Evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern (a script tag would be refused).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await inPage<boolean>(page, 'typeof axe === "object"'))) await inPage(page, readFileSync(axeSource, 'utf8'));
  const result = await inPage<{ violations: AxeViolation[] }>(page, 'axe.run(document, { resultTypes: ["violations"] })');
  return result.violations;
}

/**
 * Watches a tab for what its pages' Content-Security-Policy refuses: the securitypolicyviolation
 * events of each document (listened for before any of the page's own scripts run) and Chromium's
 * console messages about the policy. The function returned gives what the page now open has
 * reported, as lines, and forgets the console messages so far.
 */
export async function watchContentSecurityPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(`(() => {
    const seen = [];
    Object.defineProperty(window, '__kizunaCspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(event.effectiveDirective + ' refused ' + (event.blockedURI || 'an inline one') + (event.sample ? ' (' + event.sample + ')' : '') + ' at ' + event.sourceFile + ':' + event.lineNumber);
    });
  })()`);
  let messages: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) messages.push(`console: ${message.text()}`);
  });
  return async () => {
    const events = await inPage<string[] | null>(page, 'window.__kizunaCspViolations ? [...window.__kizunaCspViolations] : null');
    const found = [...(events ?? ['the watch was not installed in this page']), ...messages];
    messages = [];
    return found;
  };
}

/**
 * The fonts Chromium drew the text of an element with (its own text, not its children's), from the
 * DevTools protocol: each family and how many glyphs it gave.
 */
export async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument');
    const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`No element matches ${selector}`);
    const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, glyphCount }) => ({ familyName, glyphCount }));
  } finally {
    await session.detach();
  }
}

/** Violations a developer must fix, as lines to print: id, impact, help, and the first three targets. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.map(String).join(' >> '));
      const more = violation.nodes.length > 3 ? ` (+${violation.nodes.length - 3} more)` : '';
      const summary = violation.nodes[0]?.failureSummary?.split('\n').slice(1, 3).join(' ').trim();
      return `${where}: [${violation.impact}] ${violation.id}: ${violation.help}\n    targets: ${targets.join(' | ')}${more}${summary ? `\n    e.g. ${summary}` : ''}\n    ${violation.helpUrl}`;
    })
    .join('\n');
}

/** A portal whose database the test can reach, to make accounts and look rows up while the server runs. */
export interface PortalWithDatabase extends Portal {
  /** The running server's own database (one PGlite instance in this process, or a PostgreSQL database). */
  db: RunningServer['database']['db'];
}

/**
 * The portal as a visitor meets it, served by the real server over a copy of the test template (the
 * reference data and the three demo listings) with the Wikipedia pairs imported unless told not to;
 * the server's database is handed to the test. On PGlite the data folder is a copy of the template;
 * on PostgreSQL a database created from the template (dropped again by stop()).
 */
export async function startPortal(template: string, options: { pairs: boolean } = { pairs: true }): Promise<PortalWithDatabase> {
  const portal = await servePortal(template);
  if (options.pairs) {
    try {
      await importPairs(portal.db, readFileSync(sharedData('wikipedia-twin-cities/twin_cities.csv')), { actor: OPERATOR, source: 'twin_cities.csv' });
    } catch (error) {
      await portal.stop();
      throw error;
    }
  }
  return portal;
}

async function servePortal(template: string): Promise<PortalWithDatabase> {
  if (serverUrl) {
    const database = await openTestDatabase(template);
    try {
      const running = await serveOnFreePort({ databaseUrl: serverDatabaseUrl(database)! });
      return {
        url: `http://127.0.0.1:${running.port}`,
        engine: 'postgres',
        db: running.database.db,
        async stop() {
          try {
            await running.stop();
          } finally {
            await database.close();
          }
        },
      };
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const dataDir = copyTemplateFolder(template);
  const parent = path.dirname(dataDir);
  try {
    const running = await serveOnFreePort({ dataDir });
    return {
      url: `http://127.0.0.1:${running.port}`,
      engine: 'pglite',
      db: running.database.db,
      async stop() {
        try {
          await running.stop();
        } finally {
          rmSync(parent, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in through the sign-in form as a person types it; lands on the dashboard. */
export async function signInThroughForm(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  const form = page.locator('main form[action^="/sign-in"]');
  await form.locator('input[name="email"]').fill(account.email);
  await form.locator('input[name="password"]').fill(account.password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
}
