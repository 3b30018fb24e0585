// A bound on costly work in progress at once for the whole server (receipt checks, each an Argon2id): with several
// worker processes the primary keeps the one queue (http/cluster.ts), so that two workers do not allow twice as much;
// a worker whose primary does not answer in time uses a queue of its own.
import { Gate } from './multipart.ts';

export interface GateLimits {
  atOnce: number;
  waiting: number;
  waitMs: number;
}

/** Enters the primary's gate of that name: a release, 'busy' when refused, or null when the primary did not answer. */
export type GateTransport = (name: string, limits: GateLimits) => Promise<(() => void) | 'busy' | null>;
let transport: GateTransport | null = null;

/** Cluster workers: gates are kept by the primary (null: a single process keeps its own). */
export function setGateTransport(t: GateTransport | null): void {
  transport = t;
}

export class GateBusy extends Error {
  constructor() {
    super('busy');
  }
}

export class ServerGate {
  private readonly local: Gate;
  constructor(
    readonly name: string,
    readonly limits: GateLimits,
  ) {
    this.local = new Gate(limits.atOnce, limits.waiting, limits.waitMs, () => new GateBusy());
  }

  /** Resolves with the release once admitted; rejects with GateBusy when the queue is full or the wait too long. */
  async enter(): Promise<() => void> {
    const r = transport ? await transport(this.name, this.limits) : null;
    if (r === 'busy') throw new GateBusy();
    return r ?? this.local.enter();
  }
}
