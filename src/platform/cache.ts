// A small time-limited cache for data shown on busy public pages. Each app process keeps its own: a public change
// made here clears it at once (publicChanged), one made by another process shows within the TTL. Never for
// anything that must be exact (permissions, sessions, money).
import { onPublicChange } from './changes.ts';

export class TtlCache<V> {
  readonly #items = new Map<string, { at: number; value: Promise<V> }>();
  constructor(readonly ttlMs: number, readonly maxEntries = 500) {
    onPublicChange(() => this.clear());
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#items.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    value.catch(() => this.#items.delete(key));
    if (this.#items.size >= this.maxEntries) this.#items.delete(this.#items.keys().next().value!);
    this.#items.set(key, { at: Date.now(), value });
    return value;
  }

  clear(): void {
    this.#items.clear();
  }
}
