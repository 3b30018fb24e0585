// The platform's own migrations. Each module declares its own (its migrations/ folder); the server applies all
// of them together in name order, so the numbering is global: a new migration takes the next free number.
import type { Migration } from 'kysely';
import * as m001 from './001_platform.ts';
import * as m006 from './006_security.ts';
import * as m011 from './011_search_sara_ae.ts';
import * as m013 from './013_vault.ts';
import * as m023 from './023_search_agency_trgm.ts';
import * as m024 from './024_search_years.ts';
import * as m025 from './025_search_agency_grams.ts';

export const platformMigrations: Record<string, Migration> = {
  '001_platform': m001,
  '006_security': m006,
  '011_search_sara_ae': m011,
  '013_vault': m013,
  '023_search_agency_trgm': m023,
  '024_search_years': m024,
  '025_search_agency_grams': m025,
};
