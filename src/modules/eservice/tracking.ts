// Tracking codes: twelve characters from an alphabet without look-alikes (60 random bits), shown once and mailed to
// the requester; stored as an HMAC (the lookup) and encrypted under SECRET_KEY (for the requester's mails). Lookups
// are throttled per address (failures only: a requester reloading their page is never held up) and for everyone.
import type { Platform } from '../../platform/platform.ts';
import { decrypt, encrypt, hmac, normalizeCode, randomCode, type Keys } from '../../platform/crypto.ts';
import { forgiveAttempt, takeAttempt, throttleKey } from '../../platform/throttle.ts';
import { addressGroup } from '../../platform/http/address.ts';
import { requestByLookup, type Request } from './store.ts';

export const TRACK_PER_IP = 20;

/** A request's public id such as 'K7QF2-M9XT4' (50 random bits): Open311's service_request_id. */
export const newPublicId = () => randomCode(2, 5);
export const PUBLIC_ID_RE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** A new code such as 'K7QF-2M9X-T4BD'. */
export const newCode = () => randomCode(3, 4);

/** The code as typed (any case, spaces, dashes, O for 0, I or L for 1) → its 12 characters, or null. */
export function codeDigits(typed: string): string | null {
  const c = normalizeCode(typed);
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(c) ? c : null;
}

/** The code as shown: 'K7QF-2M9X-T4BD'. */
export const formatCode = (digits: string) => digits.match(/.{1,4}/g)!.join('-');

export const codeLookup = (keys: Keys, digits: string) => hmac(keys, `eservice-track:${digits}`);
export const sealCode = (keys: Keys, digits: string) => encrypt(keys, formatCode(digits));
export const openCode = (keys: Keys, r: Pick<Request, 'tracking_enc'>) => decrypt(keys, r.tracking_enc);

export type Found = { ok: true; r: Request; code: string } | { ok: false; reason: 'format' | 'unknown' | 'throttled'; minutes?: number };

/** The request a typed code opens, after the throttle; only a code that opens nothing counts against the address. */
export async function findByCode(p: Platform, agencyId: number, typed: string, ip: string): Promise<Found> {
  const digits = codeDigits(typed);
  if (!digits) return { ok: false, reason: 'format' };
  // per network only (an IPv6 /64 as one): with 60-bit codes guessing is hopeless, and a site-wide counter would let
  // many addresses lock every citizen out of tracking
  const ipKey = throttleKey(p.keys, 'eservice-track-ip', addressGroup(ip));
  const taken = await takeAttempt(p.db, [{ key: ipKey, max: TRACK_PER_IP, windowMs: 15 * 60_000, growth: { firstMs: 60_000, maxMs: 60 * 60_000 } }]);
  if (!taken.ok) return { ok: false, reason: 'throttled', minutes: Math.max(1, Math.ceil(taken.waitMs / 60_000)) };
  const r = await requestByLookup(p.db, agencyId, codeLookup(p.keys, digits));
  if (!r) return { ok: false, reason: 'unknown' };
  await forgiveAttempt(p.db, ipKey);
  return { ok: true, r, code: formatCode(digits) };
}
