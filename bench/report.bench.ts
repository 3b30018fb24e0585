// The yearly report, from the real server (`npm start`'s bundle and node flags) over HTTP as a signed-in
// officer: the seed's report as PDF and DOCX warm (median of 20), a 200-measure report, and the server's
// peak memory. Targets: PDF < 1 s, DOCX < 0.3 s, 200 measures < 5 s, peak RSS < 300 MB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, toJson } from '../src/platform/db/index.ts';
import { startServer } from './server.ts';

const PASSWORD = 'bench-demo-password';
const WORDS = ['ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้แก่บุคลากรภายในหน่วยงาน', 'เผยแพร่รายงานผลการจัดซื้อจัดจ้างรายเดือนบนเว็บไซต์หลัก', 'กำหนดมาตรการป้องกันการทุจริตจากการเบิกจ่ายเงินที่เป็นเท็จ', 'จัดทำคู่มือการให้บริการและเผยแพร่ให้ผู้รับบริการทราบ'];

/** A large year straight into the database: 7 headings, 200 measures with milestones, outcomes and evidence. */
async function addLargeYear(dataDir: string, year: number): Promise<void> {
  const db = await openDb({ dataDir });
  const agencyId = (await db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
  const now = new Date().toISOString();
  await db.k.transaction().execute(async (k) => {
    await k.insertInto('ita_result').values({ agency_id: agencyId, year, iit: 9500, eit: 9000, oit: 9200, total: 9230, level_th: 'ผ่านดี', indicators: toJson({}), updated_by: null, updated_at: now }).execute();
    for (let h = 1; h <= 7; h++) {
      const issue = await k.insertInto('integrity_issue').values({ agency_id: agencyId, year, no: h, title_th: `ประเด็นที่ ${h} ${WORDS[h % 4]}`, title_en: '', indicators: '[]', oit_codes: '[]', remarks: '' }).returning('id').executeTakeFirstOrThrow();
      await k.insertInto('integrity_recommendation').values({ agency_id: agencyId, issue_id: issue.id, text_th: `หน่วยงานควร${WORDS[(h + 1) % 4]}`, sort_order: 0 }).execute();
      for (let m = 0; m < (h <= 4 ? 29 : 28); m++) {
        const mid = (await k.insertInto('integrity_measure').values({ agency_id: agencyId, issue_id: issue.id, recommendation_id: null, kind: 'measure', title_th: `${WORDS[m % 4]} ครั้งที่ ${m + 1}`, owner_division_id: null, owner_name: 'ผู้รับผิดชอบ', owner_email: '', start_date: '2031-10-01', due_date: '2032-09-30', steps: '', budget_satang: 0, status: 'done', percent: 100, summary: `ดำเนินการแล้วเสร็จ ${WORDS[(m + 2) % 4]}`, remarks: '', sort_order: m, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
        await k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: mid, day: '2032-03-31', note: 'ดำเนินการตามแผน', percent: 50, created_by: null, created_at: now }).execute();
      }
      for (let o = 0; o < 5; o++) {
        await k.insertInto('integrity_outcome').values({ agency_id: agencyId, issue_id: issue.id, measure_id: null, text_th: `ผลลัพธ์ที่ ${o + 1} ${WORDS[o % 4]}`, sort_order: o }).execute();
        await k.insertInto('integrity_evidence').values({ agency_id: agencyId, issue_id: issue.id, measure_id: null, title_th: `หลักฐานที่ ${o + 1}`, content_id: null, oit_year: 2567, oit_code: `O${o + 1}`, url: '', sort_order: o }).execute();
      }
    }
  });
  await db.close();
}

async function signIn(url: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => { const [pair] = c.split(';'); const i = pair!.indexOf('='); jar.set(pair!.slice(0, i), pair!.slice(i + 1)); });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${url}/login`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const r = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, username, password: PASSWORD }) });
  keep(r);
  if (r.status !== 303) throw new Error(`sign-in failed: ${r.status}`);
  return cookie();
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; bytes: Buffer }> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { cookie } });
  const bytes = Buffer.from(await r.arrayBuffer());
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return { ms: performance.now() - t0, bytes };
}

async function median(n: number, url: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timedGet(url, cookie)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

export async function benchReport(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-report-'));
  const env = { DATA_DIR: dataDir, PORT: '0', DEMO_PASSWORD: PASSWORD };
  try {
    await (await startServer(env)).stop(); // creates and seeds the database
    await addLargeYear(dataDir, 2575);
    const s = await startServer(env);
    const cookie = await signIn(s.url, 'integrity');
    const pdfUrl = `${s.url}/staff/integrity/2567/report/annual.pdf`;
    const docxUrl = `${s.url}/staff/integrity/2567/report/annual.docx`;
    for (let i = 0; i < 3; i++) await Promise.all([timedGet(pdfUrl, cookie), timedGet(docxUrl, cookie)]);
    const pdf = await median(20, pdfUrl, cookie);
    const docx = await median(20, docxUrl, cookie);
    const big = await timedGet(`${s.url}/staff/integrity/2575/report/annual.pdf`, cookie);
    const bigDocx = await timedGet(`${s.url}/staff/integrity/2575/report/annual.docx`, cookie);
    const pages = (big.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const rss = s.peakRssMb();
    await s.stop();
    console.log('\n== yearly report, from the server over HTTP (warm) ==');
    console.log(`seed report PDF   median of 20  ${pdf.toFixed(0)} ms   (target < 1000 ms)`);
    console.log(`seed report DOCX  median of 20  ${docx.toFixed(0)} ms   (target < 300 ms)`);
    console.log(`200-measure report PDF          ${big.ms.toFixed(0)} ms, ${pages} pages   (target < 5000 ms); DOCX ${bigDocx.ms.toFixed(0)} ms`);
    console.log(`peak RSS of the server          ${rss.toFixed(0)} MB   (target < 300 MB)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
