// Throttles in the database, shared by every app process. An attempt is counted before it is checked, atomically
// on both databases (the row is locked first), so a burst of concurrent attempts cannot all slip under a limit.
// Keys are HMACs of what they count (an account, an address, a receipt): nothing personal is stored.
import { hmac, type Keys } from './crypto.ts';
import { tx, type Db, type Tx } from './db/index.ts';

export interface Rule {
  /** an HMAC from throttleKey() */
  key: string;
  /** attempts allowed in the window before the rule holds */
  max: number;
  windowMs: number;
  /**
   * Growing delays instead of a fixed lock-out: past `max`, each further attempt must wait firstMs, then twice as
   * long, up to maxMs; the count starts over after a quiet window.
   */
  growth?: { firstMs: number; maxMs: number };
}

export type Taken = { ok: true } | { ok: false; waitMs: number };

export function throttleKey(keys: Keys, ...parts: Array<string | number>): string {
  return hmac(keys, `throttle:${parts.join(':')}`);
}

interface Row {
  key_hash: string;
  failures: number;
  window_start: string;
  next_at: string | null;
  updated_at: string;
}

/** Locks a key's row for the rest of the transaction, creating it when missing. */
async function lockRow(t: Tx, key: string, nowIso: string): Promise<Row> {
  // one upsert that returns the row: it takes the SQLite write lock and the PostgreSQL row lock at once, and a row
  // deleted meanwhile by a sign-in (clearAttempts) is simply inserted again (a separate insert, then select, found none)
  return t.k
    .insertInto('throttle')
    .values({ key_hash: key, failures: 0, window_start: nowIso, next_at: null, updated_at: nowIso })
    .onConflict((oc) => oc.column('key_hash').doUpdateSet((eb) => ({ key_hash: eb.ref('excluded.key_hash') })))
    .returningAll()
    .executeTakeFirstOrThrow();
}

function expired(r: Row, rule: Rule, now: number): boolean {
  // fixed rules count within a window from its first attempt; growing ones until a quiet window has passed
  const from = rule.growth ? Date.parse(r.updated_at) : Date.parse(r.window_start);
  return now - from >= rule.windowMs;
}

function waitFor(r: Row, rule: Rule, now: number): number {
  if (r.failures < rule.max) return 0;
  if (rule.growth) return r.next_at ? Math.max(0, Date.parse(r.next_at) - now) : 0;
  return Math.max(0, Date.parse(r.window_start) + rule.windowMs - now);
}

/**
 * Counts one attempt against every rule, or none when any rule holds (then it says how long to wait).
 * Rules are locked in key order, so two requests never wait on each other's locks.
 */
export async function takeAttempt(db: Db, rules: Rule[], now = Date.now()): Promise<Taken> {
  const nowIso = new Date(now).toISOString();
  const sorted = [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const r = await tx(db, async (t) => {
    const rows: Row[] = [];
    for (const rule of sorted) {
      const row = await lockRow(t, rule.key, nowIso);
      rows.push(expired(row, rule, now) ? { ...row, failures: 0, window_start: nowIso, next_at: null } : row);
    }
    const wait = Math.max(0, ...sorted.map((rule, i) => waitFor(rows[i]!, rule, now)));
    if (wait > 0) return { ok: false as const, waitMs: wait };
    for (const [i, rule] of sorted.entries()) {
      const row = rows[i]!;
      const failures = row.failures + 1;
      const over = failures - rule.max;
      const next = rule.growth && over >= 0 ? new Date(now + Math.min(rule.growth.maxMs, rule.growth.firstMs * 2 ** Math.min(over, 30))).toISOString() : null;
      await t.k.updateTable('throttle').set({ failures, window_start: row.window_start, next_at: next, updated_at: nowIso }).where('key_hash', '=', rule.key).execute();
    }
    return { ok: true as const };
  });
  // old counters are swept now and then
  if (Math.random() < 0.02) await db.k.deleteFrom('throttle').where('updated_at', '<', new Date(now - 24 * 3600_000).toISOString()).execute();
  return r;
}

/** Takes back one counted attempt (it turned out to be a legitimate one), never below zero. */
export async function forgiveAttempt(db: Db, key: string): Promise<void> {
  await db.k.updateTable('throttle').set((eb) => ({ failures: eb('failures', '-', 1) })).where('key_hash', '=', key).where('failures', '>', 0).execute();
}

/** Forgets a key's count (its owner proved who they are). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.k.deleteFrom('throttle').where('key_hash', '=', key).execute();
}
