// One search interface over Thai text: FTS5 trigram on SQLite, pg_trgm on PostgreSQL. Full substring recall.
import { sql } from 'kysely';
import { likeEscape, type DbLike } from '../db/index.ts';
import { foldForSearch, normalizeLine } from '../thai/index.ts';
import { escapeHtml } from '@kitajs/html';

export interface SearchEntry {
  agencyId: number;
  /** content type, e.g. 'page', 'document', 'news'; registered with registerSearchKind */
  kind: string;
  refId: string | number;
  lang: 'th' | 'en';
  title: string;
  body: string;
  url: string;
  fiscalYear?: number | null;
  publishedAt?: string | null;
}

export interface SearchQuery {
  agencyId: number;
  q: string;
  kinds?: string[];
  fiscalYear?: number;
  lang?: 'th' | 'en';
  limit: number;
  offset: number;
}

export interface SearchHit {
  kind: string;
  refId: string;
  title: string;
  url: string;
  /** HTML: escaped text with <mark> around the matches */
  snippet: string;
  fiscalYear: number | null;
  publishedAt: string | null;
}

const kinds = new Map<string, { th: string; en: string }>();
/** Modules name their content types once, for filters and result labels. */
export function registerSearchKind(kind: string, label: { th: string; en: string }): void {
  kinds.set(kind, label);
}
export function searchKinds(): Array<{ kind: string; th: string; en: string }> {
  return [...kinds].map(([kind, l]) => ({ kind, ...l }));
}

/** The fiscal years that have public entries, newest first (the search page's year filter). */
export async function searchFiscalYears(db: DbLike, agencyId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('search_doc').select('fiscal_year').distinct().where('agency_id', '=', agencyId).where('fiscal_year', 'is not', null).orderBy('fiscal_year', 'desc').execute();
  return rows.map((r) => r.fiscal_year!);
}

function searchText(title: string, body: string): string {
  return `${foldForSearch(title)}\n${foldForSearch(body)}`;
}

/** Adds or replaces one entry (by agency, kind, refId, lang). */
export async function indexDocument(db: DbLike, e: SearchEntry): Promise<void> {
  const row = {
    agency_id: e.agencyId,
    kind: e.kind,
    ref_id: String(e.refId),
    lang: e.lang,
    title: normalizeLine(e.title),
    body: normalizeLine(e.body),
    url: e.url,
    fiscal_year: e.fiscalYear ?? null,
    published_at: e.publishedAt ?? null,
    search_text: searchText(e.title, e.body),
    updated_at: new Date().toISOString(),
  };
  await db.k
    .insertInto('search_doc')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'kind', 'ref_id', 'lang']).doUpdateSet({
        title: row.title, body: row.body, url: row.url, fiscal_year: row.fiscal_year,
        published_at: row.published_at, search_text: row.search_text, updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function removeDocument(db: DbLike, agencyId: number, kind: string, refId: string | number): Promise<void> {
  await db.k.deleteFrom('search_doc').where('agency_id', '=', agencyId).where('kind', '=', kind).where('ref_id', '=', String(refId)).execute();
}

/** Query terms: folded like stored text, split on spaces, at most 8. */
export function queryTerms(q: string): string[] {
  return [...new Set(foldForSearch(q).split(' ').filter((t) => t.length > 0))].slice(0, 8).map((t) => t.slice(0, 100));
}

type Row = { kind: string; ref_id: string; title: string; body: string; url: string; fiscal_year: number | null; published_at: string | null };

/** The conditions on search_doc d: tenant, visibility, filters, and LIKE for the terms the index cannot take. */
function filters(query: SearchQuery, likeTerms: string[]) {
  const now = new Date().toISOString();
  const c = [
    sql`d.agency_id = ${query.agencyId}`,
    // an entry published in the future (scheduled) stays hidden until its time
    sql`(d.published_at IS NULL OR d.published_at <= ${now})`,
  ];
  if (query.kinds?.length) c.push(sql`d.kind IN (${sql.join(query.kinds)})`);
  if (query.fiscalYear) c.push(sql`d.fiscal_year = ${query.fiscalYear}`);
  if (query.lang) c.push(sql`d.lang = ${query.lang}`);
  for (const t of likeTerms) c.push(sql`d.search_text LIKE ${`%${likeEscape(t)}%`} ESCAPE '\\'`);
  return c;
}

/** Counts stop here: past it a result list says "more than 1,000", and paging stops at the 50th page. */
export const COUNT_CAP = 1000;

export interface SearchResult {
  /** exact up to COUNT_CAP */
  total: number;
  /** more matches exist than total */
  totalCapped: boolean;
  hits: SearchHit[];
}

export async function search(db: DbLike, query: SearchQuery): Promise<SearchResult> {
  if (db.dialect === 'postgres' && !db.k.isTransaction) {
    // pg_trgm's estimates push the planner to full scans that re-check LIKE on every row; the GIN bitmap
    // (rare terms) or the date index with an early stop (common terms) are always cheaper here
    return db.k.transaction().execute(async (k) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(k);
      return search({ k, dialect: db.dialect }, query);
    });
  }
  const terms = queryTerms(query.q);
  if (terms.length === 0) return { total: 0, totalCapped: false, hits: [] };
  // trigrams need 3 code points; on SQLite shorter terms fall back to LIKE (a scan), on PostgreSQL every term is a LIKE
  const long = db.dialect === 'sqlite' ? terms.filter((t) => [...t].length >= 3) : [];
  const conds = filters(query, terms.filter((t) => !long.includes(t)));
  const where = sql.join(conds, sql` AND `);
  const cols = sql`d.kind, d.ref_id, d.title, d.body, d.url, d.fiscal_year, d.published_at`;
  const page = sql`ORDER BY d.published_at DESC, d.id DESC LIMIT ${query.limit} OFFSET ${query.offset}`;
  let counted: number;
  let rows: Row[];
  if (long.length) {
    const match = long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
    // counting walks the trigram index and stops at the cap
    counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid WHERE search_fts MATCH ${match} AND ${where} LIMIT ${COUNT_CAP + 1})`.execute(db.k)).rows[0]?.n ?? 0);
    rows = (counted <= COUNT_CAP
      // few matches: start from them (CROSS JOIN keeps that order) and sort them
      ? await sql<Row>`SELECT ${cols} FROM search_fts CROSS JOIN search_doc d WHERE d.id = search_fts.rowid AND search_fts MATCH ${match} AND ${where} ${page}`.execute(db.k)
      // many: walk the newest-first index and stop after one page
      : await sql<Row>`SELECT ${cols} FROM search_doc d WHERE ${where} AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match}) ${page}`.execute(db.k)).rows;
  } else {
    counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_doc d WHERE ${where} LIMIT ${COUNT_CAP + 1}) m`.execute(db.k)).rows[0]?.n ?? 0);
    rows = (await sql<Row>`SELECT ${cols} FROM search_doc d WHERE ${where} ${page}`.execute(db.k)).rows;
  }
  return {
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    hits: rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      url: r.url,
      snippet: snippet(r.body, terms),
      fiscalYear: r.fiscal_year,
      publishedAt: r.published_at,
    })),
  };
}

/** Escaped excerpt around the first match, with every match of any term in <mark>. */
export function snippet(body: string, terms: string[], width = 180): string {
  const text = normalizeLine(body);
  const folded = foldForSearch(text);
  const sameShape = folded.length === text.length;
  let first = -1;
  if (sameShape) {
    for (const t of terms) {
      const i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  // never start on a combining mark (a vowel or tone mark without its consonant)
  while (start > 0 && /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(text[start]!)) start--;
  const end = Math.min(text.length, start + width);
  const ranges: Array<[number, number]> = [];
  if (sameShape) {
    for (const t of terms) {
      for (let i = folded.indexOf(t, start); i >= 0 && i < end; i = folded.indexOf(t, i + t.length)) ranges.push([i, Math.min(i + t.length, end)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [a, b] of ranges) {
    if (a < pos) continue;
    out += `${escapeHtml(text.slice(pos, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    pos = b;
  }
  out += escapeHtml(text.slice(pos, end));
  if (end < text.length) out += '…';
  return out;
}
