import type { FC } from 'hono/jsx';
import { Layout } from './layout.js';

/** The parts of a JSON Schema (as zod-openapi writes it) that the reference shows. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
  info: { description?: string };
}

/** A schema's type in a few words: "string (YYYY-MM-DD)", "one of proposed, active…", "array of integer". */
function typeOf(schema: Schema | undefined, schemas: Record<string, Schema>): string {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').pop()!;
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map((part) => typeOf(part, schemas)).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (type === 'array') return `array of ${typeOf(schema.items, schemas)}`;
  const limits = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : '',
  ].filter(Boolean);
  return limits.length ? `${type} (${limits.join(', ')})` : type;
}

/** The fields of a request body, one row each, with nested objects named by their path. */
const Fields: FC<{ schema: Schema; schemas: Record<string, Schema> }> = ({ schema, schemas }) => {
  const resolved = schema.$ref ? (schemas[schema.$ref.split('/').pop()!] ?? schema) : schema;
  const rows: { name: string; schema: Schema; required: boolean }[] = [];
  const walk = (node: Schema, prefix: string) => {
    for (const [name, field] of Object.entries(node.properties ?? {})) {
      rows.push({ name: prefix + name, schema: field, required: (node.required ?? []).includes(name) });
      if (field.properties) walk(field, `${prefix}${name}.`);
    }
  };
  walk(resolved, '');
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td><code>{row.name}</code></td>
              <td>{typeOf(row.schema, schemas)}</td>
              <td>{row.required ? 'yes' : 'no'}</td>
              <td>{row.schema.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** The API's reference as a plain page, drawn from the same OpenAPI document the API serves. */
export const ApiDocsPage: FC<{ document: OpenApiDocument }> = ({ document }) => {
  const schemas = document.components?.schemas ?? {};
  return (
    <Layout ctx={{ lang: 'en', path: '/api/docs' }} title="API" section="api">
      <h1>Kizuna API</h1>
      <p>{document.info.description}</p>
      <p>
        Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Writes need the header{' '}
        <code>Authorization: Bearer kz_…</code> with an API token made on your account page; what a token may change follows its account's role. Errors answer with <code>{'{"error": {"id", "message", "problems": [{"field", "message"}]}}'}</code>.
      </p>
      {Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => (
          <section>
            <h2><code>{method.toUpperCase()} /api{path}</code></h2>
            <p>{operation.summary}{operation.security ? ' (needs the admin token)' : ''}</p>
            {operation.description ? <p class="muted">{operation.description}</p> : null}
            {operation.parameters?.length ? (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr>
                  </thead>
                  <tbody>
                    {operation.parameters.map((parameter) => (
                      <tr>
                        <td><code>{parameter.name}</code></td>
                        <td>{parameter.in}</td>
                        <td>{typeOf(parameter.schema, schemas)}</td>
                        <td>{parameter.required ? 'yes' : 'no'}</td>
                        <td>{parameter.description ?? parameter.schema?.description ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {operation.requestBody?.content['application/json'] ? (
              <>
                <h3>Body (JSON)</h3>
                <Fields schema={operation.requestBody.content['application/json'].schema} schemas={schemas} />
              </>
            ) : null}
            <p>Responses: {Object.entries(operation.responses).map(([status, response]) => `${status} ${response.description}`).join(' · ')}</p>
          </section>
        )),
      )}
    </Layout>
  );
};
