import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';

export interface DivisionTable {
  id: Generated<number>;
  agency_id: number;
  parent_id: number | null;
  /** political | council | permanent */
  side: string;
  name_th: string;
  name_en: string;
  duties_th: string;
  sort_order: number;
}

export interface ExecutiveTable {
  id: Generated<number>;
  agency_id: number;
  side: string;
  name_th: string;
  name_en: string;
  position_th: string;
  position_en: string;
  division_id: number | null;
  phone: string;
  email: string;
  portrait_file_id: number | null;
  sort_order: number;
  is_current: Generated<boolean>;
  term_start: string | null;
  term_end: string | null;
}

export interface ChannelTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  label_th: string;
  label_en: string;
  url: string;
  sort_order: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    division: DivisionTable;
    executive: ExecutiveTable;
    channel: ChannelTable;
  }
}

export type Division = Selectable<DivisionTable>;
export type Executive = Selectable<ExecutiveTable> & { portrait_public_id: string | null; portrait_name: string | null };
export type Channel = Selectable<ChannelTable>;
export const SIDES = ['political', 'council', 'permanent'] as const;
export type Side = (typeof SIDES)[number];

/** The head of the agency: the first current executive of the political side (signs documents and reports). */
export async function headOfAgency(db: DbLike, agencyId: number): Promise<Pick<Executive, 'name_th' | 'position_th'> | undefined> {
  return db.k.selectFrom('executive').select(['name_th', 'position_th']).where('agency_id', '=', agencyId).where('side', '=', 'political').where('is_current', '=', true).orderBy('sort_order').orderBy('id').limit(1).executeTakeFirst();
}

export async function portraitShown(db: DbLike, fileId: number): Promise<boolean> {
  return !!(await db.k.selectFrom('executive').select('id').where('portrait_file_id', '=', fileId).limit(1).executeTakeFirst());
}
export async function listChannels(db: DbLike, agencyId: number): Promise<Channel[]> {
  return db.k.selectFrom('channel').selectAll().where('agency_id', '=', agencyId).orderBy('sort_order').orderBy('id').execute();
}

export async function listDivisions(db: DbLike, agencyId: number): Promise<Division[]> {
  return db.k.selectFrom('division').selectAll().where('agency_id', '=', agencyId).orderBy('sort_order').orderBy('id').execute();
}

export async function getDivision(db: DbLike, agencyId: number, id: number): Promise<Division | undefined> {
  return db.k.selectFrom('division').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

export async function listExecutives(db: DbLike, agencyId: number, currentOnly = true): Promise<Executive[]> {
  let q = db.k
    .selectFrom('executive')
    .leftJoin('file', 'file.id', 'executive.portrait_file_id')
    .selectAll('executive')
    .select(['file.public_id as portrait_public_id', 'file.original_name as portrait_name'])
    .where('executive.agency_id', '=', agencyId);
  if (currentOnly) q = q.where('executive.is_current', '=', true);
  return q.orderBy('executive.sort_order').orderBy('executive.id').execute();
}

export async function getExecutive(db: DbLike, agencyId: number, id: number): Promise<Executive | undefined> {
  return db.k
    .selectFrom('executive')
    .leftJoin('file', 'file.id', 'executive.portrait_file_id')
    .selectAll('executive')
    .select(['file.public_id as portrait_public_id', 'file.original_name as portrait_name'])
    .where('executive.agency_id', '=', agencyId)
    .where('executive.id', '=', id)
    .executeTakeFirst();
}
