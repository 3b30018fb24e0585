// Reads and writes of the module's own table (and nothing else's).
import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../src/platform/db/index.ts';

export interface FaqTable {
  id: Generated<number>;
  agency_id: number;
  question: string;
  answer: string;
  created_by: number | null;
  created_at: string;
}

declare module '../../src/platform/db/schema.ts' {
  interface Database {
    faq_entry: FaqTable;
  }
}

export type Faq = Selectable<FaqTable>;

export function listFaq(db: DbLike, agencyId: number): Promise<Faq[]> {
  return db.k.selectFrom('faq_entry').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute();
}
