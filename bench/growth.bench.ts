// Cost as content grows (#9, 5): the demo agency with its published documents and news copied to 10× and 100×,
// and OIT years copied to five with their bindings, the extra bindings pointing at the copies; then the time to
// render the list pages, /oit/{year}, /sitemap.xml and a search, in process (app.inject), with the page cache off
// and the TTL caches emptied before each request, on both databases. Prints the median and p95 of BENCH_GROWTH_RUNS
// requests per page and the ratio to 1× (target: list pages and /oit/{year} within 2× at 100×).
import { sql } from 'kysely';
import { startApp, type TestApp } from '../test/support/app.ts';
import { dbTargets } from '../test/support/db.ts';
import { staff } from '../test/support/fixtures.ts';
import { firstAgencyId } from '../src/platform/tenant.ts';
import { tx } from '../src/platform/db/index.ts';
import { receivePublicChange } from '../src/platform/changes.ts';
import { syncSearch } from '../src/modules/publishing/service.ts';
import { copyYear } from '../src/modules/oit/service.ts';
import { listYears } from '../src/modules/oit/store.ts';

const DAY = 24 * 3600_000;

function stats(ms: number[]): { p50: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95) };
}

/** Copies every published document and news item factor − 1 times (older, so the newest stay first), indexed for search. */
async function growContent(t: TestApp, agencyId: number, factor: number): Promise<number[]> {
  const db = t.p.db;
  const base = await db.k.selectFrom('content').selectAll().where('agency_id', '=', agencyId).where('status', '=', 'published').where('kind', 'in', ['document', 'news']).execute();
  const ids: number[] = [];
  for (let k = 1; k < factor; k++) {
    await tx(db, async (q) => {
      for (const c of base) {
        const { id: _id, ...row } = c;
        const shifted = (v: string | null) => (v ? new Date(Date.parse(v) - k * DAY).toISOString() : v);
        const copy = await q.k
          .insertInto('content')
          .values({ ...row, slug: `${c.slug}-g${k}`, title_th: `${c.title_th} (${k})`, published_at: shifted(c.published_at), publish_at: shifted(c.publish_at) })
          .returningAll()
          .executeTakeFirstOrThrow();
        await syncSearch(q, copy);
        ids.push(copy.id);
      }
    });
  }
  return ids;
}

/** Five OIT years (the latest copied forward with its bindings), then factor − 1 more bindings per existing one, to the copies. */
async function growOit(t: TestApp, agencyId: number, factor: number, copies: number[]): Promise<{ year: number; bindings: number }> {
  const db = t.p.db;
  const admin = await staff(t.p, ['admin']);
  let years = await listYears(db, agencyId);
  const latest = years[0]!;
  for (let y = latest + 1; years.length < 5; y++) {
    await copyYear(t.p, admin, latest, y, true);
    years = await listYears(db, agencyId);
  }
  const bindings = await db.k.selectFrom('oit_binding').selectAll().where('agency_id', '=', agencyId).execute();
  const now = new Date().toISOString();
  let n = 0;
  await tx(db, async (q) => {
    for (const b of bindings) {
      for (let k = 1; k < factor && copies.length; k++) {
        const ref = String(copies[(n++ * 7919) % copies.length]);
        await q.k.insertInto('oit_binding').values({ agency_id: agencyId, item_id: b.item_id, provider: 'content', ref, url: '', label: '', sort_order: b.sort_order + k, created_by: admin.id, created_at: now }).execute();
      }
    }
  });
  return { year: latest, bindings: bindings.length + n };
}

export async function benchGrowth(): Promise<void> {
  const factors = (process.env.BENCH_GROWTH ?? '1,10,100').split(',').map(Number).filter((f) => f >= 1);
  const runs = Number(process.env.BENCH_GROWTH_RUNS ?? 30);
  for (const target of await dbTargets()) {
    if (target.skip) {
      console.log(`\n== growth, ${target.name}: skipped (${target.skip}) ==`);
      continue;
    }
    const rows = new Map<string, Map<number, { p50: number; p95: number }>>();
    const sizes: string[] = [];
    for (const factor of factors) {
      const t = await startApp(target, { env: { PAGE_CACHE_MB: '0' } });
      try {
        const agencyId = (await firstAgencyId(t.p.db))!;
        const copies = await growContent(t, agencyId, factor);
        const { year, bindings } = await growOit(t, agencyId, factor, copies);
        // what autovacuum does within a minute of a bulk load on PostgreSQL (insert-triggered vacuum since PostgreSQL 13):
        // fresh planner statistics and a visibility map, so that counts can be answered from the index alone
        if (t.p.db.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(t.p.db.k);
        const docs = await t.p.db.k.selectFrom('content').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).where('status', '=', 'published').executeTakeFirstOrThrow();
        sizes.push(`${factor}×: ${Number(docs.n)} published items, ${bindings} OIT bindings over 5 years`);
        const pages = ['/documents', '/documents?page=3', '/news', `/oit/${year}`, '/oit', '/sitemap.xml', '/search?q=%E0%B8%87%E0%B8%9A%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%A1%E0%B8%B2%E0%B8%93'];
        for (const url of pages) {
          // warmed well past the JIT so that the first factor is not measured cold
          for (let i = 0; i < 20; i++) await t.app.inject({ url });
          const ms: number[] = [];
          for (let i = 0; i < runs; i++) {
            // every render measured is the first after a public change: the per-process TTL caches (home blocks, the
            // OIT index) start empty, so that what they hide is measured too
            receivePublicChange(agencyId);
            const t0 = performance.now();
            const r = await t.app.inject({ url });
            ms.push(performance.now() - t0);
            if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
          }
          const label = url.startsWith('/search') ? '/search?q=งบประมาณ' : url;
          (rows.get(label) ?? rows.set(label, new Map()).get(label)!).set(factor, stats(ms));
        }
      } finally {
        await t.close();
      }
    }
    console.log(`\n== growth, ${target.name}: render time in process, page cache off, median / p95 of ${runs} (ms) ==`);
    for (const s of sizes) console.log(`  ${s}`);
    console.log(`${'page'.padEnd(26)}${factors.map((f) => `${f}×`.padStart(16)).join('')}   ${factors.length > 1 ? `${factors.at(-1)}× / 1×` : ''}`);
    for (const [label, byFactor] of rows) {
      const cells = factors.map((f) => {
        const v = byFactor.get(f)!;
        return `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)}`.padStart(16);
      });
      const first = byFactor.get(factors[0]!)!.p50;
      const last = byFactor.get(factors.at(-1)!)!.p50;
      console.log(`${label.padEnd(26)}${cells.join('')}   ${factors.length > 1 ? `${(last / first).toFixed(2)}×` : ''}`);
    }
  }
}
