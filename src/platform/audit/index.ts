// Append-only audit log. Each event is hash-chained to the one before, so an edited or deleted row is found.
import { sql } from 'kysely';
import { sha256 } from '../crypto.ts';
import { likeEscape, likeExpr, type DbLike, type Tx } from '../db/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  id: number | null;
  /** a username or 'system'; never a citizen's name */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export interface AuditInput {
  agencyId: number;
  actor: Actor;
  /** dotted verb, e.g. 'user.create', 'complaint.identity.view' */
  action: string;
  targetType: string;
  targetId: string | number;
  /** what happened, without personal data */
  summary: string;
}

export interface AuditEvent {
  id: number;
  agency_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  summary: string;
  prev_hash: string;
  hash: string;
}

export function eventHash(prevHash: string, e: Omit<AuditEvent, 'prev_hash' | 'hash'>): string {
  return sha256(`${prevHash}\n${JSON.stringify([e.id, e.agency_id, e.at, e.actor_user_id, e.actor_label, e.action, e.target_type, e.target_id, e.summary])}`);
}

/** Writes one event inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(t: Tx, input: AuditInput): Promise<void> {
  // one writer at a time extends the chain
  if (t.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7311001)`.execute(t.k);
  const head = await t.k.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  const event = {
    id: (head?.last_event_id ?? 0) + 1,
    agency_id: input.agencyId,
    at: new Date().toISOString(),
    actor_user_id: input.actor.id,
    actor_label: input.actor.label,
    action: input.action,
    target_type: input.targetType,
    target_id: String(input.targetId),
    summary: input.summary.slice(0, 500),
  };
  const hash = eventHash(prevHash, event);
  await t.k.insertInto('audit_event').values({ ...event, prev_hash: prevHash, hash }).execute();
  if (head) await t.k.updateTable('audit_head').set({ last_event_id: event.id, last_hash: hash }).where('id', '=', 1).execute();
  else await t.k.insertInto('audit_head').values({ id: 1, last_event_id: event.id, last_hash: hash }).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; reason: string };
}

/** Walks the whole chain. The first event whose content, link or position does not fit is reported. */
export async function verifyAudit(db: DbLike): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = (await db.k.selectFrom('audit_event').selectAll().where('id', '>=', expectedId).orderBy('id').limit(1000).execute()) as AuditEvent[];
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== expectedId) return { ok: false, checked, firstBad: { id: row.id, reason: `events ${expectedId}–${row.id - 1} are missing (deleted)` } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBad: { id: row.id, reason: 'its link to the previous event is broken (an earlier event was changed or deleted)' } };
      if (eventHash(prevHash, row) !== row.hash) return { ok: false, checked, firstBad: { id: row.id, reason: 'its content does not match its hash (the row was edited)' } };
      prevHash = row.hash;
      expectedId++;
      checked++;
    }
  }
  const head = await db.k.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const lastId = expectedId - 1;
  if (head && (head.last_event_id !== lastId || head.last_hash !== prevHash)) {
    return { ok: false, checked, firstBad: { id: lastId + 1, reason: `the chain ends at event ${lastId} but its head records event ${head.last_event_id} (events at the end were deleted or edited)` } };
  }
  if (!head && checked > 0) return { ok: false, checked, firstBad: { id: 1, reason: 'the chain head is missing' } };
  return { ok: true, checked };
}

export interface AuditFilter {
  agencyId: number;
  action?: string;
  actor?: string;
  targetType?: string;
  /** 'YYYY-MM-DD' bounds as UTC instants, already converted by the caller */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: DbLike, f: AuditFilter): Promise<{ total: number; rows: AuditEvent[] }> {
  let q = db.k.selectFrom('audit_event').where('agency_id', '=', f.agencyId);
  if (f.action) q = q.where(likeExpr('action', `${likeEscape(f.action)}%`));
  if (f.actor) q = q.where('actor_label', '=', f.actor);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = (await q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute()) as AuditEvent[];
  return { total, rows };
}

export async function auditActions(db: DbLike, agencyId: number): Promise<string[]> {
  const rows = await db.k.selectFrom('audit_event').select('action').distinct().where('agency_id', '=', agencyId).orderBy('action').execute();
  return rows.map((r) => r.action);
}
