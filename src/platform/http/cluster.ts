// Serving from several processes (node:cluster): the primary migrates, loads the demo, then forks one worker per
// core (WEB_CONCURRENCY) and only supervises; the workers serve. Round-robin scheduling: the primary owns the
// listening socket and hands connections to the workers, so a primary that dies (even by SIGKILL) frees the port at
// once, and its workers, losing their channel to it, exit at once too (node:cluster does that for a worker whose
// primary disconnects).
//
// Nothing that must be consistent lives in a worker's memory: sessions, throttles and job claims are in the
// database, and the per-address counters that must not be written (address-throttle.ts) are in the primary. What each worker keeps for speed (the page cache, the TTL caches) is cleared in every worker when one of
// them signals a public change: the worker sends it to the primary, which passes it to every other worker and
// answers once they have all applied it (changes.ts waits for that answer before the changing request's response).
// Jobs run in worker slot 0 only (a replacement of that slot takes them over).
import cluster, { type Worker } from 'node:cluster';
import { receivePublicChange, setChangeTransport } from '../changes.ts';
import { MemoryThrottle, setCountTransport, type MemoryRule, type MemoryTaken } from './address-throttle.ts';
import { Gate } from './multipart.ts';
import { setGateTransport, type GateLimits } from './server-gate.ts';

const TAG = 'prongsai';
/** how long a change waits for the other workers before the request that made it is answered anyway */
const DELIVERY_TIMEOUT_MS = 3_000;
/** how long a worker waits for the primary to count an attempt before it counts on its own */
const COUNT_TIMEOUT_MS = 1_000;
/** more unexpected worker exits than this within a minute stop the server (a crash loop) */
const MAX_RESTARTS_PER_MINUTE = 10;

type ToPrimary =
  | { [TAG]: 'changed'; id: number; agencyId: number }
  | { [TAG]: 'applied'; id: number }
  | { [TAG]: 'leaving' }
  | { [TAG]: 'count'; id: number; pool: string; ip: string; rules: MemoryRule[] }
  | { [TAG]: 'enter'; id: number; gate: string; limits: GateLimits }
  | { [TAG]: 'leave'; id: number };
type ToWorker =
  | { [TAG]: 'change'; id: number; agencyId: number }
  | { [TAG]: 'delivered'; id: number }
  | { [TAG]: 'left' }
  | { [TAG]: 'counted'; id: number; taken: MemoryTaken }
  | { [TAG]: 'entered'; id: number }
  | { [TAG]: 'refused'; id: number };

function isMsg<T>(m: unknown): m is T {
  return !!m && typeof m === 'object' && TAG in m;
}

export interface Supervisor {
  /** ends every worker (SIGTERM, then SIGKILL after the grace period); resolves with the exit code to use */
  stop(): Promise<number>;
  /** replaces the workers one by one, each new one listening before the old one leaves (SIGHUP) */
  restart(): Promise<void>;
}

export interface PrimaryOptions {
  workers: number;
  /** called once, when every worker listens */
  ready(port: number): void;
  /** the cluster could not start, or kept crashing: the primary should exit with this code */
  failed(code: number, reason: string): void;
  log: { info(o: object, msg: string): void; error(o: object, msg: string): void; warn(o: object, msg: string): void };
  graceMs?: number;
}

export function startPrimary(o: PrimaryOptions): Supervisor {
  const slots = new Map<number, number>(); // worker id → slot
  const listening = new Set<number>(); // worker ids
  const retiring = new Set<number>(); // worker ids the primary is stopping
  const replacing = new Set<number>(); // worker ids started by restart(), not yet listening: restart() handles their failure
  const restarts: number[] = [];
  let ready = false;
  let stopping = false;
  let port = 0;
  let nextId = 0;
  const deliveries = new Map<number, { origin: Worker; originId: number; waiting: Set<number>; timer: NodeJS.Timeout }>();
  // the per-address counters of every worker (address-throttle.ts), by pool: one count for the whole server
  const pools = new Map<string, MemoryThrottle>();
  // the server's gates (server-gate.ts), and what each worker holds of them (by "worker id:request id")
  const gates = new Map<string, Gate>();
  const holds = new Map<string, () => void>();
  const refusedGate = () => new Error('busy');

  const fork = (slot: number): Worker => {
    const w = cluster.fork({ PRONGSAI_WORKER_SLOT: String(slot) });
    slots.set(w.id, slot);
    return w;
  };

  const finishDelivery = (id: number) => {
    const d = deliveries.get(id);
    if (!d) return;
    deliveries.delete(id);
    clearTimeout(d.timer);
    if (d.origin.isConnected()) d.origin.send({ [TAG]: 'delivered', id: d.originId } satisfies ToWorker);
  };

  cluster.on('listening', (w, address) => {
    listening.add(w.id);
    port ||= address.port;
    if (!ready && listening.size >= o.workers) {
      ready = true;
      o.ready(port);
    }
  });

  cluster.on('message', (w, m: unknown) => {
    if (!isMsg<ToPrimary>(m)) return;
    if (m[TAG] === 'changed') {
      const id = ++nextId;
      const others = Object.values(cluster.workers ?? {}).filter((x): x is Worker => !!x && x.id !== w.id && listening.has(x.id) && x.isConnected());
      const timer = setTimeout(() => finishDelivery(id), DELIVERY_TIMEOUT_MS);
      deliveries.set(id, { origin: w, originId: m.id, waiting: new Set(others.map((x) => x.id)), timer });
      for (const x of others) x.send({ [TAG]: 'change', id, agencyId: m.agencyId } satisfies ToWorker);
      if (!others.length) finishDelivery(id);
    } else if (m[TAG] === 'count') {
      const counters = pools.get(m.pool) ?? pools.set(m.pool, new MemoryThrottle()).get(m.pool)!;
      if (w.isConnected()) w.send({ [TAG]: 'counted', id: m.id, taken: counters.take(m.ip, m.rules) } satisfies ToWorker);
    } else if (m[TAG] === 'enter') {
      const gate = gates.get(m.gate) ?? gates.set(m.gate, new Gate(m.limits.atOnce, m.limits.waiting, m.limits.waitMs, refusedGate)).get(m.gate)!;
      gate.enter().then(
        (release) => {
          // a worker gone meanwhile holds nothing
          if (!w.isConnected()) return release();
          holds.set(`${w.id}:${m.id}`, release);
          w.send({ [TAG]: 'entered', id: m.id } satisfies ToWorker);
        },
        () => {
          if (w.isConnected()) w.send({ [TAG]: 'refused', id: m.id } satisfies ToWorker);
        },
      );
    } else if (m[TAG] === 'leave') {
      const key = `${w.id}:${m.id}`;
      holds.get(key)?.();
      holds.delete(key);
    } else if (m[TAG] === 'leaving') {
      if (w.isConnected()) w.send({ [TAG]: 'left' } satisfies ToWorker);
    } else if (m[TAG] === 'applied') {
      const d = deliveries.get(m.id);
      if (!d) return;
      d.waiting.delete(w.id);
      if (!d.waiting.size) finishDelivery(m.id);
    }
  });

  cluster.on('exit', (w, code, signal) => {
    const slot = slots.get(w.id)!;
    slots.delete(w.id);
    const wasListening = listening.delete(w.id);
    const planned = retiring.delete(w.id) || replacing.delete(w.id);
    // what it held of the gates is free again
    for (const [key, release] of holds) {
      if (!key.startsWith(`${w.id}:`)) continue;
      release();
      holds.delete(key);
    }
    // a change waiting for this worker waits no more
    for (const [id, d] of deliveries) {
      d.waiting.delete(w.id);
      if (d.origin === w || !d.waiting.size) finishDelivery(id);
    }
    if (stopping || planned) return;
    if (!ready) {
      stopping = true;
      void stopAll().then(() => o.failed(1, `a worker stopped while starting (${signal ?? `exit code ${code}`})`));
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      o.log.error({ restarts: restarts.length }, 'workers keep stopping; shutting down');
      stopping = true;
      void stopAll().then(() => o.failed(1, 'workers keep stopping'));
      return;
    }
    o.log.warn({ slot, code, signal, wasListening }, 'worker stopped; starting another');
    // a moment's pause: a SIGTERM sent to the whole process group reaches the primary too, and it stops instead
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, 300).unref();
  });

  const exitOf = (w: Worker) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())));

  async function stopAll(): Promise<boolean> {
    const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    for (const w of all) if (!w.isDead()) w.process.kill('SIGTERM');
    let clean = true;
    const grace = setTimeout(() => {
      clean = false;
      for (const w of all) if (!w.isDead()) w.process.kill('SIGKILL');
    }, o.graceMs ?? 10_000);
    await Promise.all(all.map(exitOf));
    clearTimeout(grace);
    return clean;
  }

  for (let slot = 0; slot < o.workers; slot++) fork(slot);

  return {
    async stop() {
      stopping = true;
      return (await stopAll()) ? 0 : 1;
    },
    async restart() {
      for (const [id, slot] of [...slots]) {
        if (stopping) return;
        const old = cluster.workers?.[id];
        if (!old) continue;
        const fresh = fork(slot);
        replacing.add(fresh.id);
        const up = await new Promise<boolean>((resolve) => {
          fresh.once('listening', () => resolve(true));
          fresh.once('exit', () => resolve(false));
        });
        replacing.delete(fresh.id);
        if (!up) {
          o.log.error({ slot }, 'restart: the new worker did not start; the old one stays');
          return;
        }
        retiring.add(old.id);
        old.process.kill('SIGTERM');
        await exitOf(old);
      }
    },
  };
}

/**
 * In a worker: public changes go to the other workers through the primary, and theirs come in; per-address counts
 * are made by the primary. leave() is awaited
 * after the worker's server has closed and before it exits: a connection the primary handed over just before it
 * learnt of the close arrives after it, and node:cluster sends it back to another worker only if this process is
 * still there to receive it (exiting sooner left the visitor's connection open and unanswered). The primary answers
 * 'leaving' after everything it sent before, so its answer means nothing more is on the way.
 */
export function joinCluster(): { slot: number; leave(): Promise<void> } {
  let seq = 0;
  // the answers awaited from the primary, by request id
  const replies = new Map<number, (answer: ToWorker) => void>();
  /**
   * Sends a request to the primary; resolves with its answer, or null when there is no primary, the send fails or no
   * answer comes within ms. An answer that comes later goes to `late`.
   */
  const ask = (request: (id: number) => ToPrimary, ms: number, late?: (answer: ToWorker) => void): Promise<ToWorker | null> =>
    new Promise((resolve) => {
      if (!process.connected || !process.send) return resolve(null);
      const id = ++seq;
      const done = (answer: ToWorker | null) => {
        clearTimeout(timer);
        replies.delete(id);
        resolve(answer);
      };
      const timer = setTimeout(() => {
        done(null);
        if (late) replies.set(id, (answer) => (replies.delete(id), late(answer)));
      }, ms);
      timer.unref();
      replies.set(id, done);
      try {
        process.send(request(id), undefined, undefined, (err) => err && replies.get(id) === done && done(null));
      } catch {
        done(null);
      }
    });
  const sendLeave = (id: number) => {
    try {
      process.send?.({ [TAG]: 'leave', id } satisfies ToPrimary);
    } catch {
      // the primary is gone, and its gate with it
    }
  };
  setCountTransport(async (pool, ip, rules) => {
    const answer = await ask((id) => ({ [TAG]: 'count', id, pool, ip, rules }), COUNT_TIMEOUT_MS);
    return answer?.[TAG] === 'counted' ? answer.taken : null;
  });
  setGateTransport(async (gate, limits) => {
    // past the longest wait the primary allows, this worker uses its own gate; a late admission is given back
    const answer = await ask((id) => ({ [TAG]: 'enter', id, gate, limits }), limits.waitMs + 2_000, (late) => late[TAG] === 'entered' && sendLeave(late.id));
    if (!answer) return null;
    if (answer[TAG] !== 'entered') return 'busy';
    let left = false;
    return () => {
      if (left) return;
      left = true;
      sendLeave(answer.id);
    };
  });
  setChangeTransport(async (agencyId) => {
    await ask((id) => ({ [TAG]: 'changed', id, agencyId }), DELIVERY_TIMEOUT_MS + 500);
  });
  process.on('message', (m: unknown) => {
    if (!isMsg<ToWorker>(m)) return;
    if (m[TAG] === 'change') {
      receivePublicChange(m.agencyId);
      try {
        process.send?.({ [TAG]: 'applied', id: m.id } satisfies ToPrimary);
      } catch {
        // the primary is gone; this worker is about to exit
      }
    } else if (m[TAG] === 'left') {
      left?.();
    } else {
      replies.get(m.id)?.(m);
    }
  });
  let left: (() => void) | undefined;
  const leave = () =>
    new Promise<void>((resolve) => {
      if (!process.connected || !process.send) return resolve();
      const timer = setTimeout(resolve, 2_000);
      left = () => {
        clearTimeout(timer);
        resolve();
      };
      try {
        process.send({ [TAG]: 'leaving' } satisfies ToPrimary, undefined, undefined, (err) => err && left?.());
      } catch {
        left();
      }
    });
  return { slot: Number(process.env.PRONGSAI_WORKER_SLOT ?? 0), leave };
}
