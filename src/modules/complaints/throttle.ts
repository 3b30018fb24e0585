// The complaint channel's bound on receipt checks at once for the whole server (platform/http/server-gate.ts);
// its per-address counters are the platform's memory counters (platform/http/address-throttle.ts), never written:
// a stored address could be matched by its time to a case.
import { ServerGate } from '../../platform/http/server-gate.ts';

/** Receipt checks in progress at once on the server: two Argon2id at a time, 32 waiting up to 10 s, the rest told to retry. */
export const RECEIPT_CHECKS = { atOnce: 2, waiting: 32, waitMs: 10_000 };
const gates = new WeakMap<object, ServerGate>();

/** One per running platform; with workers, kept by the primary for all of them (platform/http/server-gate.ts). */
export function receiptGate(p: object): ServerGate {
  let g = gates.get(p);
  if (!g) gates.set(p, (g = new ServerGate('receipt-checks', RECEIPT_CHECKS)));
  return g;
}
