export const thaiCollator = new Intl.Collator('th');

/** Sorts a copy in Thai dictionary order (กา เกาะ ไก่ ขนม), the order SQLite cannot give. */
export function sortThai<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => thaiCollator.compare(key(a), key(b)));
}
