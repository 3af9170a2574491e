/**
 * A bare Hono page rendering a small table, served alone: the yardstick the load run compares
 * Kizuna with on the same machine and the same load (`node dist/bench/bareHono.js PORT`).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const ROWS = [
  ['Ōsaka', 'San Francisco', 1957],
  ['Kyōto', 'Paris', 1958],
  ['Okayama', 'San José', 1957],
  ['Nagasaki', 'Saint Paul', 1955],
  ['Sendai', 'Riverside', 1957],
] as const;

const app = new Hono();
app.get('/', (c) =>
  c.html(
    <html lang="en">
      <head>
        <title>Sister cities</title>
      </head>
      <body>
        <table>
          <thead>
            <tr>
              <th>Japan</th>
              <th>Partner</th>
              <th>Since</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([japanese, partner, year]) => (
              <tr>
                <td>{japanese}</td>
                <td>{partner}</td>
                <td>{year}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>,
  ),
);

serve({ fetch: app.fetch, port: Number(process.argv[2] ?? 39_499), hostname: '127.0.0.1' });
