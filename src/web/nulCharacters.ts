import type { Context, MiddlewareHandler } from 'hono';
import { KizunaError } from '../errors.js';

/** Where a NUL character was found: the field as the problem names it, and what to say of it. */
interface Found {
  field: string;
  message: string;
}

const NO_FIELD_MAY = 'contains a NUL character, which no field may hold';

/** The path of the first string (or key) holding a NUL in a JSON value, as problemsFromZod writes paths: renewals[0].renewedOn. */
function jsonPathWithNul(body: unknown): string | undefined {
  // A stack rather than recursion: a body may nest deeper than the call stack goes.
  const stack: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path || '(body)';
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], path: `${path}[${index}]` });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key, item] of entries.reverse()) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\0')) return at.replace(/\0/g, '');
        stack.push({ value: item, path: at });
      }
    }
  }
  return undefined;
}

/** The first place of a request holding a NUL character: a query parameter, a field of a form or JSON body, or a file's name. */
async function findNul(c: Context): Promise<Found | undefined> {
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (name.includes('\0') || value.includes('\0')) {
      const field = name.replace(/\0/g, '');
      return { field, message: `The query parameter ${field} ${NO_FIELD_MAY}.` };
    }
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return undefined;
  const type = c.req.header('content-type') ?? '';
  const formField = (name: string): Found => {
    const field = name.replace(/\0/g, '');
    return { field, message: `The field ${field} ${NO_FIELD_MAY}. Remove it and send the form again.` };
  };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(await c.req.text())) if (name.includes('\0') || value.includes('\0')) return formField(name);
  } else if (type.startsWith('application/json')) {
    const text = await c.req.text();
    if (!text.includes('\0') && !/\\u0000/i.test(text)) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return text.includes('\0') ? { field: '(body)', message: `The body ${NO_FIELD_MAY}.` } : undefined;
    }
    const field = jsonPathWithNul(body);
    if (field !== undefined) return { field, message: `The field ${field} of the body ${NO_FIELD_MAY}. Remove it and send again.` };
  } else if (type.startsWith('multipart/form-data')) {
    for (const [name, values] of Object.entries(await c.req.parseBody({ all: true }))) {
      for (const value of [values].flat()) {
        if (typeof value === 'string') {
          if (name.includes('\0') || value.includes('\0')) return formField(name);
        } else if (name.includes('\0') || value.name.includes('\0')) {
          const field = name.replace(/\0/g, '');
          return { field, message: `The name of the file sent as ${field} contains a NUL character: rename the file and send it again.` };
        }
      }
    }
  }
  return undefined;
}

/**
 * PostgreSQL cannot store or compare a NUL character in text: refuses one in the query, in a form
 * or JSON body, or in the name of an uploaded file, before anything reads them, with a 400 that
 * names the field.
 */
export function refuseNulCharacters(): MiddlewareHandler {
  return async (c, next) => {
    const found = await findNul(c);
    if (found) throw new KizunaError('bad_request', found.message, [{ field: found.field, message: 'must not contain a NUL character' }]);
    await next();
  };
}
