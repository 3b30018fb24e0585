// One search interface over Thai text: FTS5 trigram on SQLite, the agency's trigram keys on PostgreSQL (migration 025).
// Full substring recall.
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

/** Where s first occurs in the entry's search text, from 1; 0 when it does not. */
function position(db: DbLike, s: string) {
  return db.dialect === 'sqlite' ? sql`instr(d.search_text, ${s})` : sql`strpos(d.search_text, ${s})`;
}

/** The conditions on search_doc d: tenant, visibility, filters, and LIKE (or a substring test) for the terms the index cannot take. */
function filters(db: DbLike, query: SearchQuery, likeTerms: string[], substring = false, agencyInKeys = false) {
  const now = new Date().toISOString();
  const c = [
    // when the index keys hold the agency (PostgreSQL), the planner must not add the agency's whole date index to
    // the search (a bitmap AND that reads every entry of the agency): the test stays, out of the indexes' reach
    agencyInKeys ? sql`d.agency_id + 0 = ${query.agencyId}` : sql`d.agency_id = ${query.agencyId}`,
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
  // the substring test is LIKE's on folded text, which no index takes (the walks of the date index below) and which
  // reads text faster than LIKE
  for (const t of likeTerms) c.push(substring ? sql`${position(db, t)} > 0` : sql`d.search_text LIKE ${`%${likeEscape(t)}%`} ESCAPE '\\'`);
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
  /** the same conditions with a substring test for every term, for the walks along the agency's date index */
  walk: RawBuilder<unknown>;
  /** the conditions without the terms: what the agency shows */
  visible: RawBuilder<unknown>;
  /** PostgreSQL: the conditions with LIKE, whose selectivity the planner estimates from its sample of the column */
  estimate: RawBuilder<unknown>;
}

/**
 * The index keys (migration 025) that an entry of the agency holding the terms must have: for each term of three code
 * points or more, its first three, the next three and so on, and its last three. Every overlapping three would narrow
 * the entries a little more but lengthen the index read more than that saves.
 */
function agencyGrams(agencyId: number, terms: string[]): string[] {
  const keys = new Set<string>();
  for (const t of terms) {
    const c = [...t];
    const key = (i: number) => `${agencyId}:${c.slice(i, i + 3).join('')}`;
    for (let i = 0; i + 3 <= c.length; i += 3) keys.add(key(i));
    if (c.length >= 3) keys.add(key(c.length - 3));
  }
  return [...keys];
}

function plan(db: DbLike, query: SearchQuery, terms: string[]): Plan {
  // trigrams need 3 code points: shorter terms are tested on the entries the longer ones find, or on every entry
  const long = terms.filter((t) => [...t].length >= 3);
  const walk = sql.join(filters(db, query, terms, true), sql` AND `);
  const visible = sql.join(filters(db, query, []), sql` AND `);
  const estimate = sql.join(filters(db, query, terms), sql` AND `);
  if (db.dialect === 'postgres') {
    // the agency's trigram keys narrow the entries, the substring test decides
    const keys = agencyGrams(query.agencyId, long);
    const where = keys.length ? sql`search_grams(d.agency_id, d.search_text) @> ${keys}::text[] AND ${sql.join(filters(db, query, terms, true, true), sql` AND `)}` : walk;
    return { match: null, where, walk, visible, estimate };
  }
  return {
    match: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ') : null,
    where: sql.join(filters(db, query, terms.filter((t) => !long.includes(t))), sql` AND `),
    walk, visible, estimate,
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
  const inTitle = terms.map((t) => sql`${position(db, t)} BETWEEN 1 AND ${position(db, '\n')}`);
  return sql`CASE WHEN ${sql.join(inTitle, sql` AND `)} THEN 0 ELSE 1 END`;
}

/** Rows the walk may read before the trigram index is cheaper (a row costs 1–3 µs, the index 5–20 ms for such words). */
const WALK_ROWS = 5_000;

/**
 * How a search counts its matches: on PostgreSQL, along the agency's date index (stopping once past the cap) or by the
 * trigram index; elsewhere by the text index. The trigram index reads every posting of every trigram of the terms in
 * the agency and then each candidate entry, which for common words costs far more than reading the few thousand
 * entries that hold the first COUNT_CAP matches; the planner cannot weigh this, so the choice is made here from two
 * estimates: the agency's entries and the matching ones (LIKE, which the planner estimates from its sample).
 */
async function strategy(db: DbLike, p: Plan): Promise<'walk' | 'index'> {
  if (db.dialect !== 'postgres') return 'index';
  // both estimates from one plan: the two parts of a UNION ALL
  type Node = { 'Plan Rows': number; Plans?: Node[] };
  const r = await sql<{ 'QUERY PLAN': Array<{ Plan: Node }> }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_doc d WHERE ${p.visible} UNION ALL SELECT 1 FROM search_doc d WHERE ${p.estimate}`.execute(db.k);
  const [entries, matches] = (r.rows[0]?.['QUERY PLAN'][0]?.Plan.Plans ?? []).map((n) => Number(n['Plan Rows']));
  if (entries === undefined || matches === undefined || entries <= COUNT_CAP) return 'index'; // at most COUNT_CAP: the walk could not stop early
  // the walk reads about entries / matches rows per match it finds and stops at the cap, or reads them all; for a
  // word in fewer than 1 in 20 entries the index, whose postings are short then, is cheaper
  const read = matches > COUNT_CAP ? ((COUNT_CAP + 1) * entries) / matches : entries;
  return read <= WALK_ROWS && matches * 20 >= entries ? 'walk' : 'index';
}

/** The strategy a search would use (for tests and diagnostics). */
export function countStrategy(db: DbLike, query: SearchQuery): Promise<'walk' | 'index'> {
  return strategy(db, plan(db, query, queryTerms(query.q)));
}

/** PostgreSQL runs search statements in a transaction that keeps the planner off full scans and JIT compiling. */
function withPlannerHints<T>(db: DbLike, run: (db: DbLike) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres' && !db.k.isTransaction) {
    // the planner stays off full scans (it cannot estimate the substring tests and would read whole tables to re-check
    // them; the GIN bitmap or the date index with an early stop are always cheaper here) and off JIT (the key function's
    // cost, migration 025, lifts these statements over its threshold: compiling takes longer than running), with memory
    // enough that a large agency's bitmap stays exact (a lossy one would compute the keys of every entry again)
    return db.k.transaction().execute(async (k) => {
      await sql`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`.execute(k);
      return run({ k, dialect: db.dialect });
    });
  }
  return run(db);
}

/**
 * When more than COUNT_CAP entries match, the title-first order covers the newest RANK_WINDOW matches (the first three
 * pages of 20) and the older ones follow newest first. Ranking every match would read every match (no index holds the
 * titles alone). The window is the first RANK_WINDOW of the newest-first count when it walked, else a walk of the date
 * index (see walkNewest), so its cost grows with its size and with the rarity of the term: 60 keeps it to a few ms.
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
  // counting stops past the cap and keeps what it found, so that a list of at most COUNT_CAP is ordered from it
  // without reading the matches again; the walk goes newest first along the agency's date index (the order keeps the
  // planner on it), so that what it found is also the newest matches
  const walked = (await strategy(db, p)) === 'walk';
  const found = await findMatches(db, rank, walked ? newestWhere(p.walk) : matching(p), COUNT_CAP + 1);
  const counted = found.length;
  const newest = newestFirst(db);
  const titleFirst = (a: Found, b: Found) => a.body_only - b.body_only || newest(a, b);
  let list = found;
  if (counted <= COUNT_CAP) list.sort(titleFirst);
  else {
    // the newest matches, enough for the rank window and this page: from the count's walk, or a short walk of the
    // agency's newest entries, or else the text index
    const need = Math.max(RANK_WINDOW, offset + limit);
    list = walked && counted >= need ? found.slice(0, need) : ((await walkNewest(db, query, p, rank, need)) ?? (await newestByIndex(db, p, rank, need)));
    list = [...list.slice(0, RANK_WINDOW).sort(titleFirst), ...list.slice(RANK_WINDOW)];
  }
  const rows = await rowsById(db, cols, list.slice(offset, offset + limit).map((f) => f.id));
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

/** A match as the count and the walks find it: enough to order it without reading it again. */
interface Found {
  id: number;
  published_at: string | null;
  /** see bodyOnly */
  body_only: number;
}

/** At most n matches of a FROM clause over search_doc d (see matching and newestWhere). */
async function findMatches(db: DbLike, rank: RawBuilder<unknown>, from: RawBuilder<unknown>, n: number): Promise<Found[]> {
  const rows = (await sql<Found>`SELECT d.id, d.published_at, ${rank} AS body_only FROM ${from} LIMIT ${n}`.execute(db.k)).rows;
  return rows.map((r) => ({ id: Number(r.id), published_at: r.published_at, body_only: Number(r.body_only) }));
}

/** The entries that meet the conditions, newest first along the agency's date index. */
const newestWhere = (where: RawBuilder<unknown>) => sql`search_doc d WHERE ${where} ORDER BY d.published_at DESC, d.id DESC`;

/**
 * Newest first, as both databases order `published_at DESC, id DESC` (dates are ISO strings in both): PostgreSQL puts
 * the entries without a date first, SQLite last.
 */
function newestFirst(db: DbLike): (a: Found, b: Found) => number {
  const undated = db.dialect === 'postgres' ? -1 : 1;
  return (a, b) => (a.published_at === b.published_at ? b.id - a.id : a.published_at === null ? undated : b.published_at === null ? -undated : a.published_at < b.published_at ? 1 : -1);
}

/** The entries with these ids, in this order. */
async function rowsById(db: DbLike, cols: RawBuilder<unknown>, ids: number[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const rows = (await sql<Row & { id: number }>`SELECT d.id, ${cols} FROM search_doc d WHERE d.id IN (${sql.join(ids)})`.execute(db.k)).rows;
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Row & { id: number } => r !== undefined);
}

/** Entries a walk reads at most before the text index takes over (a substring test costs a few µs an entry). */
const WALK_BOUND = 4000;

/**
 * The newest `need` matches, newest first (published_at, then id), by walking the agency's date index no further than
 * its WALK_BOUND newest entries; null when those hold fewer (a rarer word: the text index is cheaper).
 */
async function walkNewest(db: DbLike, query: SearchQuery, p: Plan, rank: RawBuilder<unknown>, need: number): Promise<Found[] | null> {
  // the date of the agency's (or the fiscal year's) WALK_BOUND-th newest entry, of any language, kind or visibility:
  // read from an index alone, not the entries; none: there are fewer, all walked
  const year = query.fiscalYear ? sql` AND d.fiscal_year = ${query.fiscalYear}` : sql``;
  const cut = (await sql<{ published_at: string | null }>`SELECT d.published_at FROM search_doc d WHERE d.agency_id = ${query.agencyId}${year} ORDER BY d.published_at DESC LIMIT 1 OFFSET ${WALK_BOUND - 1}`.execute(db.k)).rows[0];
  if (cut && cut.published_at === null) return null;
  const walk = async (bound: RawBuilder<unknown>, n: number) => (n <= 0 ? [] : findMatches(db, rank, newestWhere(sql`${p.walk} AND ${bound}`), n));
  const dated = cut ? sql`d.published_at >= ${cut.published_at}` : sql`d.published_at IS NOT NULL`;
  // entries without a date come first in PostgreSQL's descending order and last in SQLite's; each part is a range of the index
  const undated = (n: number) => walk(sql`d.published_at IS NULL`, n);
  let found: Found[];
  if (db.dialect === 'postgres') {
    found = await undated(need);
    found = found.concat(await walk(dated, need - found.length));
  } else {
    found = await walk(dated, need);
    if (!cut) found = found.concat(await undated(need - found.length));
  }
  return found.length >= need || !cut ? found : null;
}

/** The newest `need` matches by the text index: a rarer word, or one that the agency's newest entries hold too few of. */
async function newestByIndex(db: DbLike, p: Plan, rank: RawBuilder<unknown>, need: number): Promise<Found[]> {
  const where = p.match ? sql`${p.where} AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${p.match})` : p.where;
  return findMatches(db, rank, newestWhere(where), need);
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
