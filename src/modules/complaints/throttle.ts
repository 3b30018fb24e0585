// The public complaint routes' limits: per-address counters kept in memory only (platform/http/address-throttle.ts,
// never written: a stored address could be matched by time to a case), and a bound on receipt checks at once for the
// whole server (platform/http/server-gate.ts).
import { addressThrottle, type AddressThrottle } from '../../platform/http/address-throttle.ts';
import { ServerGate } from '../../platform/http/server-gate.ts';

/** The platform's counters, for every agency it serves (the rule names carry the agency); with workers, in the primary. */
export const complaintThrottle = (p: object): AddressThrottle => addressThrottle(p);

/** Receipt checks in progress at once on the server: two Argon2id at a time, 32 waiting up to 10 s, the rest told to retry. */
export const RECEIPT_CHECKS = { atOnce: 2, waiting: 32, waitMs: 10_000 };
const gates = new WeakMap<object, ServerGate>();

/** One per running platform; with workers, kept by the primary for all of them (platform/http/server-gate.ts). */
export function receiptGate(p: object): ServerGate {
  let g = gates.get(p);
  if (!g) gates.set(p, (g = new ServerGate('receipt-checks', RECEIPT_CHECKS)));
  return g;
}
