// Per-address counters kept in memory only, for routes where the database throttle must not be used (it stores
// HMACs of addresses with times, and with SECRET_KEY those could be matched to every IPv4 address and, by time, to
// what the address sent). The key is random, never written, and replaced every day with the counters; an IPv6
// network (/64) counts as one address. With several worker processes the counting is done in the primary (one
// count for the whole server, see http/cluster.ts); a worker whose primary does not answer counts on its own.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addressGroup } from './address.ts';
import { HttpError } from './errors.ts';
import type { Platform } from '../platform.ts';

export interface MemoryRule {
  /** what is counted, with the agency in it (e.g. `follow:3`) */
  name: string;
  max: number;
  windowMs: number;
  /**
   * 48: an IPv6 /48 (the allocation of one site, which holds 65,536 /64s) counts as one, for bounds that addresses
   * of one site must not be able to exhaust alone (a site-wide cap); IPv4 addresses count alone as always
   */
  v6Prefix?: 48;
}

export type MemoryTaken = { ok: true } | { ok: false; waitMs: number };

const DAY = 86_400_000;
const MAX_ENTRIES = 200_000;

export class MemoryThrottle {
  private key = crypto.randomBytes(32);
  private since = Date.now();
  private counts = new Map<string, { n: number; start: number; until: number; held: boolean }>();

  /** Counts one attempt of this address against the rules; or none, and how long to wait, when one holds. */
  take(ip: string, rules: MemoryRule[], now = Date.now()): MemoryTaken {
    if (now - this.since > DAY) this.reset(now);
    const entries = rules.map((r) => {
      const group = addressGroup(ip, r.v6Prefix ?? 64);
      const id = crypto.createHmac('sha256', this.key).update(`${r.name}:${group}`).digest('base64url');
      const e = this.counts.get(id);
      return { r, id, e: e && now - e.start < r.windowMs ? e : { n: 0, start: now, until: now + r.windowMs, held: false } };
    });
    const wait = Math.max(0, ...entries.map(({ r, e }) => (e.n >= r.max ? e.start + r.windowMs - now : 0)));
    if (wait > 0) return { ok: false, waitMs: wait };
    if (this.counts.size > MAX_ENTRIES) this.prune(now);
    for (const { r, id, e } of entries) this.counts.set(id, { n: e.n + 1, start: e.start, until: e.until, held: e.n + 1 >= r.max });
    return { ok: true };
  }

  /** counters kept (for tests) */
  get size(): number {
    return this.counts.size;
  }

  private reset(now: number): void {
    this.key = crypto.randomBytes(32);
    this.since = now;
    this.counts.clear();
  }

  // a flood of addresses must not grow memory without end, nor free the addresses a rule holds: windows that have
  // passed go first, then counts below their limit (losing one gives an address a few more tries), oldest first
  private prune(now: number): void {
    for (const [id, e] of this.counts) if (e.until <= now) this.counts.delete(id);
    for (const pass of [(e: { held: boolean }) => !e.held, () => true]) {
      for (const [id, e] of this.counts) {
        if (this.counts.size <= MAX_ENTRIES / 2) return;
        if (pass(e)) this.counts.delete(id);
      }
    }
  }
}

/**
 * How a worker asks the primary to count in one of its sets of counters; null when it could not (no primary, no
 * answer in time). The address travels to the primary's memory only.
 */
export type CountTransport = (pool: string, ip: string, rules: MemoryRule[]) => Promise<MemoryTaken | null>;
let transport: CountTransport | null = null;

/** Cluster workers: counting goes to the primary (null: a single process counts itself). */
export function setCountTransport(t: CountTransport | null): void {
  transport = t;
}

/**
 * A set of counters for a running platform: in the primary when the server runs workers, else in this process. Each
 * pool is bounded on its own, so that a flood counted in one (searches) cannot push out another's (receipt guesses).
 */
export class AddressThrottle {
  private readonly local = new MemoryThrottle();
  constructor(readonly pool: string) {}

  async take(ip: string | undefined, rules: MemoryRule[]): Promise<MemoryTaken> {
    // none: the connection is gone (addressGroup counts it in the shared group)
    const address = ip ?? '';
    return (transport ? await transport(this.pool, address, rules) : null) ?? this.local.take(address, rules);
  }
}

export type Pool = 'forms' | 'queries';
const perPlatform = new WeakMap<object, Map<Pool, AddressThrottle>>();

/**
 * The platform's counters of one pool (one set per running server; the rule names say what and for which agency):
 * `forms` for what people send (complaints, receipts, comments), `queries` for the public reads.
 */
export function addressThrottle(p: object, pool: Pool = 'forms'): AddressThrottle {
  const pools = perPlatform.get(p) ?? perPlatform.set(p, new Map()).get(p)!;
  return pools.get(pool) ?? pools.set(pool, new AddressThrottle(pool)).get(pool)!;
}

/**
 * A preHandler for public reads that query the database on every request (search, the JSON APIs): one address may
 * make PUBLIC_QUERIES_PER_MINUTE of them a minute per agency, then gets 429 with Retry-After (0 turns it off).
 */
export function publicQueryLimit(p: Platform) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const max = p.config.publicQueriesPerMinute;
    if (!max) return;
    const taken = await addressThrottle(p, 'queries').take(req.ip, [{ name: `queries:${req.agency.id}`, max, windowMs: 60_000 }]);
    if (taken.ok) return;
    const seconds = Math.max(1, Math.ceil(taken.waitMs / 1000));
    reply.header('retry-after', String(seconds));
    throw new HttpError(429, 'error.429.title', 'error.429.body', { seconds });
  };
}
