// One database handle over SQLite (default, in DATA_DIR) or PostgreSQL (DATABASE_URL).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import { SqliteValuesPlugin } from './plugins.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export { sql };
export type Dialect = 'sqlite' | 'postgres';
export type Q = Kysely<Database> | Transaction<Database>;

export interface Db {
  k: Kysely<Database>;
  dialect: Dialect;
  /** SQLite only: the open database file and the raw handle (for the online backup API). */
  sqlite?: { file: string; handle: BetterSqlite3.Database };
  /** the key of the audit chain's MACs (set by the platform from SECRET_KEY) */
  auditKey?: Buffer;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** SQLite file name inside dataDir */
  fileName?: string;
  poolSize?: number;
}

/** pg returns timestamps as Date and counts as strings; we want ISO strings and numbers, as in SQLite. */
function pgTimestampToIso(s: string): string {
  let t = s.replace(' ', 'T');
  if (/[+-]\d\d$/.test(t)) t += ':00';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

const pgTypes = (types: typeof pg.types) => ({
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8: counts and sums
        return (v: string) => Number(v);
      case 1082: // date: keep 'YYYY-MM-DD'
        return (v: string) => v;
      case 1114:
      case 1184:
        return pgTimestampToIso;
      default:
        return types.getTypeParser(oid, format as any);
    }
  },
});

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    // loaded only for PostgreSQL: it costs a SQLite server ~90 ms of start-up per process
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, types: pgTypes(pg.types) as any });
    // fail fast with a clear message when the server is not reachable
    const client = await pool.connect();
    client.release();
    const k = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { k, dialect: 'postgres', close: () => k.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dataDir, opts.fileName ?? 'prongsai.sqlite');
  ownerOnly(file);
  const handle = new BetterSqlite3(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // an acknowledged write must survive a crash of the machine, not only of the process
  handle.pragma('synchronous = FULL');
  // deleted rows are overwritten with zeros, not just unlinked (complaints' retention): a few more page writes per
  // delete and update, which costs nothing that matters at an agency's sizes
  handle.pragma('secure_delete = ON');
  const k = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statementCache(handle) }), plugins: [new SqliteValuesPlugin()] });
  return { k, dialect: 'sqlite', sqlite: { file, handle }, close: () => k.destroy() };
}

/**
 * The database file is readable by its owner only. SQLite creates the -wal and -shm files with the database file's
 * permissions, so they follow; files left by an earlier version are tightened too.
 */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at once, so a read-then-write in another process
 * waits for it (busy_timeout) instead of failing when it tries to write; what a transaction read stays true.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** What store functions take: the database or a transaction on it. */
export interface DbLike {
  k: Q;
  dialect: Dialect;
  auditKey?: Buffer;
  /** inside a transaction: what to do once it has committed */
  afterCommit?: Array<() => void>;
}
export interface Tx extends DbLike {
  k: Transaction<Database>;
}

/**
 * Kysely prepares every statement anew; preparing costs as much as running a small query.
 * Statements are reused by SQL text (safe: the one connection runs one query at a time, and we never stream).
 */
function statementCache(handle: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = handle.prepare(sql);
        if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * After deleting what must not be recoverable, outside any transaction. SQLite (secure_delete zeroes deleted rows in
 * their pages): the write-ahead log is copied into the file and truncated, so older page images that held the rows go
 * too (if another process is reading at that moment, at its next checkpoint). PostgreSQL: VACUUM of the tables, so
 * their dead rows are no longer there for a superuser's page inspection; the bytes stay in the table files until
 * the space is reused (VACUUM FULL rewrites them: the README says when to run it).
 */
export async function reclaimDeleted(db: Db, tables: Array<keyof Database & string>): Promise<void> {
  if (db.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.k);
  else await sql`VACUUM ${sql.join(tables.map((name) => sql.table(name)))}`.execute(db.k);
}

/** Runs fn in one transaction. */
export async function tx<T>(db: Db, fn: (t: Tx) => Promise<T>): Promise<T> {
  const afterCommit: Array<() => void> = [];
  const result = await db.k.transaction().execute((k) => fn({ k, dialect: db.dialect, auditKey: db.auditKey, afterCommit }));
  for (const f of afterCommit) f();
  return result;
}

/** Runs fn in the caller's transaction when there is one (a step of a larger change), else in its own. */
export function inTx<T>(db: Db, outer: Tx | undefined, fn: (t: Tx) => Promise<T>): Promise<T> {
  return outer ? fn(outer) : tx(db, fn);
}

/**
 * Locks a row until the transaction ends, so that a check and the write that follows it (the last administrator,
 * the next position in a list) cannot interleave with another's: FOR UPDATE on PostgreSQL; on SQLite the
 * transaction already holds the write lock (BEGIN IMMEDIATE).
 */
export async function lockRow(t: Tx, table: keyof Database, id: number): Promise<void> {
  if (t.dialect === 'postgres') await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(t.k);
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Escapes % and _ for LIKE … ESCAPE '\'. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The next sort position in a parent's list (max + 1), taken under a lock on the parent so two adds never share one. */
export async function nextPosition(t: Tx, parent: { table: keyof Database; id: number }, list: { table: keyof Database; parentColumn: string }): Promise<number> {
  await lockRow(t, parent.table, parent.id);
  const r = await sql<{ n: number | null }>`SELECT max(sort_order) AS n FROM ${sql.table(list.table)} WHERE ${sql.ref(list.parentColumn)} = ${parent.id}`.execute(t.k);
  const n = r.rows[0]?.n;
  return n === null || n === undefined ? 0 : Number(n) + 1;
}

const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A match that ignores the case of ASCII letters only, the same on both databases: SQLite's LIKE folds A–Z and
 * nothing else; on PostgreSQL, ILIKE (and lower()) would also fold É to é by the database's locale, so A–Z are folded
 * on both sides by translate() and compared with LIKE. Build the pattern with likeEscape. Thai has no case.
 * Neither side can use a b-tree index (the lists it filters are read by agency first).
 */
export function likeExpr(db: Pick<DbLike, 'dialect'>, column: string, pattern: string) {
  if (db.dialect === 'sqlite') return sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
  const lower = pattern.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return sql<boolean>`translate(${sql.ref(column)}, ${sql.lit(ASCII_UPPER)}, ${sql.lit(ASCII_UPPER.toLowerCase())}) LIKE ${lower} ESCAPE '\\'`;
}
