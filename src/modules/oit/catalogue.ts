// The OIT catalogue is data: imported per year from JSON or CSV, edited, or copied from the previous year.
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { hasInvalidText, normalizeLine } from '../../platform/thai/index.ts';
import { RECENCY, type Recency } from './store.ts';

export interface CatalogueItem {
  code: string;
  title_th: string;
  title_en: string;
  indicator: string;
  group: string;
  requirements: string[];
  /** English of indicator, group and requirements (same order as the Thai); empty when there is none */
  indicator_en: string;
  group_en: string;
  requirements_en: string[];
  recency: Recency;
  note: string;
}

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/;

const line = (max: number) => z.string().max(max).transform(normalizeLine).refine((s) => !hasInvalidText(s), 'invalid text');

const itemSchema = z.object({
  code: z.string().trim().regex(CODE_RE, 'code: letters, digits, dots and hyphens, at most 20'),
  title_th: line(500).pipe(z.string().min(1, 'title_th is required')),
  title_en: line(500).default(''),
  indicator: line(300).default(''),
  group: line(300).default(''),
  requirements: z.array(line(1000)).max(50).default([]).transform((a) => a.filter(Boolean)),
  indicator_en: line(300).default(''),
  group_en: line(300).default(''),
  requirements_en: z.array(line(1000)).max(50).default([]).transform((a) => a.filter(Boolean)),
  recency: z.enum(RECENCY, { error: `recency must be one of ${RECENCY.join(', ')}` }).default('any'),
  note: line(2000).default(''),
  year: z.number().int().optional(),
  // research data of the shared file: checked, never stored (staff read the note; the public sees neither)
  confidence: line(50).optional(),
  sources: z.array(z.string().max(2000)).max(100).optional(),
}).refine((x) => !x.requirements_en.length || x.requirements_en.length === x.requirements.length, { path: ['requirements_en'], message: 'as many as requirements, in the same order' });

export class CatalogueError extends Error {}

/** Reads a catalogue file; rows from another year are skipped (the shared file holds several years). */
export function parseCatalogue(data: Buffer, year: number): CatalogueItem[] {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  let raw: unknown[];
  if (/^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new CatalogueError(`JSON: ${(err as Error).message}`);
    }
    raw = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown }).items) ? (parsed as { items: unknown[] }).items : [];
  } else {
    let rows: Array<Record<string, string>>;
    try {
      rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch (err) {
      throw new CatalogueError(`CSV: ${(err as Error).message}`);
    }
    if (rows.length && !('code' in rows[0]!)) throw new CatalogueError('CSV: the header must name a code column');
    const list = (cell: string | undefined) => (cell ?? '').split(/\s*\|\s*|\r?\n/).filter(Boolean);
    raw = rows.map((r) => ({ ...r, requirements: list(r.requirements), requirements_en: list(r.requirements_en), year: r.year ? Number(r.year) : undefined, recency: r.recency || undefined }));
  }
  const items: CatalogueItem[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const p = itemSchema.safeParse(r);
    if (!p.success) {
      // the whole file is refused, naming the item (its place, year and code when it has them) and the field
      const iss = p.error.issues[0]!;
      const row = (r ?? {}) as { code?: unknown; year?: unknown };
      const name = [typeof row.year === 'number' ? String(row.year) : '', typeof row.code === 'string' ? row.code.trim().slice(0, 20) : ''].filter(Boolean).join(' ');
      throw new CatalogueError(`item ${i + 1}${name ? ` (${name})` : ''}${iss.path.length ? `, field ${iss.path.join('.')}` : ''}: ${iss.message}`);
    }
    if (p.data.year !== undefined && p.data.year !== year) return;
    if (seen.has(p.data.code)) throw new CatalogueError(`item ${i + 1}: code ${p.data.code} appears twice`);
    seen.add(p.data.code);
    const { year: _y, confidence: _c, sources: _s, ...item } = p.data;
    items.push(item);
  });
  if (!items.length) throw new CatalogueError('empty');
  return items;
}
