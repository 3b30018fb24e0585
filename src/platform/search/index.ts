// One search interface over Thai text: FTS5 trigram on SQLite, pg_trgm on PostgreSQL. Full substring recall.
import { sql, type RawBuilder } from 'kysely';
import { likeEscape, type DbLike } from '../db/index.ts';
import { foldForSearch, normalizeLine } from '../thai/index.ts';
import { escapeHtml } from '@kitajs/html';
import { completeWord, MAX_CANDIDATES, spellingCandidates } from './spelling.ts';
import { TtlCache } from '../cache.ts';
import { publicChanged } from '../changes.ts';

export interface SearchEntry {
  agencyId: number;
  /** content type, e.g. 'page', 'document', 'news'; registered with registerSearchKind */
  kind: string;
  refId: string | number;
  lang: 'th' | 'en';
  title: string;
  /** the item's title in its other language: found as a title (ranks as a title match), never shown */
  otherTitle?: string;
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
  /**
   * the visitor's language: each item once, by its entry in that language when it has one, else by its Thai entry
   * (see indexBilingual); without it, every entry
   */
  lang?: 'th' | 'en';
  /** each snippet comes from the part of the body in this language (see snippet()); `lang` by default */
  displayLang?: 'th' | 'en';
  limit: number;
  offset: number;
}

export interface SearchHit {
  kind: string;
  refId: string;
  title: string;
  /** the language of the entry (of its title) */
  lang: 'th' | 'en';
  url: string;
  /** HTML: the title escaped, with <mark> around the matches */
  titleHtml: string;
  /** HTML: escaped text with <mark> around the matches */
  snippet: string;
  /** the language of the part of the body the snippet comes from */
  snippetLang: 'th' | 'en';
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

/**
 * The fiscal years that have public entries (published, not scheduled), newest first (the search page's year filter):
 * one seek of the agency's year index per year, not a read of every entry.
 */
export async function searchFiscalYears(db: DbLike, agencyId: number): Promise<number[]> {
  const now = new Date().toISOString();
  const years: number[] = [];
  for (let below: number | undefined; ; ) {
    let q = db.k.selectFrom('search_doc').select((eb) => eb.fn.max('fiscal_year').as('y')).where('agency_id', '=', agencyId).where('fiscal_year', 'is not', null)
      .where((eb) => eb.or([eb('published_at', 'is', null), eb('published_at', '<=', now)]));
    if (below !== undefined) q = q.where('fiscal_year', '<', below);
    const y = (await q.executeTakeFirst())?.y;
    if (y === null || y === undefined) return years;
    years.push(Number(y));
    below = Number(y);
  }
}

// The search page keeps the years a minute; every public change made by this process clears them at once.
const yearsCache = new TtlCache<number[]>(60_000);
const dbIds = new WeakMap<object, number>();
let lastDbId = 0;
/** searchFiscalYears, cached per database and agency for the search page. */
export function publicSearchFiscalYears(db: DbLike, agencyId: number): Promise<number[]> {
  let id = dbIds.get(db.k);
  if (id === undefined) dbIds.set(db.k, (id = ++lastDbId));
  return yearsCache.get(`${id}|${agencyId}`, () => searchFiscalYears(db, agencyId));
}

/** What the index matches: title (with the item's title in its other language) and body, folded as queries are. */
export function searchText(title: string, body: string, otherTitle = ''): string {
  return `${foldForSearch(otherTitle ? `${title} ${otherTitle}` : title)}\n${foldForSearch(body)}`;
}

/**
 * Adds or replaces one entry (by agency, kind, refId, lang). What search finds is public: the agency's public pages
 * (and page caches) are told, after the transaction commits (changes.ts).
 */
export async function indexDocument(db: DbLike, e: SearchEntry): Promise<void> {
  publicChanged(db, e.agencyId);
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
    search_text: searchText(e.title, e.body, e.otherTitle),
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

/** Removes an item's entries: all of them, or the one in `lang`. */
export async function removeDocument(db: DbLike, agencyId: number, kind: string, refId: string | number, lang?: 'th' | 'en'): Promise<void> {
  publicChanged(db, agencyId);
  let q = db.k.deleteFrom('search_doc').where('agency_id', '=', agencyId).where('kind', '=', kind).where('ref_id', '=', String(refId));
  if (lang) q = q.where('lang', '=', lang);
  await q.execute();
}

export interface Text {
  title: string;
  body: string;
}

/**
 * An item in both languages: its Thai entry and, when it has an English title, its English entry (else none). Each
 * entry holds all the item's text, its own language first, so a word of either language finds the item in either;
 * the other language's title counts as a title. Searches with a `lang` show each item once.
 */
export async function indexBilingual(db: DbLike, e: Omit<SearchEntry, 'lang' | 'title' | 'body' | 'otherTitle'> & { th: Text; en: Text }): Promise<void> {
  const { th, en, ...base } = e;
  const both = (a: string, b: string) => [a, b].filter(Boolean).join('\n');
  await indexDocument(db, { ...base, lang: 'th', title: th.title, otherTitle: en.title, body: both(th.body, en.body) });
  if (en.title.trim()) await indexDocument(db, { ...base, lang: 'en', title: en.title, otherTitle: th.title, body: both(en.body, th.body) });
  else await removeDocument(db, e.agencyId, e.kind, e.refId, 'en');
}

/** Query terms: folded like stored text, split on spaces, at most 8. */
export function queryTerms(q: string): string[] {
  return [...new Set(foldForSearch(q).split(' ').filter((t) => t.length > 0))].slice(0, 8).map((t) => t.slice(0, 100));
}

type Row = { kind: string; ref_id: string; lang: 'th' | 'en'; title: string; body: string; url: string; fiscal_year: number | null; published_at: string | null };

/** The conditions on search_doc d: tenant, visibility, filters, and LIKE (or strpos) for the terms the index cannot take. */
function filters(query: SearchQuery, likeTerms: string[], strpos = false) {
  const now = new Date().toISOString();
  const c = [
    sql`d.agency_id = ${query.agencyId}`,
    // an entry published in the future (scheduled) stays hidden until its time
    sql`(d.published_at IS NULL OR d.published_at <= ${now})`,
  ];
  if (query.kinds?.length) c.push(sql`d.kind IN (${sql.join(query.kinds)})`);
  if (query.fiscalYear) c.push(sql`d.fiscal_year = ${query.fiscalYear}`);
  // an item's entry in the visitor's language, or its Thai entry when it has none in that language
  if (query.lang === 'th') c.push(sql`d.lang = 'th'`);
  else if (query.lang) {
    c.push(sql`(d.lang = ${query.lang} OR (d.lang = 'th' AND NOT EXISTS (SELECT 1 FROM search_doc o
      WHERE o.agency_id = d.agency_id AND o.kind = d.kind AND o.ref_id = d.ref_id AND o.lang = ${query.lang})))`);
  }
  // strpos: the same test, which no index takes (the walk of the date index below) and which reads text faster than LIKE
  for (const t of likeTerms) c.push(strpos ? sql`strpos(d.search_text, ${t}) > 0` : sql`d.search_text LIKE ${`%${likeEscape(t)}%`} ESCAPE '\\'`);
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

/** How one query finds its rows: the FTS5 MATCH for the terms the trigram index takes (SQLite), and the rest. */
interface Plan {
  match: string | null;
  where: RawBuilder<unknown>;
  /** PostgreSQL: the same conditions without LIKE, for the walk along the agency's date index */
  walk: RawBuilder<unknown>;
  /** the conditions without the terms: what the agency shows */
  visible: RawBuilder<unknown>;
}

function plan(db: DbLike, query: SearchQuery, terms: string[]): Plan {
  // trigrams need 3 code points; on SQLite shorter terms fall back to LIKE (a scan), on PostgreSQL every term is a LIKE
  const long = db.dialect === 'sqlite' ? terms.filter((t) => [...t].length >= 3) : [];
  return {
    match: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ') : null,
    where: sql.join(filters(query, terms.filter((t) => !long.includes(t))), sql` AND `),
    walk: sql.join(filters(query, terms, true), sql` AND `),
    visible: sql.join(filters(query, []), sql` AND `),
  };
}

/** The matching entries of a plan, as a FROM clause over search_doc d (the FTS5 index drives when it can). */
function matching(p: Plan) {
  return p.match
    ? sql`search_fts JOIN search_doc d ON d.id = search_fts.rowid WHERE search_fts MATCH ${p.match} AND ${p.where}`
    : sql`search_doc d WHERE ${p.where}`;
}

/**
 * 0 when the entry's title holds every term, else 1. The stored search text is the folded title, a line break,
 * then the folded body, so a term is in the title when its first occurrence comes before the line break.
 */
function bodyOnly(db: DbLike, terms: string[]) {
  const pos = (s: string) => (db.dialect === 'sqlite' ? sql`instr(d.search_text, ${s})` : sql`strpos(d.search_text, ${s})`);
  const inTitle = terms.map((t) => sql`${pos(t)} BETWEEN 1 AND ${pos('\n')}`);
  return sql`CASE WHEN ${sql.join(inTitle, sql` AND `)} THEN 0 ELSE 1 END`;
}

/** Rows the walk may read before the trigram index is cheaper (strpos reads a row in a few µs). */
const WALK_ROWS = 25_000;

/**
 * How a search counts its matches: on PostgreSQL, along the agency's date index (stopping once past the cap) or by the
 * trigram index; elsewhere by the text index. The trigram index reads every posting of every trigram of the terms in
 * the agency, which for common words costs far more than reading the few thousand entries that hold the first
 * COUNT_CAP matches; its estimates mislead the planner there, so the choice is made here from two estimates: the
 * agency's entries and the matching ones.
 */
async function strategy(db: DbLike, p: Plan): Promise<'walk' | 'index'> {
  if (db.dialect !== 'postgres') return 'index';
  const estimate = async (where: RawBuilder<unknown>) => {
    const r = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_doc d WHERE ${where}`.execute(db.k);
    return Number(r.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
  };
  const entries = await estimate(p.visible);
  if (entries <= COUNT_CAP) return 'index'; // the walk could not stop early
  const matches = await estimate(p.where);
  // the walk reads about entries / matches rows per match it finds and stops at the cap, or reads them all; for a
  // word in fewer than 1 in 20 entries the index, whose postings are short then, is cheaper
  const read = matches > COUNT_CAP ? ((COUNT_CAP + 1) * entries) / matches : entries;
  return read <= WALK_ROWS && matches * 20 >= entries ? 'walk' : 'index';
}

/** The strategy a search would use (for tests and diagnostics). */
export function countStrategy(db: DbLike, query: SearchQuery): Promise<'walk' | 'index'> {
  return strategy(db, plan(db, query, queryTerms(query.q)));
}

/** PostgreSQL runs search statements in a transaction that keeps the planner off full scans. */
function withPlannerHints<T>(db: DbLike, run: (db: DbLike) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres' && !db.k.isTransaction) {
    // pg_trgm's estimates push the planner to full scans that re-check LIKE on every row; the GIN bitmap
    // (rare terms) or the date index with an early stop (common terms) are always cheaper here
    return db.k.transaction().execute(async (k) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(k);
      return run({ k, dialect: db.dialect });
    });
  }
  return run(db);
}

/**
 * When more than COUNT_CAP entries match, the title-first order covers the newest RANK_WINDOW matches (the first three
 * pages of 20) and the older ones follow newest first. Ranking every match would read every match (no index holds the
 * titles alone). The window is found by walking the date index until it is full, so its cost grows with its size and
 * with the rarity of the term (on PostgreSQL each step re-checks the LIKE): 60 keeps the added time to a few ms.
 */
export const RANK_WINDOW = 60;

/**
 * Ranked results: entries whose title holds every term first, then those that match only in the body; newest first
 * within each (published_at, then id). When there are at most COUNT_CAP matches, the ranking covers all of them;
 * when there are more, it covers the newest RANK_WINDOW (the first three pages), and the rest follow newest first.
 */
export function search(db: DbLike, query: SearchQuery): Promise<SearchResult> {
  return withPlannerHints(db, (db) => runSearch(db, query));
}

async function runSearch(db: DbLike, query: SearchQuery): Promise<SearchResult> {
  const terms = queryTerms(query.q);
  if (terms.length === 0) return { total: 0, totalCapped: false, hits: [] };
  const p = plan(db, query, terms);
  const cols = sql`d.kind, d.ref_id, d.lang, d.title, d.body, d.url, d.fiscal_year, d.published_at`;
  const rank = bodyOnly(db, terms);
  const { limit, offset } = query;
  // counting stops past the cap and keeps the ids it found, so that a list of at most COUNT_CAP is ranked from them
  // without matching again; the walk goes newest first along the agency's date index (the order keeps the planner on it)
  const from = (await strategy(db, p)) === 'walk' ? sql`search_doc d WHERE ${p.walk} ORDER BY d.published_at DESC` : matching(p);
  const found = (await sql<{ id: number }>`SELECT d.id FROM ${from} LIMIT ${COUNT_CAP + 1}`.execute(db.k)).rows.map((r) => Number(r.id));
  const counted = found.length;
  let rows: Row[] = [];
  if (counted === 0 || (counted <= COUNT_CAP && offset >= counted)) rows = [];
  else if (counted <= COUNT_CAP) {
    rows = (await sql<Row>`SELECT ${cols} FROM search_doc d WHERE d.id IN (${sql.join(found)}) ORDER BY ${rank}, d.published_at DESC, d.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db.k)).rows;
  } else {
    // many: walk the newest-first index, stopping after the rank window (ranked) or after the page (the rest)
    const where = p.match ? sql`${p.where} AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${p.match})` : p.where;
    if (offset < RANK_WINDOW) {
      rows = (await sql<Row>`SELECT ${cols} FROM (
          SELECT w.id, w.body_only, w.published_at FROM (
            SELECT d.id, d.published_at, ${rank} AS body_only FROM search_doc d WHERE ${where}
            ORDER BY d.published_at DESC, d.id DESC LIMIT ${RANK_WINDOW}
          ) w ORDER BY w.body_only, w.published_at DESC, w.id DESC LIMIT ${Math.min(limit, RANK_WINDOW - offset)} OFFSET ${offset}
        ) pick JOIN search_doc d ON d.id = pick.id
        ORDER BY pick.body_only, pick.published_at DESC, pick.id DESC`.execute(db.k)).rows;
    }
    if (offset + limit > RANK_WINDOW) {
      const from = Math.max(offset, RANK_WINDOW);
      rows = rows.concat((await sql<Row>`SELECT ${cols} FROM search_doc d WHERE ${where} ORDER BY d.published_at DESC, d.id DESC LIMIT ${offset + limit - from} OFFSET ${from}`.execute(db.k)).rows);
    }
  }
  const lang = query.displayLang ?? query.lang ?? 'th';
  return {
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    hits: rows.map((r) => {
      const s = snippetOf(r.body, terms, 180, lang);
      return {
        kind: r.kind,
        refId: r.ref_id,
        lang: r.lang,
        title: r.title,
        titleHtml: highlight(r.title, terms, lang === 'en' && r.lang === 'en'),
        url: r.url,
        snippet: s.html,
        snippetLang: s.lang,
        fiscalYear: r.fiscal_year,
        publishedAt: r.published_at,
      };
    }),
  };
}

/**
 * For a query with no results: the closest other spelling (a sound-alike final consonant, a tone mark moved, added
 * or dropped) that has results with the same filters, or null. At most MAX_CANDIDATES candidates, most likely first,
 * checked by EXISTS probes on the index: the first few in one statement, the rest in a second one if need be.
 */
export function suggestSpelling(db: DbLike, query: Omit<SearchQuery, 'limit' | 'offset'>): Promise<string | null> {
  const candidates = spellingCandidates(query.q, MAX_CANDIDATES);
  if (candidates.length === 0) return Promise.resolve(null);
  const planOf = (db: DbLike, words: string[]) => plan(db, { ...query, q: words.join(' '), limit: 1, offset: 0 }, queryTerms(words.join(' ')));
  return withPlannerHints(db, async (db) => {
    for (const [from, to] of [[0, 5], [5, candidates.length]] as const) {
      if (from >= to) break;
      const probes = candidates.slice(from, to).map((c, i) => sql`SELECT ${sql.lit(from + i)} AS i WHERE EXISTS (SELECT 1 FROM ${matching(planOf(db, c.words))})`);
      const found = (await sql<{ i: number }>`${sql.join(probes, sql` UNION ALL `)}`.execute(db.k)).rows.map((r) => Number(r.i));
      if (found.length === 0) continue;
      const best = candidates[Math.min(...found)]!;
      const stored = (await sql<{ search_text: string }>`SELECT d.search_text FROM ${matching(planOf(db, best.words))} LIMIT 1`.execute(db.k)).rows[0]?.search_text ?? '';
      return best.words.map((w, k) => (k === best.at ? completeWord(w, stored) : w)).join(' ');
    }
    return null;
  });
}

/** Positions of every occurrence of the terms in the folded text between start and end, in order, not overlapping. */
function matchRanges(folded: string, terms: string[], start: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    for (let i = folded.indexOf(t, start); i >= 0 && i < end; i = folded.indexOf(t, i + t.length)) ranges.push([i, Math.min(i + t.length, end)]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges;
}

/** Escaped text from start to end, with every match of any term in <mark>; with thaiSpans, Thai words in <span lang="th">. */
function marked(text: string, folded: string, terms: string[], start: number, end: number, thaiSpans = false): string {
  // folding may change the length of rare characters: then positions do not carry over, and nothing is marked
  const ranges = folded.length === text.length ? matchRanges(folded, terms, start, end) : [];
  const esc = thaiSpans ? escapeThaiMarked : escapeHtml;
  let out = '';
  let pos = start;
  for (const [a, b] of ranges) {
    if (a < pos) continue;
    out += `${esc(text.slice(pos, a))}<mark>${esc(text.slice(a, b))}</mark>`;
    pos = b;
  }
  return out + esc(text.slice(pos, end));
}

/** Escaped text whose Thai words are each in <span lang="th"> (Thai inside English text on an English page). */
function escapeThaiMarked(text: string): string {
  return text
    // a Thai abbreviation keeps its full stop (อบจ.)
    .split(/([\u0E00-\u0E7F](?:[\u0E00-\u0E7F\s.]*[\u0E00-\u0E7F])?\.?)/)
    .map((part, i) => (i % 2 ? `<span lang="th">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join('');
}

/** A whole line (a title), escaped, with the matches in <mark>; with thaiSpans, Thai words marked as Thai. */
export function highlight(line: string, terms: string[], thaiSpans = false): string {
  const text = normalizeLine(line);
  return marked(text, foldForSearch(text), terms, 0, text.length, thaiSpans);
}

const THAI_LETTER = /[\u0E01-\u0E3A\u0E40-\u0E4E]/g;
const LATIN_LETTER = /[A-Za-z]/g;

interface Part {
  start: number;
  end: number;
  lang: 'th' | 'en';
}

/**
 * The Thai and the English stretches of a body. The index keeps one entry per item, its body the Thai text followed
 * by the English text (and the attachments' names), with no marker between them. So: the body is cut into words at
 * spaces; a word is Thai or English by the letters it holds most of (numbers and signs go with the word before them);
 * a stretch is a run of words of one language, and a single word of the other one inside a stretch (ITA, PDF, a name)
 * does not break it.
 */
export function languageParts(text: string): Part[] {
  const words = [...text.matchAll(/\S+/g)].map((m) => {
    const thai = m[0].match(THAI_LETTER)?.length ?? 0;
    const latin = m[0].match(LATIN_LETTER)?.length ?? 0;
    return { start: m.index, end: m.index + m[0].length, lang: thai > latin ? 'th' : latin > thai ? 'en' : null, letters: thai + latin > 0 };
  });
  let last = words.find((w) => w.lang)?.lang ?? 'th';
  for (const w of words) w.lang = last = w.lang ?? last;
  const runs: Array<Part & { words: number }> = [];
  for (const w of words) {
    const r = runs.at(-1);
    if (r && r.lang === w.lang) {
      r.end = w.end;
      if (w.letters) r.words++;
    } else runs.push({ start: w.start, end: w.end, lang: w.lang as 'th' | 'en', words: w.letters ? 1 : 0 });
  }
  const parts: Part[] = [];
  runs.forEach((r, i) => {
    // a lone word takes the language of the stretches on both sides when they agree (at either end of the body, of
    // the stretch it touches when that one is more than a word)
    const [prev, next] = [runs[i - 1], runs[i + 1]];
    const only = prev && next ? undefined : (prev ?? next);
    const around = prev && next ? (prev.lang === next.lang ? prev.lang : null) : only && only.words > 1 ? only.lang : null;
    const lang = r.words <= 1 && around ? around : r.lang;
    const p = parts.at(-1);
    if (p && p.lang === lang) p.end = r.end;
    else parts.push({ start: r.start, end: r.end, lang });
  });
  return parts;
}

/**
 * Escaped excerpt in the visitor's language, with every match of any term in <mark>. The window opens at the first
 * match in a part of the body in that language (see languageParts); when there is none, at the first match in a Thai
 * part; when there is none either, at the start of the first Thai part. It never runs past the part it opens in.
 */
export function snippet(body: string, terms: string[], width = 180, lang: 'th' | 'en' = 'th'): string {
  return snippetOf(body, terms, width, lang).html;
}

/** snippet(), with the language of the part it comes from (an English part on an English page marks its Thai words). */
export function snippetOf(body: string, terms: string[], width = 180, lang: 'th' | 'en' = 'th'): { html: string; lang: 'th' | 'en' } {
  const text = normalizeLine(body);
  const folded = foldForSearch(text);
  const parts = languageParts(text);
  const partOf = (at: number) => parts.find((p) => at < p.end) ?? parts.at(-1);
  let first = -1;
  let part = parts.find((p) => p.lang === 'th') ?? parts[0];
  if (folded.length === text.length) {
    let thai: [number, Part] | null = null;
    for (const [a] of matchRanges(folded, terms, 0, folded.length)) {
      const p = partOf(a)!;
      if (p.lang === lang) {
        [first, part] = [a, p];
        break;
      }
      if (p.lang === 'th' && !thai) thai = [a, p];
    }
    if (first < 0 && thai) [first, part] = thai;
  }
  const from = part?.start ?? 0;
  const to = part?.end ?? text.length;
  let start = first < 0 ? from : Math.max(from, first - Math.floor(width / 3));
  // never start on a combining mark (a vowel or tone mark without its consonant)
  while (start > from && /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(text[start]!)) start--;
  const end = Math.min(to, start + width);
  const partLang = part?.lang ?? 'th';
  const html = (start > 0 ? '…' : '') + marked(text, folded, terms, start, end, lang === 'en' && partLang === 'en') + (end < text.length ? '…' : '');
  return { html, lang: partLang };
}
