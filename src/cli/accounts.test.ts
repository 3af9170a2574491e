import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kizuna } from '../../test/cli.js';
import { copyTemplateFolder, engineName } from '../../test/database.js';
import { openDatabase } from '../db/client.js';
import { openOneTimeLink } from '../services/accounts.js';


const LINK = /^(https?:\/\/[^/]+)\/account\/password\/([A-Za-z0-9_-]{40,})\n$/;

describe('kizuna accounts --help', () => {
  it.each([
    [['accounts'], ['invite', 'reset', 'list']],
    [['accounts', 'invite'], ['--email', '--name', '--role', '--lg', '--base-url']],
  ])('describes kizuna %s', (command, words) => {
    const { code, stdout } = kizuna([...command, '--help']);
    expect(code).toBe(0);
    for (const word of words) expect(stdout).toContain(word);
  });

  it('refuses a role that does not exist, before opening the database', () => {
    const { code, stderr } = kizuna(['accounts', 'invite', '--email', 'a@example.jp', '--name', 'A', '--role', 'mayor']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('must be one of officer, coordinator, administrator');
  });
});

describe.runIf(engineName === 'pglite')('kizuna accounts on a data folder', () => {
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(() => {
    dataDir = copyTemplateFolder(inject('databaseTemplate'));
    env = { KIZUNA_DATA_DIR: path.dirname(dataDir) };
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  // Each run of the command starts Node and opens the database: seconds each on a busy machine.
  it('invites an officer, lists them, renews their link, and the printed link works', async () => {
    const ibaraId = /^\s*(\d+)\tIbara City/.exec(kizuna(['search', '井原市', '--limit', '1'], env).stdout)?.[1];
    expect(ibaraId).toBeTruthy();

    const invited = kizuna(['accounts', 'invite', '--email', 'Hanako@City.Example.jp', '--name', 'Yamada Hanako', '--role', 'officer', '--lg', ibaraId!], env);
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout).toMatch(LINK);
    expect(LINK.exec(invited.stdout)?.[1]).toBe('http://localhost:3000');
    expect(invited.stderr).toContain('Invitation for Yamada Hanako <hanako@city.example.jp> (officer of Ibara City');
    expect(invited.stderr).toMatch(/Path: \/account\/password\/[A-Za-z0-9_-]+/);

    const noLg = kizuna(['accounts', 'invite', '--email', 'taro@city.example.jp', '--name', 'Taro', '--role', 'officer'], env);
    expect(noLg.code).toBe(1);
    expect(noLg.stderr).toContain('localGovernmentIds: an officer acts for at least one local government');

    const listed = kizuna(['accounts', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\thanako@city\.example\.jp\tYamada Hanako\tofficer\tinvited\tnever\tIbara City \[\d+\]\n/);
    expect(listed.stdout).not.toContain('taro@');

    const renewed = kizuna(['accounts', 'reset', 'HANAKO@city.example.jp', '--base-url', 'https://kizuna.example.org/'], env);
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stderr).toContain('New invitation link for Yamada Hanako');
    const [, origin, secret] = LINK.exec(renewed.stdout) ?? [];
    expect(origin).toBe('https://kizuna.example.org');

    const unknown = kizuna(['accounts', 'reset', 'nobody@example.org'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('kizuna: There is no account for nobody@example.org');

    const database = await openDatabase({ dataDir });
    try {
      // The renewed link replaced the first one.
      await expect(openOneTimeLink(database.db, LINK.exec(invited.stdout)![2]!)).rejects.toThrow('This link is not known');
      const { account, purpose } = await openOneTimeLink(database.db, secret!);
      expect(account.email).toBe('hanako@city.example.jp');
      expect(purpose).toBe('invitation');
    } finally {
      await database.close();
    }
  }, 180_000);
});
