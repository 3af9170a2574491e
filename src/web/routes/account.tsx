import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import type { KizunaEnv, SessionOptions } from '../session.js';

export function registerAccountPages(pages: Hono<KizunaEnv>, db: Db, options: SessionOptions): void {
  void pages;
  void db;
  void options;
}
