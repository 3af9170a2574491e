import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { KizunaError } from '../errors.js';
import { refuseNulCharacters } from './nulCharacters.js';

/** An app that answers 200 past the middleware, and each refusal as its status, message and problems. */
function app() {
  const app = new Hono();
  app.onError((error, c) => {
    if (!(error instanceof KizunaError)) throw error;
    return c.json({ message: error.message, problems: error.problems }, error.status);
  });
  app.use(refuseNulCharacters());
  app.all('*', (c) => c.text('read'));
  return app;
}

async function refusal(path: string, init?: RequestInit) {
  const response = await app().request(path, init);
  return { status: response.status, ...((response.status === 200 ? {} : await response.json()) as { message?: string; problems?: { field: string }[] }) };
}

const post = (contentType: string | undefined, body: string | FormData): RequestInit => ({ method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

describe('refuseNulCharacters', () => {
  it('refuses a NUL in a query parameter, naming it', async () => {
    expect(await refusal('/search?q=ibara&kind=a%00b')).toMatchObject({ status: 400, message: 'The query parameter kind contains a NUL character, which no field may hold.', problems: [{ field: 'kind' }] });
    expect(await refusal('/search?q=ibara&kind=city')).toEqual({ status: 200 });
  });

  it('refuses a NUL in a field of a form, naming the field', async () => {
    expect(await refusal('/form', post('application/x-www-form-urlencoded', 'name=Ibara&notes=a%00b'))).toMatchObject({ status: 400, problems: [{ field: 'notes' }] });
    expect(await refusal('/form', post('application/x-www-form-urlencoded', 'name=Ibara&notes=50%25'))).toEqual({ status: 200 });
  });

  it('refuses a NUL in a field of a JSON body, naming its path, and lets an escaped backslash pass', async () => {
    const json = (body: unknown) => post('application/json', JSON.stringify(body));
    expect(await refusal('/api', json({ renewals: [{ renewedOn: '2020-01-01' }, { renewedOn: '2020\u0000' }] }))).toMatchObject({
      status: 400,
      message: 'The field renewals[1].renewedOn of the body contains a NUL character, which no field may hold. Remove it and send again.',
      problems: [{ field: 'renewals[1].renewedOn' }],
    });
    expect(await refusal('/api', json('\u0000'))).toMatchObject({ status: 400, problems: [{ field: '(body)' }] });
    expect(await refusal('/api', json({ notes: 'a \\u0000 is written so' }))).toEqual({ status: 200 });
  });

  it('walks a JSON body nested deeper than the call stack goes', async () => {
    const deep = `${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`;
    expect((await refusal('/api', post('application/json', deep))).status).toBe(400);
  });

  it('refuses a NUL in a field of a multipart form, and in the name of a file, naming the field', async () => {
    const form = (name: string, fileName: string) => {
      const body = new FormData();
      body.append('name', name);
      body.append('sheet', new Blob(['自治体名,国名\n']), fileName);
      return post(undefined, body);
    };
    expect(await refusal('/import', form('a\u0000b', 'register.csv'))).toMatchObject({ status: 400, problems: [{ field: 'name' }] });
    expect(await refusal('/import', form('Ibara', 'a\u0000b.csv'))).toMatchObject({
      status: 400,
      message: 'The name of the file sent as sheet contains a NUL character: rename the file and send it again.',
      problems: [{ field: 'sheet' }],
    });
    expect(await refusal('/import', form('Ibara', 'register.csv'))).toEqual({ status: 200 });
  });
});
