import type { FC } from 'hono/jsx';
import { Layout } from './layout.js';

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string }>;
}

/** The API's reference as a plain page, drawn from the same OpenAPI document the API serves. */
export const ApiDocsPage: FC<{ document: { paths?: Record<string, Record<string, Operation>>; info: { description?: string } } }> = ({ document }) => (
  <Layout ctx={{ lang: 'en', path: '/api/docs' }} title="API" section="api">
    <h1>Kizuna API</h1>
    <p>{document.info.description}</p>
    <p>
      Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Writes need the header{' '}
      <code>Authorization: Bearer $KIZUNA_ADMIN_TOKEN</code>. Errors answer with <code>{'{"error": {"id", "message", "problems": [{"field", "message"}]}}'}</code>.
    </p>
    {Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => (
        <section>
          <h2><code>{method.toUpperCase()} /api{path}</code></h2>
          <p>{operation.summary}{operation.security ? ' (needs the admin token)' : ''}</p>
          {operation.description ? <p class="muted">{operation.description}</p> : null}
          {operation.parameters?.length ? (
            <table>
              <thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead>
              <tbody>
                {operation.parameters.map((parameter) => (
                  <tr><td><code>{parameter.name}</code></td><td>{parameter.in}</td><td>{parameter.required ? 'yes' : 'no'}</td><td>{parameter.description ?? ''}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {operation.requestBody ? (
            <p>Body: JSON, schema <code>{operation.requestBody.content['application/json']?.schema.$ref?.split('/').pop()}</code></p>
          ) : null}
          <p>Responses: {Object.entries(operation.responses).map(([status, response]) => `${status} ${response.description}`).join(' · ')}</p>
        </section>
      )),
    )}
  </Layout>
);
