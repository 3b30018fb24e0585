// Sessions live in the database (any app process can serve any request); the cookie holds a random token.
import { randomToken, sha256 } from '../crypto.ts';
import type { DbLike } from '../db/index.ts';

export const SESSION_COOKIE = 'psid';
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionRow {
  id: string;
  agency_id: number;
  user_id: number;
  state: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export async function createSession(db: DbLike, agencyId: number, userId: number, state: 'active' | 'mfa', hours: number): Promise<string> {
  const token = randomToken(32);
  const now = new Date();
  await db.k
    .insertInto('session')
    .values({
      id: sha256(token),
      agency_id: agencyId,
      user_id: userId,
      state,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (state === 'mfa' ? 10 * 60_000 : hours * 3600_000)).toISOString(),
    })
    .execute();
  return token;
}

export async function findSession(db: DbLike, token: string): Promise<SessionRow | undefined> {
  if (!/^[\w-]{20,100}$/.test(token)) return undefined;
  const row = await db.k.selectFrom('session').select(['id', 'agency_id', 'user_id', 'state', 'created_at', 'last_seen_at', 'expires_at']).where('id', '=', sha256(token)).executeTakeFirst();
  if (!row || row.expires_at <= new Date().toISOString()) return undefined;
  return row;
}

/** Slides the idle timeout, never past the absolute lifetime, writing at most once every few minutes. */
export async function touchSession(db: DbLike, s: SessionRow, idleHours: number, maxHours: number): Promise<void> {
  const now = Date.now();
  if (now - Date.parse(s.last_seen_at) < TOUCH_EVERY_MS) return;
  const end = Math.min(now + idleHours * 3600_000, Date.parse(s.created_at) + maxHours * 3600_000);
  await db.k
    .updateTable('session')
    .set({ last_seen_at: new Date(now).toISOString(), expires_at: new Date(end).toISOString() })
    .where('id', '=', s.id)
    .execute();
}

export async function destroySession(db: DbLike, token: string): Promise<void> {
  await db.k.deleteFrom('session').where('id', '=', sha256(token)).execute();
}

export async function destroyUserSessions(db: DbLike, userId: number, exceptToken?: string): Promise<void> {
  let q = db.k.deleteFrom('session').where('user_id', '=', userId);
  if (exceptToken) q = q.where('id', '!=', sha256(exceptToken));
  await q.execute();
  // every session gone (sign-out everywhere, an account disabled or reset): their sessions' key copies go too
  if (!exceptToken) await db.k.deleteFrom('session_key').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(db: DbLike): Promise<void> {
  await db.k.deleteFrom('session').where('expires_at', '<', new Date().toISOString()).execute();
}
