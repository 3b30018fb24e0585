// Sign-in throttling: one policy for the password and the second factor, counted before either is checked.
// Per address: 30 attempts in 15 minutes. Per account: 5, then growing delays (30 s, 1, 2, 4 … up to 15 min)
// rather than a hard lock-out that anyone could trigger. A browser where the person signed in before carries a
// device cookie and has its own count of 5, so a flood against a known username does not lock its owner out.
import type { Keys } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { clearAttempts, forgiveAttempt, takeAttempt, throttleKey, type Rule } from '../throttle.ts';

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USER = 5;
export const MAX_PER_IP = 30;
const GROWTH = { firstMs: 30_000, maxMs: WINDOW_MS };

export interface LoginKeys {
  ip: string;
  /** the account, for browsers it does not know */
  account: string;
  /** the account on a browser where it signed in before (device cookie), when there is one */
  device: string | null;
}

export function loginKeys(keys: Keys, agencyId: number, username: string, ip: string, deviceId: string | null): LoginKeys {
  const user = username.trim().toLowerCase();
  return {
    ip: throttleKey(keys, 'login-ip', ip),
    account: throttleKey(keys, 'login-user', agencyId, user),
    device: deviceId ? throttleKey(keys, 'login-device', agencyId, user, deviceId) : null,
  };
}

function rules(k: LoginKeys): Rule[] {
  return [
    { key: k.ip, max: MAX_PER_IP, windowMs: WINDOW_MS },
    { key: k.device ?? k.account, max: MAX_PER_USER, windowMs: WINDOW_MS, growth: GROWTH },
  ];
}

/** Counts one sign-in attempt (password or code); minutes to wait when it may not be tried now, else 0. */
export async function beginAttempt(db: Db, k: LoginKeys): Promise<number> {
  const r = await takeAttempt(db, rules(k));
  return r.ok ? 0 : Math.max(1, Math.ceil(r.waitMs / 60_000));
}

/** A right password or code: the address gets its attempt back; the account's count is forgotten once fully signed in. */
export async function attemptSucceeded(db: Db, k: LoginKeys, signedIn: boolean): Promise<void> {
  await forgiveAttempt(db, k.ip);
  if (signedIn) await clearAttempts(db, k.device ?? k.account);
}
