// Login throttling in the database (shared by all app processes). Keys are HMACs: no usernames or IPs stored.
import { hmac, type Keys } from '../crypto.ts';
import type { DbLike } from '../db/index.ts';

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USER = 5;
export const MAX_PER_IP = 30;

export function throttleKeys(keys: Keys, agencyId: number, username: string, ip: string) {
  return { user: hmac(keys, `login-user:${agencyId}:${username.toLowerCase()}`), ip: hmac(keys, `login-ip:${ip}`) };
}

/** Failures since the window opened or since the last success, whichever is later. */
async function recentFailures(db: DbLike, keyHash: string, since: string): Promise<string[]> {
  const lastOk = await db.k.selectFrom('login_attempt').select('at').where('key_hash', '=', keyHash).where('is_success', '=', true).where('at', '>=', since).orderBy('at', 'desc').limit(1).executeTakeFirst();
  const from = lastOk && lastOk.at > since ? lastOk.at : since;
  const rows = await db.k.selectFrom('login_attempt').select('at').where('key_hash', '=', keyHash).where('is_success', '=', false).where('at', '>', from).orderBy('at').execute();
  return rows.map((r) => r.at);
}

/** Minutes to wait, or 0 when a login may be tried. */
export async function throttleWait(db: DbLike, k: { user: string; ip: string }): Promise<number> {
  const now = Date.now();
  const since = new Date(now - WINDOW_MS).toISOString();
  for (const [key, max] of [[k.user, MAX_PER_USER], [k.ip, MAX_PER_IP]] as const) {
    const fails = await recentFailures(db, key, since);
    if (fails.length >= max) {
      const unlock = Date.parse(fails[fails.length - max]!) + WINDOW_MS;
      return Math.max(1, Math.ceil((unlock - now) / 60_000));
    }
  }
  return 0;
}

export async function recordAttempt(db: DbLike, agencyId: number, k: { user: string; ip: string }, success: boolean): Promise<void> {
  const at = new Date().toISOString();
  await db.k.insertInto('login_attempt').values([
    { agency_id: agencyId, key_hash: k.user, at, is_success: success },
    { agency_id: agencyId, key_hash: k.ip, at, is_success: success },
  ]).execute();
  await db.k.deleteFrom('login_attempt').where('at', '<', new Date(Date.now() - 24 * 3600_000).toISOString()).execute();
}
