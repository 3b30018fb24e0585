// Small-count suppression that holds across a set of published tables tied by sums (a total and its parts, a lane
// and its topics, a year and its halves, quarters and months). Counts under the minimum are hidden; then, while one of
// them can still be worked out from what is shown — exactly, through the sums, or because the hidden parts of a sum
// must all be 1 (zeros are shown, so a hidden count is at least 1) — one more count is hidden: the cheapest shown
// count among the sums that gave it away. Last, counts hidden on the way that turn out not to be needed are shown
// again. Pure: no database, no I/O.

/** A published sum: Σ coef × cell = 0 (a total +1, its parts −1). */
export type Equation = Array<[cell: string, coef: 1 | -1]>;

/** A hidden count that can be worked out, and the sums that work it out. */
export interface Leak {
  cell: string;
  sums: number[];
}

const EPS = 1e-9;

/**
 * The cells to hide, given every published count (zeros included) and the sums that tie them. `weight` says what
 * hiding a cell costs the readers (per case it counts): the complement hidden is the cheapest that breaks the leak.
 */
export function suppress(values: Map<string, number>, equations: Equation[], min: number, weight: (cell: string) => number = () => 1): Set<string> {
  const order = new Map([...values.keys()].map((k, i) => [k, i]));
  const same = equalCells(values, equations);
  const hidden = new Set([...values].filter(([, n]) => n > 0 && n < min).map(([k]) => k));
  for (;;) {
    const leak = leaks(values, equations, hidden, min, order, same)[0];
    if (!leak) return restore(values, equations, min, weight, hidden, order, same);
    const cost = (c: string) => same.get(c)!.filter((x) => !hidden.has(x)).reduce((s, x) => s + values.get(x)! * weight(x), 0);
    const shown = [...new Set(leak.sums.flatMap((i) => equations[i]!.map(([c]) => c)))].filter((c) => !hidden.has(c) && values.get(c)! > 0);
    const next = shown.sort((x, y) => cost(x) - cost(y) || order.get(x)! - order.get(y)!)[0];
    // a leak always rests on a shown count (a hidden one is at least 1); should none be found, hide nothing more
    if (next === undefined) return hidden;
    for (const c of same.get(next)!) hidden.add(c);
  }
}

/** Shows again, most valuable first, each count hidden only to protect another that the final pattern protects anyway. */
function restore(values: Map<string, number>, equations: Equation[], min: number, weight: (cell: string) => number, hidden: Set<string>, order: Map<string, number>, same: Map<string, string[]>): Set<string> {
  const value = (g: string[]) => g.reduce((s, x) => s + values.get(x)! * weight(x), 0);
  const groups = [...new Set([...hidden].filter((c) => values.get(c)! >= min).map((c) => same.get(c)!))].sort((a, b) => value(b) - value(a) || order.get(a[0]!)! - order.get(b[0]!)!);
  // again while one comes back: a count shown may make another one hidden before it safe to show
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups.filter((x) => hidden.has(x[0]!))) {
      for (const c of g) hidden.delete(c);
      if (leaks(values, equations, hidden, min, order, same).length) for (const c of g) hidden.add(c);
      else changed = true;
    }
  }
  return hidden;
}

/**
 * The small counts (under min) that the shown cells give away (none: the pattern is safe). A count hidden only to
 * protect another may be worked out: it is not small, and what it would give away is found here too.
 */
export function leaks(values: Map<string, number>, equations: Equation[], hidden: Set<string>, min: number, order = new Map([...values.keys()].map((k, i) => [k, i])), same = equalCells(values, equations)): Leak[] {
  // equal cells hidden together are one unknown (the first of them stands for all)
  const cols = [...new Set([...hidden].map((c) => same.get(c)![0]!))].sort((a, b) => order.get(a)! - order.get(b)!);
  const index = new Map(cols.map((c, i) => [c, i]));
  const n = cols.length;
  const used = equations.map((eq, i) => [eq, i] as const).filter(([eq]) => eq.some(([c]) => hidden.has(c)));
  const m = used.length;
  // each row: the unknowns, the constant, then which published sums it was made of (the proof of a leak)
  const rows = used.map(([eq], r) => {
    const row = new Float64Array(n + 1 + m);
    for (const [cell, coef] of eq) {
      if (hidden.has(cell)) row[index.get(same.get(cell)![0]!)!]! += coef;
      else row[n]! -= coef * values.get(cell)!;
    }
    row[n + 1 + r] = 1;
    return row;
  });
  const proof = (row: Float64Array) => used.filter((_, r) => Math.abs(row[n + 1 + r]!) > EPS).map(([, i]) => i);
  const out: Leak[] = [];
  const found = (j: number, row: Float64Array) => values.get(cols[j]!)! < min && out.push({ cell: cols[j]!, sums: proof(row) });
  for (const row of rows) for (const j of allOnes(row, n)) found(j, row);
  reduce(rows, n);
  for (const row of rows) {
    const nz = nonZero(row, n);
    if (nz.length === 1) found(nz[0]![1], row);
    for (const j of allOnes(row, n)) found(j, row);
  }
  return out.sort((a, b) => order.get(a.cell)! - order.get(b.cell)!);
}

/**
 * Cells that are equal because a sum has one part that is not zero (a year whose second half is empty, a lane with
 * one topic): they are hidden together, since showing one shows the other.
 */
export function equalCells(values: Map<string, number>, equations: Equation[]): Map<string, string[]> {
  const parent = new Map<string, string>();
  const root = (c: string): string => {
    const p = parent.get(c) ?? c;
    if (p === c) return c;
    const r = root(p);
    parent.set(c, r);
    return r;
  };
  for (const eq of equations) {
    const nz = eq.filter(([c]) => (values.get(c) ?? 0) > 0);
    if (nz.length === 2 && nz[0]![1] !== nz[1]![1] && root(nz[0]![0]) !== root(nz[1]![0])) parent.set(root(nz[0]![0]), root(nz[1]![0]));
  }
  const groups = new Map<string, string[]>();
  for (const c of values.keys()) groups.set(root(c), [...(groups.get(root(c)) ?? []), c]);
  return new Map([...values.keys()].map((c) => [c, groups.get(root(c))!]));
}

function nonZero(row: Float64Array, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let j = 0; j < n; j++) if (Math.abs(row[j]!) > EPS) out.push([row[j]!, j]);
  return out;
}

/** A row Σ aⱼxⱼ = c whose coefficients share a sign and add up to c: every xⱼ ≥ 1, so each is exactly 1. */
function allOnes(row: Float64Array, n: number): number[] {
  const nz = nonZero(row, n);
  if (!nz.length) return [];
  const sign = Math.sign(nz[0]![0]);
  if (nz.some(([a]) => Math.sign(a) !== sign)) return [];
  const sum = nz.reduce((s, [a]) => s + a, 0);
  return Math.abs(sum - row[n]!) < EPS ? nz.map(([, j]) => j) : [];
}

/** Reduced row echelon form over the first n columns, in place (partial pivoting); the rest of each row follows. */
function reduce(rows: Float64Array[], n: number): void {
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let j = 0; j < n && r < rows.length; j++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![j]!) > Math.abs(rows[best]![j]!)) best = i;
    if (Math.abs(rows[best]![j]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const p = rows[r]!;
    const pivot = p[j]!;
    for (let k = j; k < width; k++) p[k]! /= pivot;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i]!;
      const f = row[j]!;
      if (Math.abs(f) < EPS) continue;
      for (let k = j; k < width; k++) row[k]! -= f * p[k]!;
    }
    r++;
  }
}
