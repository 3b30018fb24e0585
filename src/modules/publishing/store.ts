import { sql, type Generated, type Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';
import { likeEscape, likeExpr } from '../../platform/db/index.ts';

export interface ContentTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  slug: string;
  title_th: string;
  title_en: string;
  summary_th: string;
  summary_en: string;
  body_format: string;
  body_th: string;
  body_en: string;
  body_html_th: string;
  body_html_en: string;
  category: string;
  fiscal_year: number | null;
  period: string | null;
  status: string;
  is_signoff_required: Generated<boolean>;
  signoff_name: string;
  signoff_position: string;
  signoff_date: string | null;
  publish_at: string | null;
  published_at: string | null;
  submitted_by: number | null;
  submitted_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  review_note: string;
  cover_file_id: number | null;
  revision: number;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  /** JSON array of the user ids who wrote the text since it was last approved */
  authors: Generated<string>;
}

/** Changes to a published item, waiting for review; the published text stays until they are approved. */
export interface ContentDraftTable {
  content_id: number;
  agency_id: number;
  /** JSON: the item's editable fields as they will be */
  fields: string;
  /** JSON: [{ file_id, label }] as they will be */
  attachments: string;
  status: string;
  revision: number;
  authors: string;
  review_note: string;
  submitted_by: number | null;
  submitted_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
}

export interface ContentRevisionTable {
  id: Generated<number>;
  agency_id: number;
  content_id: number;
  revision: number;
  snapshot: string;
  status: string;
  changed_by: number | null;
  changed_at: string;
  note: string;
}

export interface ContentAttachmentTable {
  id: Generated<number>;
  agency_id: number;
  content_id: number;
  file_id: number;
  label: string;
  sort_order: number;
}

export interface SlugRedirectTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  old_slug: string;
  content_id: number;
}

export interface StaffNoticeTable {
  id: Generated<number>;
  agency_id: number;
  title: string;
  body: string;
  content_id: number | null;
  fiscal_year: number | null;
  created_by: number | null;
  created_at: string;
}

export interface StaffNoticeAckTable {
  agency_id: number;
  notice_id: number;
  user_id: number;
  at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    content: ContentTable;
    content_revision: ContentRevisionTable;
    content_draft: ContentDraftTable;
    content_attachment: ContentAttachmentTable;
    slug_redirect: SlugRedirectTable;
    staff_notice: StaffNoticeTable;
    staff_notice_ack: StaffNoticeAckTable;
  }
}

export type Content = Selectable<ContentTable>;
export type ContentDraftRow = Selectable<ContentDraftTable>;

/** The fields of an item that an edit changes (and a draft of a published item holds). */
export const EDITABLE = ['slug', 'title_th', 'title_en', 'summary_th', 'summary_en', 'body_format', 'body_th', 'body_en', 'body_html_th', 'body_html_en', 'category', 'fiscal_year', 'period', 'is_signoff_required', 'signoff_name', 'signoff_position', 'signoff_date', 'cover_file_id'] as const;
export type EditableFields = Pick<Content, (typeof EDITABLE)[number]>;

export interface DraftAttachment {
  file_id: number;
  label: string;
}

/** Pending changes of a published item, parsed. */
export interface ContentDraft extends Omit<ContentDraftRow, 'fields' | 'attachments' | 'authors'> {
  fields: EditableFields;
  attachments: DraftAttachment[];
  authors: number[];
}

export async function getDraft(db: DbLike, agencyId: number, contentId: number): Promise<ContentDraft | undefined> {
  const r = await db.k.selectFrom('content_draft').selectAll().where('agency_id', '=', agencyId).where('content_id', '=', contentId).executeTakeFirst();
  return r ? { ...r, fields: JSON.parse(r.fields) as EditableFields, attachments: JSON.parse(r.attachments) as DraftAttachment[], authors: JSON.parse(r.authors) as number[] } : undefined;
}

/** File details of a draft's attachments, in the draft's order. */
export async function draftAttachments(db: DbLike, agencyId: number, d: ContentDraft): Promise<Attachment[]> {
  if (!d.attachments.length) return [];
  const files = await db.k.selectFrom('file').select(['id', 'public_id', 'original_name', 'content_type', 'size_bytes', 'ext']).where('agency_id', '=', agencyId).where('id', 'in', d.attachments.map((a) => a.file_id)).execute();
  const byId = new Map(files.map((f) => [f.id, f]));
  return d.attachments.flatMap((a, i) => {
    const f = byId.get(a.file_id);
    // ids in a draft are positions (1-based) so that removal can name them
    return f ? [{ id: i + 1, label: a.label, file_id: f.id, public_id: f.public_id, original_name: f.original_name, content_type: f.content_type, size_bytes: f.size_bytes, ext: f.ext }] : [];
  });
}

export interface Attachment {
  id: number;
  label: string;
  file_id: number;
  public_id: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
  ext: string;
}

export async function getContent(db: DbLike, agencyId: number, id: number): Promise<Content | undefined> {
  return db.k.selectFrom('content').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

/** Published documents, newest first, for pickers (notices, integrity evidence): id and Thai title. */
export async function listPublishedDocuments(db: DbLike, agencyId: number, limit = 300): Promise<Array<{ id: number; title_th: string }>> {
  return db.k.selectFrom('content').select(['id', 'title_th']).where('agency_id', '=', agencyId).where('kind', '=', 'document').where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function getBySlug(db: DbLike, agencyId: number, kind: string, slug: string): Promise<Content | undefined> {
  return db.k.selectFrom('content').selectAll().where('agency_id', '=', agencyId).where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
}

export async function findRedirect(db: DbLike, agencyId: number, kind: string, slug: string): Promise<string | undefined> {
  const r = await db.k
    .selectFrom('slug_redirect')
    .innerJoin('content', 'content.id', 'slug_redirect.content_id')
    .select('content.slug')
    .where('slug_redirect.agency_id', '=', agencyId)
    .where('slug_redirect.kind', '=', kind)
    .where('slug_redirect.old_slug', '=', slug)
    .executeTakeFirst();
  return r?.slug;
}

export async function listAttachments(db: DbLike, agencyId: number, contentIds: number[]): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>();
  if (!contentIds.length) return out;
  const rows = await db.k
    .selectFrom('content_attachment')
    .innerJoin('file', 'file.id', 'content_attachment.file_id')
    .select(['content_attachment.id', 'content_attachment.content_id', 'content_attachment.label', 'content_attachment.file_id', 'file.public_id', 'file.original_name', 'file.content_type', 'file.size_bytes', 'file.ext'])
    .where('content_attachment.agency_id', '=', agencyId)
    .where('content_attachment.content_id', 'in', contentIds)
    .orderBy('content_attachment.sort_order')
    .orderBy('content_attachment.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.content_id) ?? [];
    list.push(r);
    out.set(r.content_id, list);
  }
  return out;
}

/** Visible to the public: published, and its publication time has come. */
export function isPublic(c: Pick<Content, 'status' | 'published_at'>, now = new Date().toISOString()): boolean {
  return c.status === 'published' && !!c.published_at && c.published_at <= now;
}

export interface PublicFilter {
  agencyId: number;
  kind: string;
  category?: string;
  /** any of these categories (a group of them) */
  categories?: readonly string[];
  fiscalYear?: number;
  limit: number;
  offset: number;
}

/** What a list shows; bodies stay in the database. */
export const LIST_COLUMNS = ['id', 'kind', 'slug', 'title_th', 'title_en', 'summary_th', 'summary_en', 'category', 'fiscal_year', 'period', 'published_at', 'cover_file_id', 'updated_at'] as const;
export type ListItem = Pick<Content, (typeof LIST_COLUMNS)[number]>;

function publicQuery(db: DbLike, f: Omit<PublicFilter, 'limit' | 'offset'>) {
  let q = db.k
    .selectFrom('content')
    .where('agency_id', '=', f.agencyId)
    .where('kind', '=', f.kind)
    .where('status', '=', 'published')
    .where('published_at', '<=', new Date().toISOString());
  if (f.category) q = q.where('category', '=', f.category);
  if (f.categories?.length) q = q.where('category', 'in', f.categories);
  if (f.fiscalYear) q = q.where('fiscal_year', '=', f.fiscalYear);
  return q;
}

export async function listPublic(db: DbLike, f: PublicFilter): Promise<{ total: number; rows: ListItem[] }> {
  const q = publicQuery(db, f);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  return { total, rows: await latestPublic(db, f) };
}

/** The newest public items, without counting them (home page, feeds). */
export async function latestPublic(db: DbLike, f: PublicFilter): Promise<ListItem[]> {
  return publicQuery(db, f).select(LIST_COLUMNS).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** The newest public items with their bodies (the Atom feed). */
export async function latestWithBodies(db: DbLike, f: PublicFilter): Promise<Content[]> {
  return publicQuery(db, f).selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** The fiscal years that have published items, newest first: one index seek per year, not a scan of every item. */
export async function publicFiscalYears(db: DbLike, agencyId: number, kind: string): Promise<number[]> {
  const years: number[] = [];
  for (let below: number | undefined; ; ) {
    let q = db.k.selectFrom('content').select((eb) => eb.fn.max('fiscal_year').as('y')).where('agency_id', '=', agencyId).where('kind', '=', kind).where('status', '=', 'published').where('fiscal_year', 'is not', null);
    if (below !== undefined) q = q.where('fiscal_year', '<', below);
    const y = (await q.executeTakeFirst())?.y;
    if (y === null || y === undefined) return years;
    years.push(Number(y));
    below = Number(y);
  }
}

export interface StaffFilter {
  agencyId: number;
  kind?: string;
  status?: string;
  q?: string;
  /** only these items (a work queue); an empty list lists nothing */
  ids?: number[];
  limit: number;
  offset: number;
}

export async function listForStaff(db: DbLike, f: StaffFilter): Promise<{ total: number; rows: Content[] }> {
  let q = db.k.selectFrom('content').where('agency_id', '=', f.agencyId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where(sql<boolean>`1 = 0`);
  if (f.q) q = q.where((eb) => eb.or([likeExpr(db, 'title_th', `%${likeEscape(f.q!)}%`), likeExpr(db, 'title_en', `%${likeEscape(f.q!)}%`), likeExpr(db, 'slug', `%${likeEscape(f.q!.toLowerCase())}%`)]));
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total, rows };
}

/** Items with something pending (in review, or a draft), with their pending draft's review state if published. */
export async function pendingWork(db: DbLike, agencyId: number) {
  return db.k
    .selectFrom('content')
    .leftJoin('content_draft', 'content_draft.content_id', 'content.id')
    .select([
      'content.id', 'content.status', 'content.authors', 'content.submitted_by', 'content.review_note',
      'content_draft.status as draft_status', 'content_draft.authors as draft_authors', 'content_draft.submitted_by as draft_submitted_by', 'content_draft.review_note as draft_review_note',
    ])
    .where('content.agency_id', '=', agencyId)
    .where((eb) => eb.or([eb('content.status', 'in', ['in_review', 'draft']), eb('content_draft.status', 'is not', null)]))
    .execute();
}

export async function listRevisions(db: DbLike, agencyId: number, contentId: number) {
  return db.k
    .selectFrom('content_revision')
    .leftJoin('app_user', 'app_user.id', 'content_revision.changed_by')
    .select(['content_revision.revision', 'content_revision.status', 'content_revision.changed_at', 'content_revision.note', 'app_user.username', 'app_user.display_name'])
    .where('content_revision.agency_id', '=', agencyId)
    .where('content_revision.content_id', '=', contentId)
    .orderBy('content_revision.revision', 'desc')
    .execute();
}
