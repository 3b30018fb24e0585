// Search latency over 100,000 generated Thai documents, on SQLite and on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, sql, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { search } from '../src/platform/search/index.ts';
import { foldForSearch, segmentWords } from '../src/platform/thai/index.ts';
import { migrations } from '../src/server.ts';
import { createPgDatabase } from '../test/support/db.ts';

const SOURCE = [
  'องค์การบริหารส่วนจังหวัดกาฬสินธุ์ได้ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณ',
  'หน่วยงานควรมีการพัฒนาวิธีการเผยแพร่และประชาสัมพันธ์แผนการดำเนินงานและแผนการใช้จ่ายงบประมาณประจำปี',
  'ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้แก่บุคลากรภายในหน่วยงานผ่านช่องทางออนไลน์และบอร์ดประชาสัมพันธ์',
  'กำหนดมาตรการสำหรับการป้องกันการทุจริตจากการเบิกจ่ายเงินที่เป็นเท็จตลอดจนบังคับใช้จนเกิดผลสัมฤทธิ์',
  'จัดทำคู่มือหรือมาตรฐานการปฏิบัติงานหรือคู่มือการให้บริการแล้วเผยแพร่ประชาสัมพันธ์ให้แก่ผู้รับบริการ',
  'เผยแพร่รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปีและสรุปผลการจัดซื้อจัดจ้างรายเดือนแบบสขร',
  'มีช่องทางการร้องเรียนที่สะดวกเข้าถึงได้ง่ายสร้างความมั่นใจแก่ผู้ร้องเรียนว่าจะมีการเก็บรักษาข้อมูลเป็นความลับ',
  'เจ้าหน้าที่ลงพื้นที่ให้บริการประชาชนที่ญี่ปุ่นชี้แจงว่าฟ้าฝนไม่เป็นอุปสรรคต่อการซ่อมแซมถนนและรางระบายน้ำ',
  'ประกาศเจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ของผู้บริหารและบุคลากร',
  'แผนบริหารจัดการความเสี่ยงการทุจริตและประพฤติมิชอบในการใช้ทรัพย์สินของราชการและการอนุมัติอนุญาต',
];
const QUERIES = ['ประเมิน', 'งบประมาณ', 'การประเมินคุณธรรม', 'กาฬสินธุ์', 'ทุจริต', 'ที่', 'ใน', 'สขร', 'รางระบายน้ำ', 'คอมพิวเตอร์', 'งบประมาณ ทุจริต'];

// a small deterministic generator, so both databases hold the same documents
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

export function documents(n: number): Array<{ title: string; body: string }> {
  const words = SOURCE.flatMap((s) => segmentWords(s));
  const r = rng(42);
  const pick = () => words[Math.floor(r() * words.length)]!;
  const out = [];
  for (let i = 0; i < n; i++) {
    const src = SOURCE[Math.floor(r() * SOURCE.length)]!;
    const start = Math.floor(r() * (src.length / 2));
    const body = [src.slice(start, start + 60 + Math.floor(r() * 60)), Array.from({ length: 8 + Math.floor(r() * 12) }, pick).join(''), SOURCE[Math.floor(r() * SOURCE.length)]!.slice(0, 50)].join(' ');
    out.push({ title: Array.from({ length: 4 + Math.floor(r() * 5) }, pick).join(''), body });
  }
  return out;
}

/**
 * Loads the documents into `agencies` new agencies and returns their ids. With more than one, the first (a provincial
 * administrative organization) holds every tenth document and the others share the rest: a province hosting its
 * local agencies on one server.
 */
export async function load(db: Db, docs: Array<{ title: string; body: string }>, agencies = 1): Promise<number[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let a = 0; a < agencies; a++) {
    const slug = a === 0 ? 'bench' : `bench-${a}`;
    ids.push((await db.k.insertInto('agency').values({ slug, hostname: null, name_th: `หน่วยงานทดสอบ ${a}`, name_en: '', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const agencyOf = (i: number) => ids[agencies === 1 || i % 10 === 0 ? 0 : 1 + (i % (agencies - 1))]!;
  for (let i = 0; i < docs.length; i += 1000) {
    const batch = docs.slice(i, i + 1000).map((d, j) => ({
      agency_id: agencyOf(i + j), kind: 'document', ref_id: String(i + j), lang: 'th', title: d.title, body: d.body, url: `/documents/d${i + j}`,
      fiscal_year: 2567 + ((i + j) % 4), published_at: new Date(Date.UTC(2023, 9, 1) + (i + j) * 60_000).toISOString(), search_text: `${foldForSearch(d.title)}\n${foldForSearch(d.body)}`, updated_at: now,
    }));
    await db.k.transaction().execute((t) => t.insertInto('search_doc').values(batch).execute());
  }
  return ids;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, db: Db, agencyId: number, count: number, of = ''): Promise<void> {
  const all: number[] = [];
  const rows: string[] = [];
  for (const q of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      const r = await search(db, { agencyId, q, lang: 'th', limit: 20, offset: 0 }); // as the search page asks for a Thai visitor
      const ms = performance.now() - t0;
      total = r.total;
      if (i >= 2) times.push(ms); // the first runs warm the caches
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push(`  ${q.padEnd(20)} ${String(total).padStart(7)} hits   p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms`);
  }
  all.sort((a, b) => a - b);
  console.log(`\n== search, ${name}, ${count.toLocaleString('en')} documents${of}, count + newest 20 ==`);
  for (const r of rows) console.log(r);
  console.log(`  all queries               p50 ${pct(all, 50).toFixed(1).padStart(6)} ms   p95 ${pct(all, 95).toFixed(1).padStart(6)} ms   (target p95 < ${count > 100_000 ? '50 ms at 1,000,000 on PostgreSQL' : '25 ms at 100,000'})`);
}

// BENCH_SEARCH_DBS=postgres measures one database (e.g. with BENCH_SEARCH_DOCS=1000000, the province case: past
// 100,000 documents they belong to BENCH_SEARCH_AGENCIES agencies, 100 by default, see load())
export async function benchSearch(count = Number(process.env.BENCH_SEARCH_DOCS ?? 100_000), dbs = (process.env.BENCH_SEARCH_DBS ?? 'sqlite,postgres').split(',')): Promise<void> {
  const docs = documents(count);
  const agencies = Number(process.env.BENCH_SEARCH_AGENCIES ?? (count > 100_000 ? 100 : 1));
  // the agency with every tenth document, then one of the others
  const each = async (name: string, db: Db, ids: number[]) => {
    if (ids.length === 1) return measure(name, db, ids[0]!, count);
    for (const [id, share] of [[ids[0]!, 'every tenth'], [ids[1]!, `1 in ${Math.round((agencies - 1) / 0.9)}`]] as const) {
      const n = await db.k.selectFrom('search_doc').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', id).executeTakeFirstOrThrow();
      await measure(name, db, id, count, ` of ${agencies} agencies, searching one with ${Number(n.n).toLocaleString('en')} (${share})`);
    }
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-search-'));
  try {
    let t0 = performance.now();
    if (dbs.includes('sqlite')) {
      const lite = await openDb({ dataDir: dir });
      await migrateToLatest(lite, migrations);
      t0 = performance.now();
      const a = await load(lite, docs, agencies);
      console.log(`\nSQLite: loaded ${count} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await each('SQLite FTS5 trigram', lite, a);
      await lite.close();
    }
    const pg = !dbs.includes('postgres') ? null : await createPgDatabase().catch((err) => (console.log(`PostgreSQL not reachable, skipped: ${(err as Error).message}`), null));
    if (pg) {
      const db = await openDb({ databaseUrl: pg.url, dataDir: dir });
      try {
        await migrateToLatest(db, migrations);
        t0 = performance.now();
        const b = await load(db, docs, agencies);
        // what autovacuum does after a bulk load: planner statistics and the visibility map
        await sql`VACUUM ANALYZE search_doc`.execute(db.k);
        console.log(`\nPostgreSQL: loaded ${count} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        await each('PostgreSQL, the agency\'s trigram keys (GIN)', db, b);
      } finally {
        await db.close();
        await pg.drop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
