// The rules and permissions of participation, one transaction per change with its audit event (never a person's name
// or a comment's text in the log). The tenant comes from the actor; the public comment takes the agency of the site.
import crypto from 'node:crypto';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { publicChanged } from '../../platform/changes.ts';
import { isUniqueViolation, lockRow, nextPosition, tx, type Db, type Tx } from '../../platform/db/index.ts';
import { ALL_KINDS, type UploadPart } from '../../platform/files/index.ts';
import { HttpError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { indexBilingual, removeDocument } from '../../platform/search/index.ts';
import { syncEach } from '../../platform/search/refold.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import type { ActivityForm, ProposalForm } from './forms.ts';
import { GROUPS, MANAGE, MAX_DOCUMENTS, RESERVED_SLUGS, SLUG_RE, commentState, countColumn, type DocKind, type Group } from './rules.ts';
import { getActivity, getComment, type Activity } from './store.ts';

export type ActivityInput = ActivityForm;

/** A slug from the English title, or participation-{year}-{random} (Thai does not transliterate simply). */
export function makeSlug(titleEn: string, year: number): string {
  const fromTitle = titleEn.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '');
  const suffix = Array.from({ length: 6 }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[crypto.randomInt(36)]).join('');
  return fromTitle.length >= 3 ? `${fromTitle}-${suffix}` : `participation-${year}-${suffix}`;
}

function check(input: ActivityInput): void {
  const errors: Record<string, MessageKey> = {};
  if (input.slug && (!SLUG_RE.test(input.slug) || RESERVED_SLUGS.has(input.slug) || /^\d+$/.test(input.slug))) errors.slug = 'participation.err.slug';
  if (input.ends_on && input.ends_on < input.starts_on) errors.ends_on = 'participation.err.endsBefore';
  if (input.is_commentable && !input.comments_close_at) errors.comments_close_at = 'participation.err.closeRequired';
  else if (input.is_commentable && input.comments_close_at && input.comments_close_at <= new Date(`${input.starts_on}T00:00:00+07:00`).toISOString()) errors.comments_close_at = 'participation.err.closeBeforeStart';
  if (input.status === 'reported' && !input.results_th) errors.results_th = 'participation.err.resultsRequired';
  if (!input.title_th && input.title_en) errors.title_th = 'participation.err.thaiFirst';
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

const columns = (input: ActivityInput) => ({
  kind: input.kind, title_th: input.title_th, title_en: input.title_en, subject_th: input.subject_th, subject_en: input.subject_en, summary_th: input.summary_th, summary_en: input.summary_en,
  starts_on: input.starts_on, ends_on: input.ends_on, fiscal_year: fiscalYear(input.starts_on), place_th: input.place_th, place_en: input.place_en, invited_th: input.invited_th,
  is_commentable: input.is_commentable, comments_close_at: input.is_commentable ? input.comments_close_at : null, status: input.status, results_th: input.results_th, results_en: input.results_en,
});

/** What search finds of a published activity, in Thai and (when there is an English title) in English. */
async function reindex(t: Tx, a: Activity): Promise<void> {
  if (!a.is_published) {
    await removeDocument(t, a.agency_id, 'participation', a.id);
    return;
  }
  const url = `/participation/${a.slug}`;
  const base = { agencyId: a.agency_id, kind: 'participation', refId: a.id, url, fiscalYear: a.fiscal_year, publishedAt: a.published_at };
  await indexBilingual(t, {
    ...base,
    th: { title: a.title_th, body: [a.subject_th, a.summary_th, a.place_th, a.results_th].filter(Boolean).join('\n') },
    en: { title: a.title_en, body: [a.subject_en, a.summary_en, a.place_en, a.results_en].filter(Boolean).join('\n') },
  });
}

/** Every activity of the agency into search again (ModuleDef.searchSync). */
export const syncAllSearch = (db: Db, agencyId: number): Promise<number> =>
  syncEach(db, 'participation_activity', agencyId, async (t, id) => {
    const a = await getActivity(t, agencyId, id);
    if (a) await reindex(t, a);
  });

async function load(t: Tx, actor: Acting, id: number, lock = true): Promise<Activity> {
  if (lock) await lockRow(t, 'participation_activity', id);
  const a = await getActivity(t, actor.agencyId, id);
  if (!a) throw new NotFoundError();
  return a;
}

async function audit(t: Tx, actor: Acting, action: string, targetType: string, targetId: number | string, summary: string): Promise<void> {
  await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action, targetType, targetId, summary });
}

/** A taken address comes back on its field; the unique constraint decides, so two at once cannot both have it. */
async function slugChecked<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'participation.err.slugTaken' });
    throw err;
  }
}

export async function createActivity(p: Platform, actor: Acting, input: ActivityInput): Promise<number> {
  requirePermission(actor, MANAGE);
  check(input);
  const slug = input.slug || makeSlug(input.title_en, fiscalYear(input.starts_on));
  const now = new Date().toISOString();
  return slugChecked(() =>
    tx(p.db, async (t) => {
      const row = await t.k
        .insertInto('participation_activity')
        .values({ agency_id: actor.agencyId, slug, ...columns(input), count_citizens: 0, count_leaders: 0, count_private: 0, count_government: 0, count_other: 0, is_published: false, published_at: null, created_by: actor.id, created_at: now, updated_by: actor.id, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(t, actor, 'participation.create', 'participation_activity', row.id, `${input.kind} of fiscal year ${fiscalYear(input.starts_on)} created (${input.status})`);
      return row.id;
    }),
  );
}

export async function updateActivity(p: Platform, actor: Acting, id: number, input: ActivityInput): Promise<void> {
  requirePermission(actor, MANAGE);
  check(input);
  await slugChecked(() =>
    tx(p.db, async (t) => {
      const a = await load(t, actor, id);
      const slug = input.slug || a.slug;
      // a published address never breaks: assessors and citizens keep the link
      if (slug !== a.slug && a.published_at) throw new ValidationError({ slug: 'participation.err.slugFixed' });
      await t.k.updateTable('participation_activity').set({ slug, ...columns(input), updated_by: actor.id, updated_at: new Date().toISOString() }).where('id', '=', a.id).execute();
      const changed: string[] = [];
      if (a.status !== input.status) changed.push(`status ${a.status} → ${input.status}`);
      if (a.is_commentable !== input.is_commentable) changed.push(input.is_commentable ? 'comments on' : 'comments off');
      await audit(t, actor, 'participation.update', 'participation_activity', a.id, `activity updated${changed.length ? `: ${changed.join(', ')}` : ''}`);
      await reindex(t, (await getActivity(t, actor.agencyId, a.id))!);
      if (a.is_published) publicChanged(t, actor.agencyId);
    }),
  );
}

export async function setPublished(p: Platform, actor: Acting, id: number, published: boolean): Promise<void> {
  requirePermission(actor, MANAGE);
  await tx(p.db, async (t) => {
    const a = await load(t, actor, id);
    if (a.is_published === published) return;
    const now = new Date().toISOString();
    await t.k.updateTable('participation_activity').set({ is_published: published, published_at: a.published_at ?? now, updated_by: actor.id, updated_at: now }).where('id', '=', a.id).execute();
    await audit(t, actor, published ? 'participation.publish' : 'participation.unpublish', 'participation_activity', a.id, published ? 'activity published' : 'activity withdrawn from the public');
    await reindex(t, (await getActivity(t, actor.agencyId, a.id))!);
    publicChanged(t, actor.agencyId);
  });
}

export type Counts = Record<`count_${Group}`, number>;

export async function saveCounts(p: Platform, actor: Acting, id: number, counts: Counts): Promise<void> {
  requirePermission(actor, MANAGE);
  await tx(p.db, async (t) => {
    const a = await load(t, actor, id);
    const values = Object.fromEntries(GROUPS.map((g) => [countColumn(g), counts[countColumn(g)]])) as Counts;
    await t.k.updateTable('participation_activity').set({ ...values, updated_by: actor.id, updated_at: new Date().toISOString() }).where('id', '=', a.id).execute();
    await audit(t, actor, 'participation.counts', 'participation_activity', a.id, `participants by group: ${GROUPS.map((g) => `${g} ${values[countColumn(g)]}`).join(', ')}`);
    if (a.is_published) publicChanged(t, actor.agencyId);
  });
}

/** A file (invitation, minutes, photo, report): stored before the transaction, recorded in it, dropped if it fails. */
export async function addDocument(p: Platform, actor: Acting, id: number, part: UploadPart, kind: DocKind, label: string): Promise<void> {
  requirePermission(actor, MANAGE);
  // what can be checked without storing: the activity exists
  if (!(await getActivity(p.db, actor.agencyId, id))) throw new NotFoundError();
  const stored = await p.files.put(part, ALL_KINDS);
  await p.files.keepIf([stored], () =>
    tx(p.db, async (t) => {
      const a = await load(t, actor, id, false);
      const position = await nextPosition(t, { table: 'participation_activity', id: a.id }, { table: 'participation_document', parentColumn: 'activity_id' });
      const n = Number((await t.k.selectFrom('participation_document').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', a.id).executeTakeFirstOrThrow()).n);
      if (n >= MAX_DOCUMENTS) throw new ValidationError({ file: { key: 'participation.err.tooManyFiles', vars: { max: MAX_DOCUMENTS } } });
      const file = await p.files.record(t, stored, { agencyId: actor.agencyId, owner: 'participation', createdBy: actor.id });
      await t.k.insertInto('participation_document').values({ agency_id: actor.agencyId, activity_id: a.id, file_id: file.id, kind, label: label || file.original_name, sort_order: position, created_at: new Date().toISOString() }).execute();
      await audit(t, actor, 'participation.document.add', 'participation_activity', a.id, `${kind} added (${file.ext}, ${file.size_bytes} bytes)`);
      if (a.is_published) publicChanged(t, actor.agencyId);
    }),
  );
}

export async function removeActivityDocument(p: Platform, actor: Acting, id: number, documentId: number): Promise<void> {
  requirePermission(actor, MANAGE);
  await tx(p.db, async (t) => {
    const a = await load(t, actor, id);
    const d = await t.k.selectFrom('participation_document').select(['id', 'file_id', 'kind']).where('id', '=', documentId).where('activity_id', '=', a.id).executeTakeFirst();
    if (!d) throw new NotFoundError();
    await t.k.deleteFrom('participation_document').where('id', '=', d.id).execute();
    // the file goes with it: the bytes once the transaction has committed
    await p.files.forget(t, actor.agencyId, [d.file_id]);
    await audit(t, actor, 'participation.document.remove', 'participation_activity', a.id, `${d.kind} removed`);
    if (a.is_published) publicChanged(t, actor.agencyId);
  });
}

function checkProposal(input: ProposalForm): void {
  // what the agency did, or why it cannot, is said once it has decided
  if (input.response_status !== 'pending' && !input.response) {
    throw new ValidationError({ response: input.response_status === 'declined' ? 'participation.err.reasonRequired' : 'participation.err.responseRequired' });
  }
}

export async function addProposal(p: Platform, actor: Acting, id: number, input: ProposalForm): Promise<number> {
  requirePermission(actor, MANAGE);
  checkProposal(input);
  return tx(p.db, async (t) => {
    const a = await load(t, actor, id, false);
    // the activity's row is locked first: two proposals added at once get the next two positions
    const position = await nextPosition(t, { table: 'participation_activity', id: a.id }, { table: 'participation_proposal', parentColumn: 'activity_id' });
    const now = new Date().toISOString();
    const row = await t.k
      .insertInto('participation_proposal')
      .values({ agency_id: actor.agencyId, activity_id: a.id, sort_order: position, ...input, created_by: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(t, actor, 'participation.proposal.add', 'participation_activity', a.id, `proposal ${position + 1} recorded (${input.response_status})`);
    if (a.is_published) publicChanged(t, actor.agencyId);
    return row.id;
  });
}

async function loadProposal(t: Tx, activityId: number, proposalId: number) {
  const x = await t.k.selectFrom('participation_proposal').select(['id', 'sort_order', 'response_status']).where('id', '=', proposalId).where('activity_id', '=', activityId).executeTakeFirst();
  if (!x) throw new NotFoundError();
  return x;
}

export async function updateProposal(p: Platform, actor: Acting, id: number, proposalId: number, input: ProposalForm): Promise<void> {
  requirePermission(actor, MANAGE);
  checkProposal(input);
  await tx(p.db, async (t) => {
    const a = await load(t, actor, id);
    const x = await loadProposal(t, a.id, proposalId);
    await t.k.updateTable('participation_proposal').set({ ...input, updated_at: new Date().toISOString() }).where('id', '=', x.id).execute();
    await audit(t, actor, 'participation.proposal.update', 'participation_activity', a.id, `proposal ${x.sort_order + 1} updated (${x.response_status} → ${input.response_status})`);
    if (a.is_published) publicChanged(t, actor.agencyId);
  });
}

export async function removeProposal(p: Platform, actor: Acting, id: number, proposalId: number): Promise<void> {
  requirePermission(actor, MANAGE);
  await tx(p.db, async (t) => {
    const a = await load(t, actor, id);
    const x = await loadProposal(t, a.id, proposalId);
    await t.k.deleteFrom('participation_proposal').where('id', '=', x.id).execute();
    await audit(t, actor, 'participation.proposal.remove', 'participation_activity', a.id, `proposal ${x.sort_order + 1} removed`);
    if (a.is_published) publicChanged(t, actor.agencyId);
  });
}

export interface CommentInput {
  author_name: string;
  body: string;
}

/** Refused because the consultation takes no comments now: the page says so, in the visitor's language. */
export class CommentsClosedError extends HttpError {
  constructor() {
    super(409, 'participation.closed.title', 'participation.closed.body');
  }
}

/**
 * A comment on an open consultation, from the public: waits for moderation. The activity's row is locked and read
 * again, so a comment never slips in after the consultation was closed by staff or its time ran out. No address, no
 * device: only the name the person chose to give (or none), the text and the time.
 */
export async function addComment(p: Platform, agencyId: number, activityId: number, input: CommentInput, now = new Date()): Promise<number> {
  return tx(p.db, async (t) => {
    await lockRow(t, 'participation_activity', activityId);
    const a = await getActivity(t, agencyId, activityId);
    if (!a || !a.is_published) throw new NotFoundError();
    if (commentState(a, now) !== 'open') throw new CommentsClosedError();
    const row = await t.k
      .insertInto('participation_comment')
      .values({ agency_id: agencyId, activity_id: a.id, author_name: input.author_name, body: input.body, status: 'pending', moderation_note: '', moderated_by: null, moderated_at: null, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Approve (shown on the public page) or hide (with the reason, for the record); a hidden comment may be approved later. */
export async function moderateComment(p: Platform, actor: Acting, commentId: number, decision: 'approve' | 'hide', note: string): Promise<void> {
  requirePermission(actor, MANAGE);
  if (decision === 'hide' && !note) throw new ValidationError({ note: 'participation.err.hideReason' });
  await tx(p.db, async (t) => {
    const found = await getComment(t, actor.agencyId, commentId);
    if (!found) throw new NotFoundError();
    await lockRow(t, 'participation_activity', found.activity_id);
    // read again under the lock: a moderator deciding at the same moment has committed by now (the audit's "from")
    const c = (await getComment(t, actor.agencyId, commentId))!;
    const status = decision === 'approve' ? 'approved' : 'hidden';
    await t.k.updateTable('participation_comment').set({ status, moderation_note: decision === 'hide' ? note : '', moderated_by: actor.id, moderated_at: new Date().toISOString() }).where('id', '=', c.id).execute();
    await audit(t, actor, `participation.comment.${decision}`, 'participation_comment', c.id, `comment on activity ${c.activity_id}: ${c.status} → ${status}`);
    if (c.status === 'approved' || status === 'approved') publicChanged(t, actor.agencyId);
  });
}
