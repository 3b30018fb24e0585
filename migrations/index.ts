// The one migration list for SQLite and PostgreSQL, applied in name order.
import type { Migration } from 'kysely';
import * as m001 from './001_platform.ts';
import * as m002 from './002_agency.ts';
import * as m003 from './003_publishing.ts';
import * as m004 from './004_oit.ts';
import * as m005 from './005_integrity.ts';
import * as m006 from './006_security.ts';
import * as m007 from './007_content_files.ts';
import * as m008 from './008_agency_files.ts';
import * as m009 from './009_integrity_files.ts';
import * as m010 from './010_content_review.ts';
import * as m011 from './011_search_sara_ae.ts';

export const migrations: Record<string, Migration> = {
  '001_platform': m001,
  '002_agency': m002,
  '003_publishing': m003,
  '004_oit': m004,
  '005_integrity': m005,
  '006_security': m006,
  '007_content_files': m007,
  '008_agency_files': m008,
  '009_integrity_files': m009,
  '010_content_review': m010,
  '011_search_sara_ae': m011,
};
