// Reads of the module's own tables (and the platform's file and app_user tables for names and sizes).
import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';
import { GROUPS, countColumn, type CommentState, type DocKind, type Group, type Kind, type ResponseStatus, type Status } from './rules.ts';

export interface ActivityTable {
  id: Generated<number>;
  agency_id: number;
  slug: string;
  kind: string;
  title_th: string;
  title_en: string;
  subject_th: string;
  subject_en: string;
  summary_th: string;
  summary_en: string;
  starts_on: string;
  ends_on: string | null;
  fiscal_year: number;
  place_th: string;
  place_en: string;
  invited_th: string;
  count_citizens: number;
  count_leaders: number;
  count_private: number;
  count_government: number;
  count_other: number;
  is_commentable: boolean;
  comments_close_at: string | null;
  status: string;
  results_th: string;
  results_en: string;
  is_published: boolean;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
}

export interface DocumentTable {
  id: Generated<number>;
  agency_id: number;
  activity_id: number;
  file_id: number;
  kind: string;
  label: string;
  sort_order: number;
  created_at: string;
}

export interface ProposalTable {
  id: Generated<number>;
  agency_id: number;
  activity_id: number;
  sort_order: number;
  proposal: string;
  proposed_by: string;
  response_status: string;
  response: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  agency_id: number;
  activity_id: number;
  author_name: string;
  body: string;
  status: string;
  moderation_note: string;
  moderated_by: number | null;
  moderated_at: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    participation_activity: ActivityTable;
    participation_document: DocumentTable;
    participation_proposal: ProposalTable;
    participation_comment: CommentTable;
  }
}

export type Activity = Omit<Selectable<ActivityTable>, 'kind' | 'status'> & { kind: Kind; status: Status };
export type Proposal = Omit<Selectable<ProposalTable>, 'response_status'> & { response_status: ResponseStatus };
export type Comment = Omit<Selectable<CommentTable>, 'status'> & { status: CommentState };
export interface DocumentRow {
  id: number;
  kind: DocKind;
  label: string;
  sort_order: number;
  file_id: number;
  public_id: string;
  original_name: string;
  ext: string;
  size_bytes: number;
}

const asActivity = (r: Selectable<ActivityTable>): Activity => ({
  ...r,
  kind: r.kind as Kind,
  status: r.status as Status,
  count_citizens: Number(r.count_citizens),
  count_leaders: Number(r.count_leaders),
  count_private: Number(r.count_private),
  count_government: Number(r.count_government),
  count_other: Number(r.count_other),
});

export const countOf = (a: Pick<Activity, `count_${Group}`>, g: Group): number => a[countColumn(g)];
export const totalOf = (a: Pick<Activity, `count_${Group}`>): number => GROUPS.reduce((n, g) => n + countOf(a, g), 0);

export async function getActivity(db: DbLike, agencyId: number, id: number): Promise<Activity | undefined> {
  const r = await db.k.selectFrom('participation_activity').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return r && asActivity(r);
}

export async function activityBySlug(db: DbLike, agencyId: number, slug: string): Promise<Activity | undefined> {
  const r = await db.k.selectFrom('participation_activity').selectAll().where('agency_id', '=', agencyId).where('slug', '=', slug).executeTakeFirst();
  return r && asActivity(r);
}

export interface ActivityFilter {
  year?: number | null;
  status?: Status | null;
  publishedOnly?: boolean;
}

function filtered(db: DbLike, agencyId: number, f: ActivityFilter) {
  let q = db.k.selectFrom('participation_activity').where('agency_id', '=', agencyId);
  if (f.year) q = q.where('fiscal_year', '=', f.year);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.publishedOnly) q = q.where('is_published', '=', true);
  return q;
}

/** Activities newest first (by the day held), one page of them. */
export async function listActivities(db: DbLike, agencyId: number, f: ActivityFilter, limit: number, offset: number): Promise<{ total: number; rows: Activity[] }> {
  const total = Number((await filtered(db, agencyId, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await filtered(db, agencyId, f).selectAll().orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { total, rows: rows.map(asActivity) };
}

/** Every published activity of a fiscal year, in the order held (the yearly report). */
export async function publishedOfYear(db: DbLike, agencyId: number, year: number): Promise<Activity[]> {
  const rows = await filtered(db, agencyId, { year, publishedOnly: true }).selectAll().orderBy('starts_on').orderBy('id').execute();
  return rows.map(asActivity);
}

/** Fiscal years with activities (published ones only, for the public), latest first. */
export async function activityYears(db: DbLike, agencyId: number, publishedOnly: boolean): Promise<number[]> {
  let q = db.k.selectFrom('participation_activity').select('fiscal_year').distinct().where('agency_id', '=', agencyId);
  if (publishedOnly) q = q.where('is_published', '=', true);
  return (await q.orderBy('fiscal_year', 'desc').execute()).map((r) => Number(r.fiscal_year));
}

/** Published activities (slug, when published) for the sitemap. */
export function publishedSlugs(db: DbLike, agencyId: number): Promise<Array<{ slug: string; updated_at: string }>> {
  return db.k.selectFrom('participation_activity').select(['slug', 'updated_at']).where('agency_id', '=', agencyId).where('is_published', '=', true).orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
}

export async function documentsOf(db: DbLike, activityId: number): Promise<DocumentRow[]> {
  const rows = await db.k
    .selectFrom('participation_document')
    .innerJoin('file', 'file.id', 'participation_document.file_id')
    .select(['participation_document.id', 'participation_document.kind', 'participation_document.label', 'participation_document.sort_order', 'participation_document.file_id', 'file.public_id', 'file.original_name', 'file.ext', 'file.size_bytes'])
    .where('participation_document.activity_id', '=', activityId)
    .orderBy('participation_document.sort_order')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as DocKind, size_bytes: Number(r.size_bytes) }));
}

export async function proposalsOf(db: DbLike, activityId: number): Promise<Proposal[]> {
  const rows = await db.k.selectFrom('participation_proposal').selectAll().where('activity_id', '=', activityId).orderBy('sort_order').execute();
  return rows.map((r) => ({ ...r, response_status: r.response_status as ResponseStatus }));
}

/** Proposals of many activities at once (the yearly report), by activity. */
export async function proposalsOfMany(db: DbLike, activityIds: number[]): Promise<Map<number, Proposal[]>> {
  const out = new Map<number, Proposal[]>();
  if (!activityIds.length) return out;
  const rows = await db.k.selectFrom('participation_proposal').selectAll().where('activity_id', 'in', activityIds).orderBy('activity_id').orderBy('sort_order').execute();
  for (const r of rows) {
    const list = out.get(r.activity_id) ?? out.set(r.activity_id, []).get(r.activity_id)!;
    list.push({ ...r, response_status: r.response_status as ResponseStatus });
  }
  return out;
}

export async function approvedComments(db: DbLike, activityId: number): Promise<Comment[]> {
  const rows = await db.k.selectFrom('participation_comment').selectAll().where('activity_id', '=', activityId).where('status', '=', 'approved').orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, status: r.status as CommentState }));
}

export interface CommentRow extends Comment {
  activity_slug: string;
  activity_title: string;
  activity_id: number;
}

/** The moderation queue: comments in one state, oldest first for those waiting, newest first otherwise. */
export async function listComments(db: DbLike, agencyId: number, f: { status: CommentState; activityId?: number | null }, limit: number, offset: number): Promise<{ total: number; rows: CommentRow[] }> {
  let q = db.k
    .selectFrom('participation_comment')
    .innerJoin('participation_activity', 'participation_activity.id', 'participation_comment.activity_id')
    .where('participation_comment.agency_id', '=', agencyId)
    .where('participation_comment.status', '=', f.status);
  if (f.activityId) q = q.where('participation_comment.activity_id', '=', f.activityId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const dir = f.status === 'pending' ? 'asc' : 'desc';
  const rows = await q
    .selectAll('participation_comment')
    .select(['participation_activity.slug as activity_slug', 'participation_activity.title_th as activity_title'])
    .orderBy('participation_comment.created_at', dir)
    .orderBy('participation_comment.id', dir)
    .limit(limit)
    .offset(offset)
    .execute();
  return { total, rows: rows.map((r) => ({ ...r, status: r.status as CommentState })) };
}

/** Comments waiting for moderation: for the whole agency, or per activity. */
export async function pendingCounts(db: DbLike, agencyId: number): Promise<Map<number, number>> {
  const rows = await db.k
    .selectFrom('participation_comment')
    .select(['activity_id', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'pending')
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}

export async function getComment(db: DbLike, agencyId: number, id: number): Promise<Comment | undefined> {
  const r = await db.k.selectFrom('participation_comment').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return r && { ...r, status: r.status as CommentState };
}

/** Published (approved) comments per activity. */
export async function approvedCounts(db: DbLike, activityIds: number[]): Promise<Map<number, number>> {
  if (!activityIds.length) return new Map();
  const rows = await db.k
    .selectFrom('participation_comment')
    .select(['activity_id', (eb) => eb.fn.countAll().as('n')])
    .where('activity_id', 'in', activityIds)
    .where('status', '=', 'approved')
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}
