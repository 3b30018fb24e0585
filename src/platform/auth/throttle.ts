// Sign-in throttling: one policy for the password and the second factor, counted before either is checked.
// Per address: 30 attempts in 15 minutes. Per account: 5, then growing delays (30 s, 1, 2, 4 … up to 15 min)
// rather than a hard lock-out that anyone could trigger; the count starts over only after a quiet day, so waiting
// out the longest delay never buys a fresh five. Second-factor codes: at most 10 tries a day besides. A browser
// where the person signed in before carries a device cookie and has its own counts, so a flood against a known
// username does not lock its owner out.
import type { Keys } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { clearAttempts, forgiveAttempt, takeAttempt, throttleKey, type Rule } from '../throttle.ts';
import { addressGroup } from '../http/address.ts';

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USER = 5;
export const MAX_PER_IP = 30;
const GROWTH = { firstMs: 30_000, maxMs: WINDOW_MS };
/** An account's count is forgotten after this long without a try: far longer than the longest delay. */
export const ACCOUNT_QUIET_MS = 24 * 3600_000;
/** Second-factor codes tried (and not right) per account, or per known browser, in a day. */
export const MFA_TRIES_PER_DAY = 10;

export interface LoginKeys {
  ip: string;
  /** the account, for browsers it does not know */
  account: string;
  /** the account on a browser where it signed in before (device cookie), when there is one */
  device: string | null;
  /** second-factor tries of the account (or of the known browser) in a day */
  secondFactor: string;
}

export function loginKeys(keys: Keys, agencyId: number, username: string, ip: string, deviceId: string | null): LoginKeys {
  const user = username.trim().toLowerCase();
  return {
    // by network: one laptop on IPv6 holds a whole /64, and a proxy may write a port with the address
    ip: throttleKey(keys, 'login-ip', addressGroup(ip)),
    account: throttleKey(keys, 'login-user', agencyId, user),
    device: deviceId ? throttleKey(keys, 'login-device', agencyId, user, deviceId) : null,
    secondFactor: throttleKey(keys, 'login-2fa-day', agencyId, user, deviceId ?? ''),
  };
}

function rules(k: LoginKeys, secondFactor: boolean): Rule[] {
  return [
    { key: k.ip, max: MAX_PER_IP, windowMs: WINDOW_MS },
    { key: k.device ?? k.account, max: MAX_PER_USER, windowMs: ACCOUNT_QUIET_MS, growth: GROWTH },
    ...(secondFactor ? [{ key: k.secondFactor, max: MFA_TRIES_PER_DAY, windowMs: 24 * 3600_000 }] : []),
  ];
}

/** Counts one sign-in attempt (a password, or a code when secondFactor); minutes to wait when it may not be tried now, else 0. */
export async function beginAttempt(db: Db, k: LoginKeys, secondFactor = false): Promise<number> {
  const r = await takeAttempt(db, rules(k, secondFactor));
  return r.ok ? 0 : Math.max(1, Math.ceil(r.waitMs / 60_000));
}

/**
 * A right password or code: the address gets its attempt back (and a right code its day's try); the account's count
 * is forgotten once fully signed in.
 */
export async function attemptSucceeded(db: Db, k: LoginKeys, signedIn: boolean, secondFactor = false): Promise<void> {
  await forgiveAttempt(db, k.ip);
  if (secondFactor) await forgiveAttempt(db, k.secondFactor);
  if (signedIn) await clearAttempts(db, k.device ?? k.account);
}
