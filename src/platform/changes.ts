// "Something the public sees has changed for this agency": emitted by the modules that change public data (a
// publication, a new binding, the agency's profile), after their transaction commits; public-page caches clear.
import type { DbLike } from './db/index.ts';

type Listener = (agencyId: number) => void;
const listeners = new Set<Listener>();

export function onPublicChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(agencyId: number): void {
  for (const l of listeners) l(agencyId);
}

/** Inside a transaction, fires once it has committed (a rolled-back change changed nothing); otherwise at once. */
export function publicChanged(db: DbLike, agencyId: number): void {
  if (db.afterCommit) db.afterCommit.push(() => emit(agencyId));
  else emit(agencyId);
}
