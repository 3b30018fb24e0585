// The one migration list for SQLite and PostgreSQL, applied in name order.
import type { Migration } from 'kysely';
import * as m001 from './001_platform.ts';
import * as m002 from './002_agency.ts';
import * as m003 from './003_publishing.ts';
import * as m004 from './004_oit.ts';
import * as m005 from './005_integrity.ts';
import * as m006 from './006_security.ts';

export const migrations: Record<string, Migration> = {
  '001_platform': m001,
  '002_agency': m002,
  '003_publishing': m003,
  '004_oit': m004,
  '005_integrity': m005,
  '006_security': m006,
};
