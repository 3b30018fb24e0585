// Per-address counters for the public complaint routes, kept in memory only: the database throttle stores HMACs of
// addresses with times, and with SECRET_KEY those could be matched to every IPv4 address and, by time, to a case.
// Here the key is random, never written, and replaced every day with the counters; an IPv6 network (/64) counts as
// one address. Each app process counts on its own (with several workers a limit allows that many times more).
import crypto from 'node:crypto';
import { addressGroup } from '../../platform/http/address.ts';
import { Gate } from '../../platform/http/multipart.ts';

export interface MemoryRule {
  name: string;
  max: number;
  windowMs: number;
}

const DAY = 86_400_000;
const MAX_ENTRIES = 200_000;

export class MemoryThrottle {
  private key = crypto.randomBytes(32);
  private since = Date.now();
  private counts = new Map<string, { n: number; start: number }>();

  /** Counts one attempt of this address against the rules; or none, and how long to wait, when one holds. */
  take(ip: string, rules: MemoryRule[], now = Date.now()): { ok: true } | { ok: false; waitMs: number } {
    if (now - this.since > DAY) this.reset(now);
    const group = addressGroup(ip);
    const entries = rules.map((r) => {
      const id = crypto.createHmac('sha256', this.key).update(`${r.name}:${group}`).digest('base64url');
      const e = this.counts.get(id);
      return { r, id, e: e && now - e.start < r.windowMs ? e : { n: 0, start: now } };
    });
    const wait = Math.max(0, ...entries.map(({ r, e }) => (e.n >= r.max ? e.start + r.windowMs - now : 0)));
    if (wait > 0) return { ok: false, waitMs: wait };
    if (this.counts.size > MAX_ENTRIES) this.prune(now);
    for (const { id, e } of entries) this.counts.set(id, { n: e.n + 1, start: e.start });
    return { ok: true };
  }

  private reset(now: number): void {
    this.key = crypto.randomBytes(32);
    this.since = now;
    this.counts.clear();
  }

  // a flood of addresses must not grow memory without end: the oldest windows go first
  private prune(now: number): void {
    for (const [id, e] of this.counts) if (now - e.start > DAY || this.counts.size > MAX_ENTRIES / 2) this.counts.delete(id);
  }
}

const perApp = new WeakMap<object, MemoryThrottle>();

/** One per running platform (so per process), for every agency it serves (the rule names carry the agency). */
export function complaintThrottle(p: object): MemoryThrottle {
  let t = perApp.get(p);
  if (!t) perApp.set(p, (t = new MemoryThrottle()));
  return t;
}

/** Receipt checks in progress at once, per platform: two Argon2id at a time, 32 waiting up to 10 s, the rest told to retry. */
export const RECEIPT_CHECKS = { atOnce: 2, waiting: 32, waitMs: 10_000 };
const gates = new WeakMap<object, Gate>();

export function receiptGate(p: object): Gate {
  let g = gates.get(p);
  if (!g) gates.set(p, (g = new Gate(RECEIPT_CHECKS.atOnce, RECEIPT_CHECKS.waiting, RECEIPT_CHECKS.waitMs)));
  return g;
}
