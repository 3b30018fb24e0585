// The seeded demo, made once per test run and copied for each test file (the seed takes 10–15 s; a copy well under one).
// `npm test` (scripts/test.ts) sets PRONGSAI_TEST_TEMPLATES to a folder of this run and removes it, and the
// PostgreSQL template databases named after it, when the run ends. Without it every startApp seeds as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery } from './db.ts';

// settings that change how the app talks to the world, not what the seed writes
const RUNTIME_ONLY = new Set(['SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM', 'LOG_LEVEL']);

export interface Template {
  /** the data folder to copy (SQLite file, secret key, files) */
  dataDir: string;
  /** the PostgreSQL database to copy from, for the postgres target */
  database?: string;
  /** marks the template as having a PostgreSQL database, for dropTemplates */
  markPostgres(): void;
}

export function templatesRoot(): string | undefined {
  return process.env.PRONGSAI_TEST_TEMPLATES || undefined;
}

/** One key per target, seed-relevant settings and Bangkok day (the demo's dates are relative to today). */
export function templateKey(root: string, target: string, env: Record<string, string> = {}): string {
  const relevant = Object.entries(env).filter(([k]) => !RUNTIME_ONLY.has(k)).sort(([a], [b]) => a.localeCompare(b));
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return crypto.createHash('sha256').update(JSON.stringify([root, target, relevant, day])).digest('hex').slice(0, 16);
}

/** The PostgreSQL name of a template: the run's folder name in it, so a run cleans up only its own. */
export function templateDatabase(root: string, key: string): string {
  return `prongsai_tpl_${path.basename(root).replace(/[^a-z0-9]/gi, '').toLowerCase()}_${key}`;
}

/**
 * The template for `key`, made by `build` if no other test process of this run has made it; while another one
 * builds it, waits for it. `build` gets the folder and database names to fill and must leave both complete.
 */
export async function withTemplate(root: string, key: string, build: (t: Template) => Promise<void>): Promise<Template | null> {
  const dir = path.join(root, key);
  const t: Template = { dataDir: path.join(dir, 'data'), database: templateDatabase(root, key), markPostgres: () => fs.writeFileSync(path.join(dir, 'postgres'), '') };
  const ready = path.join(dir, 'ready');
  if (fs.existsSync(ready)) return t;
  try {
    fs.mkdirSync(dir, { recursive: false });
  } catch {
    // another process builds it: wait until it is ready or the builder gave up (the folder is gone)
    for (let i = 0; i < 1800; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (fs.existsSync(ready)) return t;
      if (!fs.existsSync(dir)) return null;
    }
    return null;
  }
  try {
    await build(t);
    fs.writeFileSync(ready, '');
    return t;
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Removes the run's folder and its template databases (and those of earlier runs whose folder is gone). */
export async function dropTemplates(root: string): Promise<void> {
  const usedPostgres = fs.existsSync(root) && fs.readdirSync(root).some((k) => fs.existsSync(path.join(root, k, 'postgres')));
  fs.rmSync(root, { recursive: true, force: true });
  if (!usedPostgres) return;
  await adminQuery(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prongsai\\_tpl\\_%'");
    const parent = path.dirname(root);
    for (const { datname } of rows) {
      const run = datname.split('_')[2]!;
      const live = fs.readdirSync(parent).some((n) => n.replace(/[^a-z0-9]/gi, '').toLowerCase() === run && fs.existsSync(path.join(parent, n)));
      if (!live) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
