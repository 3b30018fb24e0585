// The one migration list for SQLite and PostgreSQL, applied in name order.
import type { Migration } from 'kysely';
import * as m001 from './001_platform.ts';
import * as m002 from './002_agency.ts';

export const migrations: Record<string, Migration> = {
  '001_platform': m001,
  '002_agency': m002,
};
