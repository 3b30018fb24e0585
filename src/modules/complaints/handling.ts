// Officers' work on a case: opening it (with the key their session holds), the conversation and internal notes,
// status, assignment, exclusions, forwarding, moving a general case into the confidential lane, and the identity,
// which is shown only for a stated reason that goes into the audit log.
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, holdersOf, type Acting, type CurrentUser } from '../../platform/auth/users.ts';
import { lockRow, tx, type Tx } from '../../platform/db/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { UploadPart } from '../../platform/files/index.ts';
import { HANDLE, officerCaseKey, syncReaders } from './access.ts';
import { getDivision } from '../agency/index.ts';
import { openBytes, openJson, place, sealJson } from './crypto.ts';
import { cleanFile, MAX_FILES, recordFiles, storeSealed, type CleanFile, type Identity, type Report } from './intake.ts';
import { CATEGORIES, CONCLUDED, NEXT, type Status } from './kinds.ts';
import { caseNumber, exclusionsOf, filesOf, getComplaint, messagesOf, statusHistory, type Complaint } from './store.ts';

export interface FileMeta {
  name: string;
  ext: string;
  mime: string;
  size: number;
  ref: string;
}

export interface CaseView {
  c: Complaint;
  number: string;
  /** null: the case key is not open to this officer (no copy yet, or no key in this session) */
  report: Report | null;
  messages: Array<{ id: number; author: string; name: string | null; at: string; text: string | null }>;
  files: Array<{ id: number; author: string; messageId: number | null; at: string; meta: FileMeta | null }>;
  history: Array<{ status: string; at: string }>;
  excluded: number[];
  officers: Array<{ id: number; displayName: string }>;
}

/** The case as an officer may see it; excluded officers do not see it at all. */
export async function loadCase(p: Platform, req: FastifyRequest, id: number): Promise<{ c: Complaint; key: Buffer | null }> {
  requirePermission(req.user, HANDLE);
  const c = await getComplaint(p.db, req.agency.id, id);
  if (!c || c.purged_at || (await exclusionsOf(p.db, c.id)).includes(req.user!.id)) throw new NotFoundError();
  return { c, key: await officerCaseKey(p, req, c) };
}

export async function caseView(p: Platform, req: FastifyRequest, id: number): Promise<CaseView> {
  const { c, key } = await loadCase(p, req, id);
  if (key) await tx(p.db, (t) => syncReaders(t, c, key));
  const open = <T>(sealed: string | null, where: string): T | null => {
    if (!key || !sealed) return null;
    try {
      return openJson<T>(key, sealed, where);
    } catch {
      return null;
    }
  };
  const [msgs, files, history, excluded, officers] = await Promise.all([messagesOf(p.db, c.id, true), filesOf(p.db, c.id), statusHistory(p.db, c.id), exclusionsOf(p.db, c.id), holdersOf(p.db, c.agency_id, HANDLE)]);
  if (key) await tx(p.db, (t) => recordAudit(t, { agencyId: c.agency_id, actor: actorOf(req.user!), action: 'complaint.open', targetType: 'complaint', targetId: c.id, summary: `opened case ${caseNumber(c)}` }));
  return {
    c, number: caseNumber(c), report: open<Report>(c.content_sealed, place.content(c.id)),
    messages: msgs.map((m) => ({ id: m.id, author: m.author, name: m.display_name, at: m.created_at, text: open<{ text: string }>(m.body_sealed, place.message(c.id, m.id))?.text ?? null })),
    files: files.map((f) => ({ id: f.id, author: f.author, messageId: f.message_id, at: f.created_at, meta: open<FileMeta>(f.meta_sealed, place.fileMeta(c.id, f.id)) })),
    history, excluded, officers: officers.map((o) => ({ id: o.id, displayName: o.displayName })),
  };
}

/** The identity, for a reason given by the officer; both the viewing and the reason are audited. */
export async function viewIdentity(p: Platform, req: FastifyRequest, id: number, reason: string): Promise<Identity | null> {
  const { c, key } = await loadCase(p, req, id);
  if (!key) throw new ValidationError({ reason: 'complaints.err.noKey' });
  if (!c.identity_sealed) return null;
  const identity = openJson<Identity>(key, c.identity_sealed, place.identity(c.id));
  await tx(p.db, (t) => recordAudit(t, { agencyId: c.agency_id, actor: actorOf(req.user!), action: 'complaint.identity.view', targetType: 'complaint', targetId: c.id, summary: `identity of case ${caseNumber(c)} viewed; reason: ${reason}` }));
  return identity;
}

/** A file of the case, opened: for officers with the key, or the complainant's visit. */
export async function openFile(p: Platform, c: Complaint, key: Buffer, fileId: number, complainantOnly: boolean): Promise<{ meta: FileMeta; bytes: Buffer }> {
  const f = await p.db.k.selectFrom('complaint_file').innerJoin('file', 'file.id', 'complaint_file.file_id')
    .select(['complaint_file.id', 'complaint_file.meta_sealed', 'complaint_file.message_id', 'file.storage_key'])
    .where('complaint_file.complaint_id', '=', c.id).where('complaint_file.id', '=', fileId).executeTakeFirst();
  if (!f) throw new NotFoundError();
  // internal notes' files stay with the officers
  if (complainantOnly && f.message_id !== null) {
    const m = await p.db.k.selectFrom('complaint_message').select('author').where('id', '=', f.message_id).executeTakeFirst();
    if (m?.author === 'note') throw new NotFoundError();
  }
  const meta = openJson<FileMeta>(key, f.meta_sealed, place.fileMeta(c.id, f.id));
  return { meta, bytes: openBytes(key, await p.files.read(f.storage_key), place.fileBytes(meta.ref)) };
}

/** A message to the complainant, or an internal note (`note`), with files. */
export async function officerWrite(p: Platform, req: FastifyRequest, id: number, text: string, parts: UploadPart[], note: boolean): Promise<void> {
  const { c, key } = await loadCase(p, req, id);
  if (!key) throw new ValidationError({ body: 'complaints.err.noKey' });
  if (!text) throw new ValidationError({ body: 'err.required' });
  if (parts.length > MAX_FILES) throw new ValidationError({ file1: { key: 'complaints.err.tooManyFiles', vars: { n: MAX_FILES } } });
  const files: CleanFile[] = [];
  for (const part of parts) files.push(await cleanFile(p, part));
  const stored = await storeSealed(p, key, files);
  const author = note ? 'note' : 'officer';
  await tx(p.db, async (t) => {
    const now = new Date().toISOString();
    const m = await t.k.insertInto('complaint_message').values({ complaint_id: c.id, author, user_id: req.user!.id, body_sealed: '', created_at: now }).returning('id').executeTakeFirstOrThrow();
    await t.k.updateTable('complaint_message').set({ body_sealed: sealJson(key, { text }, place.message(c.id, m.id)) }).where('id', '=', m.id).execute();
    await recordFiles(p, t, c, key, stored, author, m.id, req.user!.id);
    // writing to the complainant acknowledges a new case
    const ack = !note && !c.acknowledged_at ? { acknowledged_at: now } : {};
    await t.k.updateTable('complaint').set({ ...ack, updated_at: now }).where('id', '=', c.id).execute();
    await recordAudit(t, { agencyId: c.agency_id, actor: actorOf(req.user!), action: note ? 'complaint.note' : 'complaint.message', targetType: 'complaint', targetId: c.id, summary: `${note ? 'internal note' : 'message to the complainant'} on case ${caseNumber(c)} (${files.length} file(s))` });
  });
}

/**
 * The case a change is made to, locked for the change: not found (404) for anyone excluded from it, as when they
 * read it. An excluded officer can neither read nor steer it (close it, exclude others, reassign it).
 */
async function caseFor(t: Tx, actor: Acting, id: number): Promise<Complaint> {
  await lockRow(t, 'complaint', id);
  const c = await t.k.selectFrom('complaint').selectAll().where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
  if (!c || c.purged_at) throw new NotFoundError();
  if (actor.id !== null && (await exclusionsOf(t, id)).includes(actor.id)) throw new NotFoundError();
  return c;
}

export async function setStatus(p: Platform, actor: Acting, id: number, next: Status, forwardedTo: string, at = new Date()): Promise<void> {
  requirePermission(actor, HANDLE);
  await tx(p.db, async (t) => {
    const c = await caseFor(t, actor, id);
    if (!(NEXT[c.status as Status] ?? []).includes(next)) throw new ValidationError({ status: { key: 'complaints.err.transition', vars: { from: c.status, to: next } } });
    if (next === 'forwarded' && !forwardedTo) throw new ValidationError({ forwarded_to: 'complaints.err.forwardTo' });
    const now = at.toISOString();
    // a guarded update: two officers changing the same case at once cannot both move it from the same status
    const r = await t.k.updateTable('complaint').set({
      status: next, forwarded_to: next === 'forwarded' ? forwardedTo : c.forwarded_to, updated_at: now,
      acknowledged_at: c.acknowledged_at ?? now,
      concluded_at: (CONCLUDED as readonly string[]).includes(next) ? (c.concluded_at ?? now) : null,
      closed_at: next === 'closed' ? now : null,
    }).where('id', '=', id).where('status', '=', c.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ValidationError({ status: 'complaints.err.changed' });
    await t.k.insertInto('complaint_status').values({ complaint_id: id, status: next, at: now }).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.status', targetType: 'complaint', targetId: id, summary: `case ${caseNumber(c)}: ${c.status} → ${next}${next === 'forwarded' ? ` (${forwardedTo})` : ''}` });
  });
}

export async function assign(p: Platform, actor: CurrentUser, id: number, userId: number | null, divisionId: number | null): Promise<void> {
  requirePermission(actor, HANDLE);
  await tx(p.db, async (t) => {
    const c = await caseFor(t, actor, id);
    if (userId !== null) {
      const ok = (await holdersOf(t, actor.agencyId, HANDLE)).some((o) => o.id === userId) && !(await exclusionsOf(t, id)).includes(userId);
      if (!ok) throw new ValidationError({ assigned_user_id: 'complaints.err.assignee' });
    }
    if (divisionId !== null && !(await getDivision(t, actor.agencyId, divisionId))) throw new ValidationError({ assigned_division_id: 'err.choice' });
    await t.k.updateTable('complaint').set({ assigned_user_id: userId, assigned_division_id: divisionId, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.assign', targetType: 'complaint', targetId: id, summary: `case ${caseNumber(c)} assigned to user ${userId ?? '-'}, division ${divisionId ?? '-'}` });
  });
}

/**
 * Keeps a staff member away from a case (a conflict of interest), for a stated reason: their copy of its key goes and
 * they no longer see it. The officer doing it always remains a reader; an exclusion can be lifted by another officer.
 */
export async function exclude(p: Platform, actor: CurrentUser, id: number, userId: number, reason: string): Promise<void> {
  requirePermission(actor, HANDLE);
  if (userId === actor.id) throw new ValidationError({ user_id: 'complaints.err.excludeSelf' });
  await tx(p.db, async (t) => {
    const c = await caseFor(t, actor, id);
    const user = await t.k.selectFrom('app_user').select('id').where('agency_id', '=', actor.agencyId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new ValidationError({ user_id: 'complaints.err.assignee' });
    await t.k.insertInto('complaint_exclusion').values({ complaint_id: id, user_id: userId, created_at: new Date().toISOString() }).onConflict((oc) => oc.columns(['complaint_id', 'user_id']).doNothing()).execute();
    await t.k.deleteFrom('complaint_key').where('complaint_id', '=', id).where('user_id', '=', userId).execute();
    if (c.assigned_user_id === userId) await t.k.updateTable('complaint').set({ assigned_user_id: null }).where('id', '=', id).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.exclude', targetType: 'complaint', targetId: id, summary: `user ${userId} excluded from case ${caseNumber(c)}; reason: ${reason}` });
  });
}

/** Lifts an exclusion; their copy of the key is made again when an officer who can read the case opens it. */
export async function include(p: Platform, actor: CurrentUser, id: number, userId: number): Promise<void> {
  requirePermission(actor, HANDLE);
  await tx(p.db, async (t) => {
    const c = await caseFor(t, actor, id);
    const r = await t.k.deleteFrom('complaint_exclusion').where('complaint_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new ValidationError({ user_id: 'complaints.err.notExcluded' });
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.include', targetType: 'complaint', targetId: id, summary: `exclusion of user ${userId} from case ${caseNumber(c)} lifted` });
  });
}

/** A general case that turns out to be about corruption moves into the confidential lane (never back). */
export async function moveToConfidential(p: Platform, actor: CurrentUser, id: number, category: string): Promise<void> {
  requirePermission(actor, HANDLE);
  if (!CATEGORIES.corruption.includes(category)) throw new ValidationError({ category: 'err.choice' });
  await tx(p.db, async (t) => {
    const c = await caseFor(t, actor, id);
    if (c.lane !== 'general') throw new ValidationError({ category: 'complaints.err.alreadyConfidential' });
    await t.k.updateTable('complaint').set({ lane: 'corruption', category, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.lane', targetType: 'complaint', targetId: id, summary: `case ${caseNumber(c)} moved to the confidential lane (${category})` });
  });
}
