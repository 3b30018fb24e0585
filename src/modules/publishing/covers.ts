import type { DbLike } from '../../platform/db/index.ts';
import type { Content } from './store.ts';

/** Cover images of a list of items, by file id. */
export async function coversOf(db: DbLike, agencyId: number, rows: Pick<Content, 'cover_file_id'>[]): Promise<Map<number, { public_id: string; original_name: string }>> {
  const ids = rows.map((r) => r.cover_file_id).filter((x): x is number => x !== null);
  if (!ids.length) return new Map();
  const files = await db.k.selectFrom('file').select(['id', 'public_id', 'original_name']).where('agency_id', '=', agencyId).where('id', 'in', ids).execute();
  return new Map(files.map((f) => [f.id, f]));
}
