// The editorial workflow: draft → in review → published (now or at a set time) → archived. Every step is audited.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { definePermission, requirePermission, can } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { isUniqueViolation, toJson, tx, type DbLike, type Tx } from '../../platform/db/index.ts';
import { ALL_KINDS, IMAGE_KINDS, type UploadPart } from '../../platform/files/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { indexDocument, removeDocument } from '../../platform/search/index.ts';
import { plainText, renderBody } from './markup.ts';
import { makeSlug } from './slugs.ts';
import { contentUrl, type Kind } from './kinds.ts';
import { getContent, isPublic, listAttachments, type Content } from './store.ts';
import { homeCache } from './cache.ts';

definePermission('content.edit', ['publisher', 'admin', 'integrity_officer', 'procurement_officer']);
definePermission('content.publish', ['admin', 'executive']);

export interface ContentInput {
  kind: Kind;
  slug: string;
  title_th: string;
  title_en: string;
  summary_th: string;
  summary_en: string;
  body_format: 'markdown' | 'html';
  body_th: string;
  body_en: string;
  category: string;
  fiscal_year: number | null;
  period: string | null;
  is_signoff_required: boolean;
  signoff_name: string;
  signoff_position: string;
  signoff_date: string | null;
}

function rendered(input: ContentInput) {
  const html_th = renderBody(input.body_format, input.body_th);
  const html_en = renderBody(input.body_format, input.body_en);
  // HTML sources are stored sanitised, never raw
  return {
    body_th: input.body_format === 'html' ? html_th : input.body_th,
    body_en: input.body_format === 'html' ? html_en : input.body_en,
    body_html_th: html_th,
    body_html_en: html_en,
  };
}

// A draft may wait for its sign-off date; submitting for review requires it.
function checkRules(input: ContentInput): void {
  if (input.is_signoff_required && !input.signoff_name) throw new ValidationError({ signoff_name: 'pub.err.signoffMissing' });
}

async function snapshot(t: Tx, c: Content, actor: CurrentUser, note: string): Promise<void> {
  const { id: _id, agency_id: _a, ...fields } = c;
  await t.k
    .insertInto('content_revision')
    .values({ agency_id: c.agency_id, content_id: c.id, revision: c.revision, snapshot: toJson(fields), status: c.status, changed_by: actor.id, changed_at: new Date().toISOString(), note })
    .execute();
}

/** Puts a public item into search (or takes it out); scheduled items carry their future time and stay hidden until then. */
export async function syncSearch(db: DbLike, c: Content): Promise<void> {
  homeCache.clear();
  if (c.status !== 'published' || !c.published_at) {
    await removeDocument(db, c.agency_id, c.kind, c.id);
    return;
  }
  const atts = (await listAttachments(db, c.agency_id, [c.id])).get(c.id) ?? [];
  const files = atts.map((a) => a.label || a.original_name).join(' ');
  // one entry per item (counts stay right); the English text is in the body so English words find it too
  await indexDocument(db, {
    agencyId: c.agency_id, kind: c.kind, refId: c.id, lang: 'th', url: contentUrl(c.kind, c.slug), fiscalYear: c.fiscal_year, publishedAt: c.published_at,
    title: c.title_th,
    body: [plainText(c.body_html_th).includes(c.summary_th) ? '' : c.summary_th, plainText(c.body_html_th), c.title_en, c.summary_en, plainText(c.body_html_en), files].filter(Boolean).join(' '),
  });
}

async function load(t: Tx, actor: CurrentUser, id: number): Promise<Content> {
  const c = await getContent(t, actor.agencyId, id);
  if (!c) throw new NotFoundError();
  return c;
}

function stateError(c: Content): ValidationError {
  return new ValidationError({ _form: { key: 'pub.err.state', vars: { status: c.status } } });
}

async function saveCover(p: Platform, t: Tx, actor: CurrentUser, cover: UploadPart | null): Promise<number | undefined> {
  if (!cover) return undefined;
  return (await p.files.save(t, { agencyId: actor.agencyId, part: cover, allowed: IMAGE_KINDS, isPublic: true, createdBy: actor.id })).id;
}

export async function createContent(p: Platform, actor: CurrentUser, input: ContentInput, cover: UploadPart | null = null): Promise<number> {
  requirePermission(actor, 'content.edit');
  checkRules(input);
  if (cover) await p.files.inspect(cover, IMAGE_KINDS);
  const now = new Date().toISOString();
  try {
    return await tx(p.db, async (t) => {
      const coverId = await saveCover(p, t, actor, cover);
      const { slug: wanted, ...rest } = input;
      const row = await t.k
        .insertInto('content')
        .values({
          ...rest,
          ...rendered(input),
          agency_id: actor.agencyId,
          slug: wanted || makeSlug(input.kind, input.title_en, input.fiscal_year),
          status: 'draft',
          review_note: '',
          cover_file_id: coverId ?? null,
          revision: 1,
          created_by: actor.id,
          created_at: now,
          updated_by: actor.id,
          updated_at: now,
          publish_at: null,
          published_at: null,
          submitted_by: null,
          submitted_at: null,
          approved_by: null,
          approved_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await snapshot(t, row, actor, 'created');
      await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.create', targetType: input.kind, targetId: row.id, summary: `draft "${row.slug}"` });
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'pub.err.slugTaken' });
    throw err;
  }
}

export async function updateContent(p: Platform, actor: CurrentUser, id: number, input: ContentInput, cover: UploadPart | null = null): Promise<void> {
  requirePermission(actor, 'content.edit');
  checkRules(input);
  if (cover) await p.files.inspect(cover, IMAGE_KINDS);
  try {
    await tx(p.db, async (t) => {
      const c = await load(t, actor, id);
      if (c.status === 'archived') throw stateError(c);
      const everPublished = !!c.approved_at;
      if ((c.status === 'published' || everPublished) && !can(actor, 'content.publish')) throw new ForbiddenError();
      const slug = input.slug || c.slug;
      if (slug !== c.slug && everPublished) {
        // the old address keeps working
        await t.k.deleteFrom('slug_redirect').where('agency_id', '=', c.agency_id).where('kind', '=', c.kind).where('old_slug', '=', slug).execute();
        await t.k.insertInto('slug_redirect').values({ agency_id: c.agency_id, kind: c.kind, old_slug: c.slug, content_id: c.id }).execute();
      }
      const coverId = await saveCover(p, t, actor, cover);
      const { kind: _k, slug: _s, ...rest } = input;
      const updated = await t.k
        .updateTable('content')
        .set({ ...rest, ...rendered(input), slug, ...(coverId ? { cover_file_id: coverId } : {}), revision: c.revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
        .where('id', '=', c.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await snapshot(t, updated, actor, slug !== c.slug ? `address ${c.slug} → ${slug}` : 'edited');
      await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.update', targetType: c.kind, targetId: c.id, summary: `revision ${updated.revision}${slug !== c.slug ? `, address ${c.slug} → ${slug}` : ''}` });
      await syncSearch(t, updated);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'pub.err.slugTaken' });
    throw err;
  }
}

async function transition(p: Platform, actor: CurrentUser, id: number, permission: string, step: (c: Content) => Partial<Content> & { status: string }, action: string, note = ''): Promise<Content> {
  requirePermission(actor, permission);
  return tx(p.db, async (t) => {
    const c = await load(t, actor, id);
    const changes = step(c);
    const updated = await t.k
      .updateTable('content')
      .set({ ...changes, revision: c.revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
      .where('id', '=', c.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await snapshot(t, updated, actor, note || action);
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: `content.${action}`, targetType: c.kind, targetId: c.id, summary: `${c.status} → ${updated.status}${updated.status === 'published' && updated.published_at ? ` at ${updated.published_at}` : ''}` });
    await syncSearch(t, updated);
    return updated;
  });
}

export function submitContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return transition(p, actor, id, 'content.edit', (c) => {
    if (c.status !== 'draft') throw stateError(c);
    if (c.is_signoff_required && (!c.signoff_name || !c.signoff_date)) throw new ValidationError({ _form: 'pub.err.signoffMissing' });
    return { status: 'in_review', submitted_by: actor.id, submitted_at: new Date().toISOString(), review_note: '' };
  }, 'submit');
}

/** Publishes now, or at publishAt (a future instant) without any scheduler: public views compare with the clock. */
export function approveContent(p: Platform, actor: CurrentUser, id: number, publishAt: string | null): Promise<Content> {
  return transition(p, actor, id, 'content.publish', (c) => {
    if (c.status !== 'in_review') throw stateError(c);
    if (c.submitted_by === actor.id) throw new ValidationError({ _form: 'pub.err.ownApproval' });
    const now = new Date().toISOString();
    const at = publishAt && publishAt > now ? publishAt : now;
    return { status: 'published', approved_by: actor.id, approved_at: now, publish_at: publishAt, published_at: at };
  }, 'approve');
}

export function returnContent(p: Platform, actor: CurrentUser, id: number, note: string): Promise<Content> {
  return transition(p, actor, id, 'content.publish', (c) => {
    if (c.status !== 'in_review') throw stateError(c);
    return { status: 'draft', review_note: note };
  }, 'return', note);
}

export function archiveContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return transition(p, actor, id, 'content.publish', (c) => {
    if (c.status !== 'published') throw stateError(c);
    return { status: 'archived' };
  }, 'archive');
}

export function reopenContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return transition(p, actor, id, 'content.publish', (c) => {
    if (c.status !== 'archived') throw stateError(c);
    return { status: 'draft', published_at: null, publish_at: null };
  }, 'reopen');
}

export async function addAttachment(p: Platform, actor: CurrentUser, id: number, part: UploadPart, label: string): Promise<void> {
  requirePermission(actor, 'content.edit');
  await p.files.inspect(part, ALL_KINDS);
  await tx(p.db, async (t) => {
    const c = await load(t, actor, id);
    if ((c.status === 'published' || c.status === 'archived') && !can(actor, 'content.publish')) throw new ForbiddenError();
    const file = await p.files.save(t, { agencyId: actor.agencyId, part, allowed: ALL_KINDS, isPublic: true, createdBy: actor.id });
    const count = await t.k.selectFrom('content_attachment').select((eb) => eb.fn.countAll().as('n')).where('content_id', '=', c.id).executeTakeFirst();
    await t.k.insertInto('content_attachment').values({ agency_id: actor.agencyId, content_id: c.id, file_id: file.id, label: label || file.original_name, sort_order: Number(count?.n ?? 0) }).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.attachment.add', targetType: c.kind, targetId: c.id, summary: `${file.ext} file, ${file.size_bytes} bytes` });
    await syncSearch(t, c);
  });
}

export async function removeAttachment(p: Platform, actor: CurrentUser, id: number, attachmentId: number): Promise<void> {
  requirePermission(actor, 'content.edit');
  await tx(p.db, async (t) => {
    const c = await load(t, actor, id);
    if ((c.status === 'published' || c.status === 'archived') && !can(actor, 'content.publish')) throw new ForbiddenError();
    const gone = await t.k.deleteFrom('content_attachment').where('id', '=', attachmentId).where('content_id', '=', c.id).executeTakeFirst();
    if (!Number(gone.numDeletedRows)) throw new NotFoundError();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.attachment.remove', targetType: c.kind, targetId: c.id, summary: `attachment ${attachmentId} removed` });
    await syncSearch(t, c);
  });
}

export { isPublic };
