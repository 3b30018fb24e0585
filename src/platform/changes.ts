// "Something the public sees has changed for this agency": emitted by the modules that change public data (a
// publication, a new binding, the agency's profile), after their transaction commits; public-page caches clear.
//
// When the server runs as several worker processes (node:cluster), a change made in one is also sent to the others
// (through the primary, see http/cluster.ts), and the request that made it is answered only once every worker has
// dropped what it kept (publicChangesDelivered, awaited by the platform before any response is sent): whoever
// follows the publisher's answer, in any worker, sees the change.
import type { DbLike } from './db/index.ts';

type Listener = (agencyId: number) => void;
const listeners = new Set<Listener>();

/** Sends a change to the other processes; resolves once they have all applied it (or could not be waited for). */
export type ChangeTransport = (agencyId: number) => Promise<void>;
let transport: ChangeTransport | null = null;
const inFlight = new Set<Promise<void>>();

export function onPublicChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emitHere(agencyId: number): void {
  for (const l of listeners) l(agencyId);
}

function emit(agencyId: number): void {
  emitHere(agencyId);
  if (!transport) return;
  const sent: Promise<void> = transport(agencyId)
    .catch(() => undefined)
    .finally(() => inFlight.delete(sent));
  inFlight.add(sent);
}

// the agencies already waiting for each transaction's commit: a transaction that changes many things tells once
const queued = new WeakMap<Array<() => void>, Set<number>>();

/** Inside a transaction, fires once it has committed (a rolled-back change changed nothing); otherwise at once. */
export function publicChanged(db: DbLike, agencyId: number): void {
  const after = db.afterCommit;
  if (!after) return emit(agencyId);
  const seen = queued.get(after) ?? queued.set(after, new Set()).get(after)!;
  if (seen.has(agencyId)) return;
  seen.add(agencyId);
  after.push(() => emit(agencyId));
}

/** Cluster workers: how this process tells the others (null: a single process, nothing to tell). */
export function setChangeTransport(t: ChangeTransport | null): void {
  transport = t;
}

/** A change made by another process: this process's caches clear; it is not sent on again. */
export function receivePublicChange(agencyId: number): void {
  emitHere(agencyId);
}

/** While changes made here are still on their way to the other processes: a promise for their delivery; else null. */
export function publicChangesDelivered(): Promise<void> | null {
  return inFlight.size ? Promise.all(inFlight).then(() => undefined) : null;
}
