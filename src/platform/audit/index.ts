// Append-only audit log. Each event is chained to the one before by an HMAC keyed from SECRET_KEY, and the head
// (last event and its MAC) is MACed too: without the key, no row can be edited, deleted, added or cut off the end
// unnoticed. With the key, history can be rewritten up to the last checkpoint kept elsewhere (audit checkpoint).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { sha256, timingSafeEqualStr } from '../crypto.ts';
import { likeEscape, likeExpr, tx, type Db, type DbLike, type Tx } from '../db/index.ts';

export const GENESIS_HASH = '0'.repeat(64);
const KEY_VERSION = 1;

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

type EventBody = Omit<AuditEvent, 'prev_hash' | 'hash'>;

function canonical(prevHash: string, e: EventBody): string {
  return `${prevHash}\n${JSON.stringify([e.id, e.agency_id, e.at, e.actor_user_id, e.actor_label, e.action, e.target_type, e.target_id, e.summary])}`;
}

/** The event's MAC: HMAC-SHA-256 over the previous MAC and the event. */
export function eventMac(key: Buffer, prevHash: string, e: EventBody): string {
  return crypto.createHmac('sha256', key).update(canonical(prevHash, e)).digest('hex');
}

/** The unkeyed hash of logs written before the chain was keyed (verified once, then replaced). */
function legacyHash(prevHash: string, e: EventBody): string {
  return sha256(canonical(prevHash, e));
}

function headMac(key: Buffer, lastId: number, lastHash: string): string {
  return crypto.createHmac('sha256', key).update(`head\n${lastId}\n${lastHash}`).digest('hex');
}

function keyOf(db: DbLike): Buffer {
  if (!db.auditKey) throw new Error('the audit key is not set (the platform sets it from SECRET_KEY)');
  return db.auditKey;
}

/** Writes one event inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(t: Tx, input: AuditInput): Promise<void> {
  const key = keyOf(t);
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
  const hash = eventMac(key, prevHash, event);
  await t.k.insertInto('audit_event').values({ ...event, prev_hash: prevHash, hash }).execute();
  const sealed = { last_event_id: event.id, last_hash: hash, key_version: KEY_VERSION, head_mac: headMac(key, event.id, hash) };
  if (head) await t.k.updateTable('audit_head').set(sealed).where('id', '=', 1).execute();
  else await t.k.insertInto('audit_head').values({ id: 1, ...sealed }).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; reason: string };
  /** set when a checkpoint was given and the chain passes through it */
  checkpoint?: { id: number; ok: boolean };
}

export interface Checkpoint {
  id: number;
  mac: string;
}

const CHECKPOINT_RE = /^prongsai-audit-v1:(\d{1,15}):([0-9a-f]{64})$/;

export function formatCheckpoint(c: Checkpoint): string {
  return `prongsai-audit-v1:${c.id}:${c.mac}`;
}

export function parseCheckpoint(text: string): Checkpoint | null {
  const m = CHECKPOINT_RE.exec(text.trim());
  return m ? { id: Number(m[1]), mac: m[2]! } : null;
}

/** The latest event and its MAC, to be kept somewhere the server cannot write (a printout, another system). */
export async function auditCheckpoint(db: DbLike): Promise<Checkpoint | null> {
  const head = await db.k.selectFrom('audit_head').select(['last_event_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return head ? { id: head.last_event_id, mac: head.last_hash } : null;
}

/**
 * Walks the whole chain. The first event whose content, link or position does not fit is reported; an empty log or a
 * missing or forged head counts as broken once an agency exists. With a checkpoint, the event it names must still
 * carry the MAC it had then.
 */
export async function verifyAudit(db: DbLike, opts: { checkpoint?: Checkpoint; legacy?: boolean } = {}): Promise<VerifyResult> {
  const key = opts.legacy ? null : keyOf(db);
  const macOf = (prev: string, e: EventBody) => (key ? eventMac(key, prev, e) : legacyHash(prev, e));
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let atCheckpoint: boolean | undefined;
  for (;;) {
    const rows = (await db.k.selectFrom('audit_event').selectAll().where('id', '>=', expectedId).orderBy('id').limit(1000).execute()) as AuditEvent[];
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== expectedId) return { ok: false, checked, firstBad: { id: row.id, reason: `events ${expectedId}–${row.id - 1} are missing (deleted)` } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBad: { id: row.id, reason: 'its link to the previous event is broken (an earlier event was changed or deleted)' } };
      if (!timingSafeEqualStr(macOf(prevHash, row), row.hash)) return { ok: false, checked, firstBad: { id: row.id, reason: 'its content does not match its MAC (the row was edited, or written without the key)' } };
      if (opts.checkpoint && row.id === opts.checkpoint.id) atCheckpoint = timingSafeEqualStr(row.hash, opts.checkpoint.mac);
      prevHash = row.hash;
      expectedId++;
      checked++;
    }
  }
  const lastId = expectedId - 1;
  const broken = (id: number, reason: string): VerifyResult => ({ ok: false, checked, firstBad: { id, reason } });
  if (opts.checkpoint) {
    if (atCheckpoint === undefined) return broken(opts.checkpoint.id, `the checkpoint's event ${opts.checkpoint.id} is no longer in the log (the log was cut or replaced)`);
    if (!atCheckpoint) return broken(opts.checkpoint.id, `event ${opts.checkpoint.id} no longer carries the MAC of the checkpoint (history up to it was rewritten)`);
  }
  const head = await db.k.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const agencies = await db.k.selectFrom('agency').select('id').limit(1).execute();
  if (!head) {
    if (checked > 0 || agencies.length > 0) return broken(1, checked > 0 ? 'the chain head is missing' : 'the log is empty and its head is missing, but the agency exists (both were emptied)');
    return { ok: true, checked };
  }
  if (head.last_event_id !== lastId || head.last_hash !== prevHash) {
    return broken(lastId + 1, `the chain ends at event ${lastId} but its head records event ${head.last_event_id} (events at the end were deleted or edited)`);
  }
  if (key && !timingSafeEqualStr(head.head_mac, headMac(key, head.last_event_id, head.last_hash))) {
    return broken(head.last_event_id, 'the chain head does not match its MAC (the head was rewritten, for instance after cutting events off the end)');
  }
  return { ok: true, checked, ...(opts.checkpoint ? { checkpoint: { id: opts.checkpoint.id, ok: true } } : {}) };
}

const MARKER = 'audit-chain.keyed';

/**
 * This installation has keyed its chain: a file in DATA_DIR (outside the database) says so, so that a head rewritten
 * to look unkeyed (legacy) is never re-keyed, which would launder a forged chain.
 */
export function chainKeyedHere(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, MARKER));
}

function markChainKeyed(dataDir: string): void {
  if (!chainKeyedHere(dataDir)) fs.writeFileSync(path.join(dataDir, MARKER), `The audit chain of this installation is keyed since ${new Date().toISOString()}. Do not delete.\n`, { mode: 0o600 });
}

export type KeyingOutcome = { keyed: VerifyResult } | { refused: string } | null;

/**
 * At start-up. A log written before the chain was keyed is verified as it was (unkeyed SHA-256), then every MAC is
 * recomputed with the key and the head sealed, in one transaction; from then on (and on a new installation from the
 * start) DATA_DIR records that the chain is keyed, and an unkeyed head is refused, never re-keyed.
 */
export async function keyLegacyAudit(db: Db, dataDir: string): Promise<KeyingOutcome> {
  const head = await db.k.selectFrom('audit_head').select(['key_version']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.key_version >= KEY_VERSION) {
    markChainKeyed(dataDir);
    return null;
  }
  if (chainKeyedHere(dataDir)) return { refused: 'the audit head says the chain is unkeyed, but this installation keyed it: the head was rewritten' };
  const key = keyOf(db);
  const legacy = await verifyAudit(db, { legacy: true });
  if (!legacy.ok) return { keyed: legacy };
  await tx(db, async (t) => {
    if (t.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7311001)`.execute(t.k);
    let prev = GENESIS_HASH;
    let lastId = 0;
    for (let from = 1; ; ) {
      const rows = (await t.k.selectFrom('audit_event').selectAll().where('id', '>=', from).orderBy('id').limit(1000).execute()) as AuditEvent[];
      if (!rows.length) break;
      for (const row of rows) {
        const hash = eventMac(key, prev, row);
        await t.k.updateTable('audit_event').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
        prev = hash;
        lastId = row.id;
      }
      from = lastId + 1;
    }
    await t.k.updateTable('audit_head').set({ last_event_id: lastId, last_hash: prev, key_version: KEY_VERSION, head_mac: headMac(key, lastId, prev) }).where('id', '=', 1).execute();
  });
  markChainKeyed(dataDir);
  return { keyed: legacy };
}

export interface AuditFilter {
  agencyId: number;
  action?: string;
  /** part of the actor's display name, username or recorded label, in any case */
  actor?: string;
  /** labels of actors without an account that match too (system actors, whose names the caller translates) */
  actorLabels?: string[];
  targetType?: string;
  /** 'YYYY-MM-DD' bounds as UTC instants, already converted by the caller */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** An event with the actor's display name (null for system actors and accounts that no longer exist). */
export interface AuditRow extends AuditEvent {
  actor_name: string | null;
}

export async function listAudit(db: DbLike, f: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  let q = db.k.selectFrom('audit_event').leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id').where('audit_event.agency_id', '=', f.agencyId);
  if (f.action) q = q.where(likeExpr(db, 'audit_event.action', `${likeEscape(f.action)}%`));
  if (f.actor) {
    const pattern = `%${likeEscape(f.actor)}%`;
    const labels = f.actorLabels ?? [];
    q = q.where((eb) => eb.or([
      likeExpr(db, 'app_user.display_name', pattern),
      likeExpr(db, 'app_user.username', pattern),
      likeExpr(db, 'audit_event.actor_label', pattern),
      ...(labels.length ? [eb.and([eb('audit_event.actor_user_id', 'is', null), eb('audit_event.actor_label', 'in', labels)])] : []),
    ]));
  }
  if (f.targetType) q = q.where('audit_event.target_type', '=', f.targetType);
  if (f.from) q = q.where('audit_event.at', '>=', f.from);
  if (f.to) q = q.where('audit_event.at', '<', f.to);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = (await q.selectAll('audit_event').select('app_user.display_name as actor_name').orderBy('audit_event.id', 'desc').limit(f.limit).offset(f.offset).execute()) as AuditRow[];
  return { total, rows };
}

export async function auditActions(db: DbLike, agencyId: number): Promise<string[]> {
  const rows = await db.k.selectFrom('audit_event').select('action').distinct().where('agency_id', '=', agencyId).orderBy('action').execute();
  return rows.map((r) => r.action);
}
