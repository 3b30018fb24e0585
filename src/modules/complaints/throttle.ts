// The public complaint routes' limits: per-address counters kept in memory only (platform/http/address-throttle.ts,
// never written: a stored address could be matched by time to a case), and a bound on receipt checks at once.
import { addressThrottle, type AddressThrottle } from '../../platform/http/address-throttle.ts';
import { Gate } from '../../platform/http/multipart.ts';

/** The platform's counters, for every agency it serves (the rule names carry the agency); with workers, in the primary. */
export const complaintThrottle = (p: object): AddressThrottle => addressThrottle(p);

/** Receipt checks in progress at once, per platform: two Argon2id at a time, 32 waiting up to 10 s, the rest told to retry. */
export const RECEIPT_CHECKS = { atOnce: 2, waiting: 32, waitMs: 10_000 };
const gates = new WeakMap<object, Gate>();

export function receiptGate(p: object): Gate {
  let g = gates.get(p);
  if (!g) gates.set(p, (g = new Gate(RECEIPT_CHECKS.atOnce, RECEIPT_CHECKS.waiting, RECEIPT_CHECKS.waitMs)));
  return g;
}
