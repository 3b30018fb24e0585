// Storage tests run against SQLite and PostgreSQL. Each PostgreSQL run gets a fresh UTF-8 database, dropped afterwards.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DbTarget {
  name: 'sqlite' | 'postgres';
  /** why the target is skipped (never under CI=true) */
  skip?: string;
  /** creates an empty database (or a copy of a template database): returns DATABASE_URL (postgres) or undefined (sqlite) and a data dir */
  create(o?: { fromDatabase?: string }): Promise<{ databaseUrl?: string; dataDir: string; drop(): Promise<void> }>;
}

let pgAvailable: Promise<string | null> | undefined;
function checkPg(): Promise<string | null> {
  pgAvailable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return null;
    } catch (err) {
      return `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${(err as Error).message}`;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  return pgAvailable;
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-test-'));
}

export async function adminQuery<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** CREATE DATABASE … TEMPLATE, retried while a just-closed pool's connections are still leaving the source. */
export async function copyDatabase(from: string, to: string): Promise<void> {
  await adminQuery(async (c) => {
    for (let i = 0; ; i++) {
      try {
        await c.query(`CREATE DATABASE ${to} TEMPLATE ${from}`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || i >= 100) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
}

export async function createPgDatabase(fromDatabase?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `prongsai_test_${crypto.randomBytes(6).toString('hex')}`;
  if (fromDatabase) await copyDatabase(fromDatabase, name);
  // C.UTF-8 ctype: pg_trgm extracts trigrams from Thai only in a UTF-8 ctype
  else await adminQuery((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        // pool.end() resolves before each connection has closed; a FORCE drop would kill them mid-close
        // (an uncaught 57P01 in the test process), so wait for them to go first
        for (let i = 0; ; i++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}${i >= 50 ? ' WITH (FORCE)' : ''}`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || i >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export async function dbTargets(): Promise<DbTarget[]> {
  const pgProblem = await checkPg();
  if (pgProblem && process.env.CI === 'true') throw new Error(`${pgProblem} (CI=true: PostgreSQL tests must run)`);
  return [
    {
      name: 'sqlite',
      async create() {
        const dataDir = tmpDir();
        return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
      },
    },
    {
      name: 'postgres',
      skip: pgProblem ?? undefined,
      async create(o) {
        const dataDir = tmpDir();
        const db = await createPgDatabase(o?.fromDatabase);
        return {
          databaseUrl: db.url,
          dataDir,
          async drop() {
            await db.drop();
            fs.rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
}
