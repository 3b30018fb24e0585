// The editorial workflow: draft → in review → published (now or at a set time) → archived. Every step is audited.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { can, requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { inTx, isUniqueViolation, lockRow, nextPosition, toJson, tx, type Db, type DbLike, type Tx } from '../../platform/db/index.ts';
import { approvalBar, authorsOf, pendingOf, type Pending } from './review.ts';
import { ALL_KINDS, IMAGE_KINDS, type FileKind, type StoredFile, type UploadPart } from '../../platform/files/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { indexBilingual, removeDocument } from '../../platform/search/index.ts';
import { syncEach } from '../../platform/search/refold.ts';
import { plainText, renderBody } from './markup.ts';
import { makeSlug } from './slugs.ts';
import { contentUrl, type Kind } from './kinds.ts';
import { EDITABLE, getContent, getDraft, isPublic, listAttachments, type Content, type ContentDraft, type ContentDraftRow, type DraftAttachment, type EditableFields } from './store.ts';
import { publicChanged } from '../../platform/changes.ts';


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
  publicChanged(db, c.agency_id);
  if (c.status !== 'published' || !c.published_at) {
    await removeDocument(db, c.agency_id, c.kind, c.id);
    return;
  }
  const atts = (await listAttachments(db, c.agency_id, [c.id])).get(c.id) ?? [];
  const files = atts.map((a) => a.label || a.original_name).join(' ');
  // one entry per language (shown once per item, in the visitor's language); each finds the item by words of both
  await indexBilingual(db, {
    agencyId: c.agency_id, kind: c.kind, refId: c.id, url: contentUrl(c.kind, c.slug), fiscalYear: c.fiscal_year, publishedAt: c.published_at,
    th: { title: c.title_th, body: [plainText(c.body_html_th).includes(c.summary_th) ? '' : c.summary_th, plainText(c.body_html_th), files].filter(Boolean).join(' ') },
    en: { title: c.title_en, body: [plainText(c.body_html_en).includes(c.summary_en) ? '' : c.summary_en, plainText(c.body_html_en)].filter(Boolean).join(' ') },
  });
}

/** Every item of the agency into search again (ModuleDef.searchSync). */
export const syncAllSearch = (db: Db, agencyId: number): Promise<number> =>
  syncEach(db, 'content', agencyId, async (t, id) => {
    const c = await getContent(t, agencyId, id);
    if (c) await syncSearch(t, c);
  });

/** The item, locked for the rest of the transaction: changes to one item never interleave. */
async function load(t: Tx, actor: CurrentUser, id: number): Promise<Content> {
  await lockRow(t, 'content', id);
  const c = await getContent(t, actor.agencyId, id);
  if (!c) throw new NotFoundError();
  return c;
}

function stateError(status: string): ValidationError {
  return new ValidationError({ _form: { key: 'pub.err.state', vars: { status } } });
}

/** Published (now or at a set time): the text the public sees is frozen; changes wait in a draft. */
function isLive(c: Content): boolean {
  return c.status === 'published';
}

const withAuthor = (authors: number[], id: number) => (authors.includes(id) ? authors : [...authors, id]);

async function recordCover(p: Platform, t: Tx, actor: CurrentUser, cover: StoredFile | null): Promise<number | undefined> {
  return cover ? (await p.files.record(t, cover, { agencyId: actor.agencyId, owner: 'content', createdBy: actor.id })).id : undefined;
}

/** A file from a form is put in storage before any transaction; one already stored (a generated report) is used as is. */
const stored = async (p: Platform, part: UploadPart | StoredFile | null, allowed: FileKind[]): Promise<StoredFile | null> =>
  !part ? null : 'key' in part ? part : p.files.put(part, allowed);

/** A slug for a new item: the one typed, or a generated one that is not taken yet. */
async function freshSlug(t: Tx, agencyId: number, input: ContentInput): Promise<string> {
  if (input.slug) return input.slug;
  for (;;) {
    const slug = makeSlug(input.kind, input.title_en, input.fiscal_year);
    const taken = await t.k.selectFrom('content').select('id').where('agency_id', '=', agencyId).where('kind', '=', input.kind).where('slug', '=', slug).executeTakeFirst();
    if (!taken) return slug;
  }
}

/** A new draft. With `outer`, it is a step of the caller's transaction (a register making its report document). */
export async function createContent(p: Platform, actor: CurrentUser, input: ContentInput, cover: UploadPart | StoredFile | null = null, outer?: Tx): Promise<number> {
  requirePermission(actor, 'content.edit');
  checkRules(input);
  const coverFile = await stored(p, cover, IMAGE_KINDS);
  const now = new Date().toISOString();
  try {
    return await inTx(p.db, outer, async (t) => {
      const coverId = await recordCover(p, t, actor, coverFile);
      const { slug: _wanted, ...rest } = input;
      const row = await t.k
        .insertInto('content')
        .values({
          ...rest,
          ...rendered(input),
          agency_id: actor.agencyId,
          slug: await freshSlug(t, actor.agencyId, input),
          status: 'draft',
          review_note: '',
          cover_file_id: coverId ?? null,
          revision: 1,
          authors: toJson([actor.id]),
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

/** A new draft with its files, all or nothing: the files are checked and stored first, then recorded with the item. */
export async function createWithAttachments(p: Platform, actor: CurrentUser, input: ContentInput, cover: UploadPart | null, attachments: Array<{ part: UploadPart; label: string }>): Promise<number> {
  requirePermission(actor, 'content.edit');
  checkRules(input);
  const coverFile = await stored(p, cover, IMAGE_KINDS);
  const files: Array<{ file: StoredFile; label: string }> = [];
  for (const a of attachments) files.push({ file: (await stored(p, a.part, ALL_KINDS))!, label: a.label });
  return tx(p.db, async (t) => {
    const id = await createContent(p, actor, input, coverFile, t);
    for (const a of files) await addAttachment(p, actor, id, a.file, a.label, t);
    return id;
  });
}

/** The fields an edit sets, from the form and the item as it is. */
function editedFields(input: ContentInput, current: EditableFields, coverId: number | undefined): EditableFields {
  const { kind: _k, ...rest } = input;
  return { ...rest, ...rendered(input), slug: input.slug || current.slug, cover_file_id: coverId ?? current.cover_file_id };
}

const liveFields = (c: Content): EditableFields => Object.fromEntries(EDITABLE.map((k) => [k, c[k]])) as EditableFields;

/**
 * Saves an edit. A draft, or an item in review (which goes back to draft: what was submitted is not what would be
 * approved), is changed in place. A published item keeps its text: the edit becomes a pending draft for review.
 */
export async function updateContent(p: Platform, actor: CurrentUser, id: number, input: ContentInput, cover: UploadPart | null = null): Promise<void> {
  requirePermission(actor, 'content.edit');
  checkRules(input);
  const coverFile = await stored(p, cover, IMAGE_KINDS);
  try {
    await tx(p.db, async (t) => {
      const c = await load(t, actor, id);
      if (c.status === 'archived') throw stateError(c.status);
      const slugChange = !!input.slug && input.slug !== c.slug;
      // an address assessors may have pasted changes only with an approver's hand
      if (slugChange && c.approved_at && !can(actor, 'content.publish')) throw new ValidationError({ slug: 'pub.err.publishedSlug' });
      const coverId = await recordCover(p, t, actor, coverFile);
      if (isLive(c)) {
        const d = await draftOf(t, c, actor);
        await saveDraft(t, c, d, actor, { fields: editedFields(input, d.fields, coverId) }, 'changes edited');
        return;
      }
      const fields = editedFields(input, liveFields(c), coverId);
      const back = c.status === 'in_review';
      const updated = await t.k
        .updateTable('content')
        .set({ ...fields, ...(back ? { status: 'draft', submitted_by: null, submitted_at: null } : {}), authors: toJson(withAuthor(authorsOf(c), actor.id)), revision: c.revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
        .where('id', '=', c.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const what = [slugChange ? `address ${c.slug} → ${fields.slug}` : 'edited', back ? 'returned to draft (edited during review)' : ''].filter(Boolean).join('; ');
      await snapshot(t, updated, actor, what);
      await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.update', targetType: c.kind, targetId: c.id, summary: `revision ${updated.revision}: ${what}` });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'pub.err.slugTaken' });
    throw err;
  }
}

// ---- pending changes of a published item ----

/** The item's pending draft, started from the published text and attachments when there is none yet. */
async function draftOf(t: Tx, c: Content, actor: CurrentUser): Promise<ContentDraft> {
  const existing = await getDraft(t, c.agency_id, c.id);
  if (existing) return existing;
  const atts = await t.k.selectFrom('content_attachment').select(['file_id', 'label']).where('content_id', '=', c.id).orderBy('sort_order').orderBy('id').execute();
  // revision numbers only rise, past any discarded draft's: an approval names exactly one text
  const last = await t.k.selectFrom('content_revision').select((eb) => eb.fn.max('revision').as('n')).where('content_id', '=', c.id).executeTakeFirst();
  const now = new Date().toISOString();
  const d = { content_id: c.id, agency_id: c.agency_id, fields: liveFields(c), attachments: atts, status: 'draft', revision: Math.max(c.revision, Number(last?.n ?? 0)), authors: [] as number[], review_note: '', submitted_by: null, submitted_at: null, created_by: actor.id, created_at: now, updated_by: actor.id, updated_at: now };
  await t.k.insertInto('content_draft').values({ ...d, fields: toJson(d.fields), attachments: toJson(d.attachments), authors: '[]' }).execute();
  return d;
}

/** Writes a change of the draft: a new revision, its author recorded, back to draft if it was in review. */
async function saveDraft(t: Tx, c: Content, d: ContentDraft, actor: CurrentUser, change: { fields?: EditableFields; attachments?: DraftAttachment[] }, what: string): Promise<void> {
  const back = d.status === 'in_review';
  const next = { ...d, ...change, status: 'draft', revision: d.revision + 1, authors: withAuthor(d.authors, actor.id), updated_by: actor.id, updated_at: new Date().toISOString(), ...(back ? { submitted_by: null, submitted_at: null } : {}) };
  await t.k.updateTable('content_draft')
    .set({ fields: toJson(next.fields), attachments: toJson(next.attachments), status: next.status, revision: next.revision, authors: toJson(next.authors), submitted_by: next.submitted_by, submitted_at: next.submitted_at, updated_by: actor.id, updated_at: next.updated_at })
    .where('content_id', '=', c.id)
    .execute();
  const note = back ? `${what}; returned to draft (edited during review)` : what;
  await t.k.insertInto('content_revision').values({ agency_id: c.agency_id, content_id: c.id, revision: next.revision, snapshot: toJson({ pending: true, ...next.fields, attachments: next.attachments }), status: 'draft', changed_by: actor.id, changed_at: next.updated_at, note }).execute();
  await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.draft.update', targetType: c.kind, targetId: c.id, summary: `pending revision ${next.revision}: ${note}` });
}

/** Applies approved changes to the published item, which stays published at the same address (or a new one with a redirect). */
async function applyDraft(t: Tx, c: Content, d: ContentDraft, actor: CurrentUser): Promise<Content> {
  const now = new Date().toISOString();
  if (d.fields.slug !== c.slug) {
    // the old address keeps working
    await t.k.deleteFrom('slug_redirect').where('agency_id', '=', c.agency_id).where('kind', '=', c.kind).where('old_slug', '=', d.fields.slug).execute();
    await t.k.insertInto('slug_redirect').values({ agency_id: c.agency_id, kind: c.kind, old_slug: c.slug, content_id: c.id }).execute();
  }
  await t.k.deleteFrom('content_attachment').where('content_id', '=', c.id).execute();
  if (d.attachments.length) await t.k.insertInto('content_attachment').values(d.attachments.map((a, i) => ({ agency_id: c.agency_id, content_id: c.id, file_id: a.file_id, label: a.label, sort_order: i }))).execute();
  await t.k.deleteFrom('content_draft').where('content_id', '=', c.id).execute();
  return t.k.updateTable('content')
    .set({ ...d.fields, revision: d.revision + 1, authors: '[]', approved_by: actor.id, approved_at: now, review_note: '', updated_by: actor.id, updated_at: now })
    .where('id', '=', c.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function step(p: Platform, actor: CurrentUser, id: number, permission: string, run: (t: Tx, c: Content, pending: Pending) => Promise<Content | void>): Promise<Content> {
  requirePermission(actor, permission);
  return tx(p.db, async (t) => {
    const c = await load(t, actor, id);
    const d = isLive(c) ? await getDraft(t, c.agency_id, c.id) : undefined;
    const done = (await run(t, c, pendingOf(c, d))) ?? c;
    await syncSearch(t, done);
    return done;
  });
}

/** A workflow step on the item itself: a new revision, a snapshot and an audit event. */
async function moveItem(t: Tx, actor: CurrentUser, c: Content, changes: Partial<Content> & { status: string }, action: string, note = ''): Promise<Content> {
  const updated = await t.k
    .updateTable('content')
    .set({ ...changes, revision: c.revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
    .where('id', '=', c.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await snapshot(t, updated, actor, note || action);
  await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: `content.${action}`, targetType: c.kind, targetId: c.id, summary: `${c.status} → ${updated.status}${updated.status === 'published' && updated.published_at ? ` at ${updated.published_at}` : ''}` });
  return updated;
}

/** A workflow step on the pending draft of a published item. */
async function moveDraft(t: Tx, actor: CurrentUser, c: Content, d: ContentDraft, changes: Partial<Pick<ContentDraftRow, 'status' | 'submitted_by' | 'submitted_at' | 'review_note'>>, action: string, note = ''): Promise<void> {
  const revision = d.revision + 1;
  await t.k.updateTable('content_draft').set({ ...changes, revision, updated_by: actor.id, updated_at: new Date().toISOString() }).where('content_id', '=', c.id).execute();
  await t.k.insertInto('content_revision').values({ agency_id: c.agency_id, content_id: c.id, revision, snapshot: toJson({ pending: true, ...d.fields, attachments: d.attachments }), status: changes.status ?? d.status, changed_by: actor.id, changed_at: new Date().toISOString(), note: note || `changes: ${action}` }).execute();
  await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: `content.draft.${action}`, targetType: c.kind, targetId: c.id, summary: `pending changes ${d.status} → ${changes.status ?? d.status}` });
}

export function submitContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return step(p, actor, id, 'content.edit', async (t, c, pending) => {
    if (pending.status !== 'draft') throw stateError(pending.status);
    const f = pending.draft?.fields ?? c;
    if (f.is_signoff_required && (!f.signoff_name || !f.signoff_date)) throw new ValidationError({ _form: 'pub.err.signoffMissing' });
    const changes = { status: 'in_review', submitted_by: actor.id, submitted_at: new Date().toISOString(), review_note: '' };
    if (pending.draft) return moveDraft(t, actor, c, pending.draft, changes, 'submit');
    return moveItem(t, actor, c, changes, 'submit');
  });
}

/**
 * Approves the pending text as reviewed at `reviewedRevision`: refused when it changed since, or when the approver
 * sent it or wrote any of it. A new item is published now or at publishAt (pages compare with the clock);
 * approved changes of a published item replace its text at once.
 */
export function approveContent(p: Platform, actor: CurrentUser, id: number, publishAt: string | null, reviewedRevision: number): Promise<Content> {
  return step(p, actor, id, 'content.publish', async (t, c, pending) => {
    if (pending.status !== 'in_review') throw stateError(pending.status);
    if (pending.revision !== reviewedRevision) throw new ValidationError({ _form: 'pub.err.changedSinceReview' });
    const bar = approvalBar(pending, actor.id);
    if (bar) throw new ValidationError({ _form: bar });
    if (pending.draft) {
      const updated = await applyDraft(t, c, pending.draft, actor);
      const note = `changes approved (revision ${pending.revision})`;
      await snapshot(t, updated, actor, note);
      await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.draft.approve', targetType: c.kind, targetId: c.id, summary: `${note}${updated.slug !== c.slug ? `, address ${c.slug} → ${updated.slug}` : ''}` });
      return updated;
    }
    const now = new Date().toISOString();
    const at = publishAt && publishAt > now ? publishAt : now;
    return moveItem(t, actor, c, { status: 'published', approved_by: actor.id, approved_at: now, publish_at: publishAt, published_at: at, authors: '[]' }, 'approve', `approve (revision ${pending.revision})`);
  });
}

export function returnContent(p: Platform, actor: CurrentUser, id: number, note: string): Promise<Content> {
  return step(p, actor, id, 'content.publish', async (t, c, pending) => {
    if (pending.status !== 'in_review') throw stateError(pending.status);
    // the history shows the reviewer's words as a return (see revisionNote)
    if (pending.draft) return moveDraft(t, actor, c, pending.draft, { status: 'draft', review_note: note }, 'return', `returned: ${note}`);
    return moveItem(t, actor, c, { status: 'draft', review_note: note }, 'return', `returned: ${note}`);
  });
}

/** Drops the pending changes of a published item; the published text stays as it is. */
export function discardChanges(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return step(p, actor, id, 'content.edit', async (t, c, pending) => {
    if (!pending.draft) throw stateError(c.status);
    await t.k.deleteFrom('content_draft').where('content_id', '=', c.id).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.draft.discard', targetType: c.kind, targetId: c.id, summary: `pending revision ${pending.revision} discarded` });
  });
}

export function archiveContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return step(p, actor, id, 'content.publish', async (t, c) => {
    if (c.status !== 'published') throw stateError(c.status);
    // pending changes go with it: reopening starts again from the last published text
    await t.k.deleteFrom('content_draft').where('content_id', '=', c.id).execute();
    return moveItem(t, actor, c, { status: 'archived' }, 'archive');
  });
}

export function reopenContent(p: Platform, actor: CurrentUser, id: number): Promise<Content> {
  return step(p, actor, id, 'content.publish', async (t, c) => {
    if (c.status !== 'archived') throw stateError(c.status);
    return moveItem(t, actor, c, { status: 'draft', published_at: null, publish_at: null, authors: '[]' }, 'reopen');
  });
}

/** Adds a file: to the item while it is not published, to its pending changes once it is. `outer`: see createContent. */
export async function addAttachment(p: Platform, actor: CurrentUser, id: number, part: UploadPart | StoredFile, label: string, outer?: Tx): Promise<void> {
  requirePermission(actor, 'content.edit');
  const put = (await stored(p, part, ALL_KINDS))!;
  await inTx(p.db, outer, async (t) => {
    const c = await load(t, actor, id);
    if (c.status === 'archived') throw stateError(c.status);
    const file = await p.files.record(t, put, { agencyId: actor.agencyId, owner: 'content', createdBy: actor.id });
    const name = label || file.original_name;
    if (isLive(c)) {
      const d = await draftOf(t, c, actor);
      await saveDraft(t, c, d, actor, { attachments: [...d.attachments, { file_id: file.id, label: name }] }, `attachment added (${file.ext}, ${file.size_bytes} bytes)`);
      return;
    }
    const position = await nextPosition(t, { table: 'content', id: c.id }, { table: 'content_attachment', parentColumn: 'content_id' });
    await t.k.insertInto('content_attachment').values({ agency_id: actor.agencyId, content_id: c.id, file_id: file.id, label: name, sort_order: position }).execute();
    await touchItem(t, c, actor, `attachment added (${file.ext}, ${file.size_bytes} bytes)`);
  });
}

/** Removes a file: from the item while it is not published, from its pending changes once it is (ids are the draft's positions then). */
export async function removeAttachment(p: Platform, actor: CurrentUser, id: number, attachmentId: number): Promise<void> {
  requirePermission(actor, 'content.edit');
  await tx(p.db, async (t) => {
    const c = await load(t, actor, id);
    if (c.status === 'archived') throw stateError(c.status);
    if (isLive(c)) {
      const d = await draftOf(t, c, actor);
      if (attachmentId < 1 || attachmentId > d.attachments.length) throw new NotFoundError();
      await saveDraft(t, c, d, actor, { attachments: d.attachments.filter((_, i) => i !== attachmentId - 1) }, 'attachment removed');
      return;
    }
    const gone = await t.k.deleteFrom('content_attachment').where('id', '=', attachmentId).where('content_id', '=', c.id).executeTakeFirst();
    if (!Number(gone.numDeletedRows)) throw new NotFoundError();
    await touchItem(t, c, actor, `attachment ${attachmentId} removed`);
  });
}

/** A change to an unpublished item's files: a new revision by this author, back to draft if it was in review. */
async function touchItem(t: Tx, c: Content, actor: CurrentUser, what: string): Promise<void> {
  const back = c.status === 'in_review';
  const updated = await t.k
    .updateTable('content')
    .set({ ...(back ? { status: 'draft', submitted_by: null, submitted_at: null } : {}), authors: toJson(withAuthor(authorsOf(c), actor.id)), revision: c.revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
    .where('id', '=', c.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const note = back ? `${what}; returned to draft (edited during review)` : what;
  await snapshot(t, updated, actor, note);
  await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'content.update', targetType: c.kind, targetId: c.id, summary: `revision ${updated.revision}: ${note}` });
}

export { isPublic };
