// Portable DDL helpers for migrations: the few places where SQLite and PostgreSQL differ.
import { sql, SqliteAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** `id` primary key: AUTOINCREMENT on SQLite, identity on PostgreSQL. */
export function withId<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isSqlite(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** Timestamp column: ISO text in SQLite, timestamptz in PostgreSQL. */
export function tsType(db: Kysely<any>) {
  return isSqlite(db) ? 'text' : 'timestamptz';
}

/** Boolean column (name it is_*): integer 0/1 in SQLite, boolean in PostgreSQL. */
export function boolType(db: Kysely<any>) {
  return isSqlite(db) ? 'integer' : 'boolean';
}

export function boolDefault(db: Kysely<any>, value: boolean) {
  return (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(isSqlite(db) ? (value ? 1 : 0) : value);
}

/** Day column ('YYYY-MM-DD'): text in SQLite, date in PostgreSQL. */
export function dayType(db: Kysely<any>) {
  return isSqlite(db) ? 'text' : 'date';
}

export const fk = (table: string, onDelete: 'cascade' | 'restrict' | 'set null' = 'restrict') =>
  (c: ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete(onDelete);

export { sql };
