// Reads and writes of the module's own tables (and app_user for the declarer's name, staff-only).
import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';
import type { Disposition, GiverType } from './rules.ts';

export interface NogiftYearTable {
  id: Generated<number>;
  agency_id: number;
  fiscal_year: number;
  declaration_th: string;
  declaration_en: string;
  signed_by: string;
  signed_position: string;
  signed_on: string | null;
  activities: string;
  updated_by: number | null;
  updated_at: string;
}

export interface GiftDeclarationTable {
  id: Generated<number>;
  agency_id: number;
  user_id: number | null;
  received_on: string;
  giver_type: string;
  giver_name: string;
  value_satang: number;
  occasion: string;
  description: string;
  disposition: string;
  fiscal_year: number;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    nogift_year: NogiftYearTable;
    gift_declaration: GiftDeclarationTable;
  }
}

export type NogiftYear = Selectable<NogiftYearTable>;
export type GiftDeclaration = Omit<Selectable<GiftDeclarationTable>, 'giver_type' | 'disposition'> & { giver_type: GiverType; disposition: Disposition };
/** A declaration as staff lists show it, with the declarer's name. */
export type GiftRow = GiftDeclaration & { declarer_name: string | null };
/** What the public report may show of a declaration: no giver's name, no declarer, no description. */
export interface PublicGift {
  id: number;
  received_on: string;
  giver_type: GiverType;
  value_satang: number;
  occasion: string;
  disposition: Disposition;
}

/** A declaration counts once its Thai text is there (it is then signed, dated and public). */
export const hasDeclaration = (y: NogiftYear | undefined): y is NogiftYear & { signed_on: string } => !!y && y.declaration_th.trim() !== '' && !!y.signed_on;

/** The activities, one a line. */
export const activityLines = (y: Pick<NogiftYear, 'activities'> | undefined): string[] => (y?.activities ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

export function getYear(db: DbLike, agencyId: number, year: number): Promise<NogiftYear | undefined> {
  return db.k.selectFrom('nogift_year').selectAll().where('agency_id', '=', agencyId).where('fiscal_year', '=', year).executeTakeFirst();
}

/** Fiscal years with a declaration text, latest first. */
export async function yearsDeclared(db: DbLike, agencyId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('nogift_year').select('fiscal_year').where('agency_id', '=', agencyId).where('declaration_th', '<>', '').where('signed_on', 'is not', null).orderBy('fiscal_year', 'desc').execute();
  return rows.map((r) => r.fiscal_year);
}

/** Fiscal years with a recorded year (declaration or activities), latest first. */
export async function yearsRecorded(db: DbLike, agencyId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('nogift_year').select('fiscal_year').where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').execute();
  return rows.map((r) => r.fiscal_year);
}

/** Fiscal years in which gifts were declared, latest first. */
export async function yearsWithGifts(db: DbLike, agencyId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('gift_declaration').select('fiscal_year').distinct().where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').execute();
  return rows.map((r) => r.fiscal_year);
}

/** The public columns only: the giver's name, the declarer and the description are never read for the public. */
export async function publicGifts(db: DbLike, agencyId: number, year: number): Promise<PublicGift[]> {
  const rows = await db.k
    .selectFrom('gift_declaration')
    .select(['id', 'received_on', 'giver_type', 'value_satang', 'occasion', 'disposition'])
    .where('agency_id', '=', agencyId)
    .where('fiscal_year', '=', year)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, value_satang: Number(r.value_satang), giver_type: r.giver_type as GiverType, disposition: r.disposition as Disposition }));
}

function giftRows(db: DbLike, agencyId: number) {
  return db.k
    .selectFrom('gift_declaration')
    .leftJoin('app_user', 'app_user.id', 'gift_declaration.user_id')
    .where('gift_declaration.agency_id', '=', agencyId);
}

const asRow = (r: Record<string, unknown>): GiftRow => ({ ...(r as GiftRow), value_satang: Number(r.value_satang) });

/** One person's declarations, latest first. */
export async function listMine(db: DbLike, agencyId: number, userId: number, limit: number, offset: number): Promise<{ total: number; rows: GiftRow[] }> {
  const q = giftRows(db, agencyId).where('gift_declaration.user_id', '=', userId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll('gift_declaration').select('app_user.display_name as declarer_name').orderBy('gift_declaration.received_on', 'desc').orderBy('gift_declaration.id', 'desc').limit(limit).offset(offset).execute();
  return { total, rows: rows.map(asRow) };
}

/** Every declaration of a fiscal year, in the order received (for the integrity officers). */
export async function listYear(db: DbLike, agencyId: number, year: number, limit: number, offset: number): Promise<{ total: number; rows: GiftRow[] }> {
  const q = giftRows(db, agencyId).where('gift_declaration.fiscal_year', '=', year);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll('gift_declaration').select('app_user.display_name as declarer_name').orderBy('gift_declaration.received_on').orderBy('gift_declaration.id').limit(limit).offset(offset).execute();
  return { total, rows: rows.map(asRow) };
}
