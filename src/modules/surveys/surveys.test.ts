// The ITA surveys through their real pages, on both databases: the demo's links shown inside the window (staff home,
// /staff/surveys, the public home, /ita-survey, the poster and its PDF, the E-Service confirmation and tracking pages,
// the sitemap) with their QR codes, and hidden outside it or before the links are set; the settings' validation,
// permission and audit; the anonymous pre-assessment: one answer per person (twice at once: one goes in), no person
// in the counts, the minimum group (4 answers: nothing shown; 5: results), the low topics, closing, permissions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { pdfText, unmarkedThai } from '../../../test/support/html.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import { bangkokDay, fiscalYear, fiscalYearRange } from '../../platform/thai/index.ts';
import { tx } from '../../platform/db/index.ts';
import { publicChanged } from '../../platform/changes.ts';
import { posterQr } from './poster.ts';
import { questionsOf, CURRENT_SET, SCALES } from './questions.ts';

const flat = (s: string) => s.replace(/[\s\u200b]+/g, '');
const DEMO_IIT = 'https://itas.nacc.go.th/go/iit/7QK4MD';
const DEMO_EIT = 'https://itas.nacc.go.th/go/eit/7QK4MD';
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A day as the Thai date input sends it: day, month, B.E. year. */
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y + 543) };
};

/** A valid 13-digit Thai national ID (its check digit computed). */
function nationalId(n: number): string {
  const twelve = `110${String(n).padStart(9, '0')}`;
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (13 - i), 0);
  return `${twelve}${(11 - (sum % 11)) % 10}`;
}

/** A window in the current fiscal year that does not include today. */
function windowWithoutToday(): { start: string; end: string } {
  const today = bangkokDay();
  const fy = fiscalYearRange(fiscalYear(today));
  return today > addDays(fy.firstDay, 1) ? { start: fy.firstDay, end: addDays(fy.firstDay, 1) } : { start: addDays(fy.lastDay, -1), end: fy.lastDay };
}

/** Every question answered with the best answer, except the given topic-4 questions (use of state property). */
function answers(over: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questionsOf(CURRENT_SET)) out[`q_${q.key}`] = String(SCALES[q.kind][0]!.score);
  return { ...out, ...over };
}
/** Topic 4 at 80.00: "มาก" (66.67) on its three level questions, "ไม่มี" (100) on its two yes/no questions. */
const TOPIC4_AT_80 = { q_i20: '6667', q_i22: '6667', q_i23: '6667' };

for (const target of await dbTargets()) {
  describe(`ITA surveys on ${target.name}`, { skip: target.skip }, () => {
    describe('with the demo', () => {
      let t: TestApp;
      before(async () => {
        t = await startApp(target);
      });
      after(() => t.close());

      const year = fiscalYear();
      const signIn = async (username: string) => {
        const a = t.agent();
        assert.equal((await a.login(username)).status, 303);
        return a;
      };
      const saveSettings = async (a: Agent, fields: Record<string, string>) => {
        await a.get(`/staff/surveys/settings/${year}`);
        return a.post(`/staff/surveys/settings/${year}`, fields);
      };
      const requestAndTrack = async () => {
        const citizen = t.agent();
        citizen.ip = `10.21.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200) + 1}`;
        await citizen.get('/e-service/elderly-allowance/request');
        const sent = await citizen.post('/e-service/elderly-allowance/request', {
          f_national_id: nationalId(Math.floor(Math.random() * 1e8)), f_home: 'บ้านโนนสูง หมู่ 3', f_pay_by: '1', name: 'นางทดสอบ แบบวัด', consent: 'on',
          'f_born_on-day': '14', 'f_born_on-month': '3', 'f_born_on-year': '2508',
        });
        assert.equal(sent.status, 200, textOf(sent.body).slice(0, 300));
        const code = /<strong class="receipt code">([0-9A-Z-]{14})<\/strong>/.exec(sent.body)![1]!;
        const track = await citizen.get(`/e-service/track?code=${code}`);
        assert.equal(track.status, 200, textOf(track.body).slice(0, 300));
        return { confirmation: sent.body, track: track.body };
      };

      test('inside the window: the IIT on the staff home and /staff/surveys, the EIT on the public pages, with QR codes', async () => {
        const a = await signIn('service');
        const home = await a.get('/staff');
        assert.match(textOf(home.body), new RegExp(`ตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน \\(IIT\\) ของสำนักงาน ป\\.ป\\.ช\\. ปีงบประมาณ พ\\.ศ\\. ${year} \\(รหัสเข้าตอบ 7QK4MD\\)`));
        assert.match(home.body, /href="\/staff\/surveys#iit"/);
        assert.match(home.body, /id="home-iit"/, 'the IIT block on the staff home');
        assert.ok(home.body.includes(`href="${DEMO_IIT}"`), 'with the IIT link');
        assert.match(home.body, /<svg role="img" aria-label="คิวอาร์โค้ดเปิดแบบวัด IIT ของสำนักงาน ป\.ป\.ช\."/, 'and its QR code');
        const mine = await a.get('/staff/surveys');
        assert.equal(mine.status, 200);
        assert.ok(mine.body.includes(`href="${DEMO_IIT}"`), 'the IIT link');
        assert.match(mine.body, /<svg role="img" aria-label="คิวอาร์โค้ดเปิดแบบวัด IIT ของสำนักงาน ป\.ป\.ช\."[^>]*viewBox="0 0 \d+ \d+"/, 'the QR code, inline SVG with its name');
        assert.match(mine.body, /<path[^>]+d="M/, 'drawn');
        assert.match(textOf(mine.body), /รหัสเข้าตอบแบบวัด: 7QK4MD/);
        assert.ok(!mine.body.includes(DEMO_EIT), 'staff see the IIT, not the EIT, here');

        const anon = t.agent();
        const pub = await anon.get('/');
        assert.match(pub.body, /id="home-ita-survey"/);
        assert.ok(pub.body.includes(`href="${DEMO_EIT}"`));
        const page = await anon.get('/ita-survey');
        assert.equal(page.status, 200);
        assert.ok(page.body.includes(`href="${DEMO_EIT}"`));
        assert.match(page.body, /<svg role="img" aria-label="คิวอาร์โค้ดเปิดแบบวัด EIT ของสำนักงาน ป\.ป\.ช\."/);
        assert.match(textOf(page.body), new RegExp(`ปีงบประมาณ พ\\.ศ\\. ${year}`));
        assert.match(textOf(page.body), /IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน/, 'what the IIT and EIT are');
        assert.ok(!page.body.includes(DEMO_IIT), 'the public never sees the staff survey');

        const poster = await anon.get('/ita-survey/poster');
        assert.equal(poster.status, 200);
        assert.match(poster.body, /<svg role="img"[^>]*class="survey-qr poster-qr"/);
        assert.match(textOf(poster.body), /ขอเชิญร่วมตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก \(EIT\)/);
        const css = /<link rel="stylesheet" href="(\/ita-survey\/poster\.css\?v=[0-9a-f]{10})"/.exec(poster.body)?.[1];
        assert.ok(css, 'the poster links its print style sheet');
        const sheet = await anon.get(css);
        assert.equal(sheet.status, 200);
        assert.match(String(sheet.headers['content-type']), /^text\/css/);
        assert.match(sheet.body, /@page \{ size: A4 portrait;/);
        const pdf = await anon.get('/ita-survey/poster.pdf');
        assert.equal(pdf.status, 200);
        assert.equal(pdf.raw.subarray(0, 5).toString(), '%PDF-');
        const text = flat(pdfText(pdf.raw));
        assert.ok(text.includes(flat('สแกนคิวอาร์โค้ดเพื่อตอบแบบวัด')), text.slice(0, 300));
        assert.ok(text.includes('7QK4MD'));
        assert.match((await anon.get('/sitemap.xml')).body, /\/ita-survey<\/loc>/);

        const { confirmation, track } = await requestAndTrack();
        for (const [name, html] of [['confirmation', confirmation], ['tracking', track]] as const) {
          assert.ok(html.includes(`href="${DEMO_EIT}"`), `the EIT link on the ${name} page`);
          assert.match(html, /<svg role="img" aria-label="คิวอาร์โค้ดเปิดแบบวัด EIT/, `the QR code on the ${name} page`);
          assert.match(textOf(html), /รหัสเข้าตอบแบบวัด: 7QK4MD/);
        }
      });

      test('outside the window, or without links: nothing for the public or staff; the managers see what is missing', async () => {
        const admin = await signIn('admin');
        const outside = windowWithoutToday();
        let r = await saveSettings(admin, { iit_url: DEMO_IIT, iit_code: '7QK4MD', eit_url: DEMO_EIT, eit_code: '7QK4MD', ...dateFields('window_start', outside.start), ...dateFields('window_end', outside.end) });
        assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
        const hidden = async () => {
          const anon = t.agent();
          assert.ok(!(await anon.get('/')).body.includes('home-ita-survey'), 'no block on the public home');
          const page = await anon.get('/ita-survey');
          assert.equal(page.status, 404);
          assert.match(textOf(page.body), /ขณะนี้ไม่อยู่ในช่วงเวลาตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก/);
          assert.ok(!page.body.includes(DEMO_EIT));
          assert.equal((await anon.get('/ita-survey/poster')).status, 404);
          assert.equal((await anon.get('/ita-survey/poster.pdf')).status, 404);
          assert.ok(!(await anon.get('/sitemap.xml')).body.includes('/ita-survey'));
          const { confirmation, track } = await requestAndTrack();
          assert.ok(!confirmation.includes('itas.nacc.go.th') && !track.includes('itas.nacc.go.th'), 'no EIT block on the E-Service pages');
          const s = await signIn('service');
          const staffHome = (await s.get('/staff')).body;
          assert.ok(!textOf(staffHome).includes('(IIT)'), 'no IIT line on the staff home');
          assert.ok(!staffHome.includes('home-iit') && !staffHome.includes(DEMO_IIT), 'no IIT block either');
          const mine = await s.get('/staff/surveys');
          assert.ok(!mine.body.includes(DEMO_IIT) && !mine.body.includes('survey-qr'), 'no IIT link or QR code');
        };
        await hidden();
        const outsideText = textOf((await (await signIn('service')).get('/staff/surveys')).body);
        assert.match(outsideText, /ขณะนี้ไม่อยู่ในช่วงเวลาตอบแบบวัด IIT/);

        // the window covers today again, but the links are gone
        const today = bangkokDay();
        const [s, e] = today === fiscalYearRange(year).lastDay ? [addDays(today, -1), today] : [today, addDays(today, 1)];
        r = await saveSettings(admin, { iit_url: '', iit_code: '', eit_url: '', eit_code: '', ...dateFields('window_start', s), ...dateFields('window_end', e) });
        assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
        await hidden();
        const settings = textOf((await admin.get(`/staff/surveys/settings/${year}`)).body);
        assert.match(settings, /ลิงก์แบบวัด IIT \(บุคลากรจะไม่เห็นลิงก์\)/);
        assert.match(settings, /ลิงก์แบบวัด EIT \(ประชาชนจะไม่เห็นลิงก์\)/);
        assert.match(settings, /ขณะนี้ประชาชนไม่เห็นลิงก์แบบวัด EIT/);
        assert.match(textOf((await admin.get('/staff')).body), new RegExp(`ลิงก์และช่วงเวลาแบบวัด IIT/EIT ปีงบประมาณ พ\\.ศ\\. ${year} ยังขาด 2 รายการ`), 'the to-do line');

        // back as the demo had it: shown again
        const fy = fiscalYearRange(year);
        r = await saveSettings(admin, { iit_url: DEMO_IIT, iit_code: '7QK4MD', eit_url: DEMO_EIT, eit_code: '7QK4MD', ...dateFields('window_start', fy.firstDay), ...dateFields('window_end', fy.lastDay) });
        assert.equal(r.status, 303);
        assert.equal((await t.agent().get('/ita-survey')).status, 200);
        assert.ok((await t.agent().get('/')).body.includes('home-ita-survey'), 'the cached home page was cleared by the change');
      });

      test('settings: https only, a code with its link, both days, end after start, within the fiscal year; permission; audit', async () => {
        const admin = await signIn('integrity');
        const fy = fiscalYearRange(year);
        const good = { iit_url: DEMO_IIT, iit_code: '7QK4MD', eit_url: DEMO_EIT, eit_code: '7QK4MD', ...dateFields('window_start', fy.firstDay), ...dateFields('window_end', fy.lastDay) };
        const refused = async (fields: Record<string, string>, message: RegExp, field: string) => {
          const r = await saveSettings(admin, { ...good, ...fields });
          assert.equal(r.status, 422, `${message}: ${textOf(r.body).slice(0, 300)}`);
          assert.match(textOf(r.body), message);
          assert.match(r.body, new RegExp(`id="f-${field}-error"`), `on the field ${field}`);
        };
        await refused({ eit_url: 'http://itas.nacc.go.th/go/eit/7QK4MD' }, /ลิงก์ต้องขึ้นต้นด้วย https:\/\//, 'eit_url');
        await refused({ iit_url: 'javascript:alert(1)' }, /ลิงก์แบบวัด IIT: /, 'iit_url');
        await refused({ iit_code: 'รหัส<script>' }, /รหัสใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และขีด/, 'iit_code');
        await refused({ eit_url: '', eit_code: 'ABC123' }, /กรอกลิงก์ของแบบวัดนี้ด้วย/, 'eit_code');
        await refused({ ...dateFields('window_start', addDays(fy.firstDay, 10)), ...dateFields('window_end', addDays(fy.firstDay, 10)) }, /วันสุดท้ายต้องอยู่หลังวันเริ่ม/, 'window_end');
        await refused({ ...dateFields('window_start', addDays(fy.firstDay, 10)), ...dateFields('window_end', addDays(fy.firstDay, 3)) }, /วันสุดท้ายต้องอยู่หลังวันเริ่ม/, 'window_end');
        await refused({ ...dateFields('window_start', addDays(fy.firstDay, -1)) }, new RegExp(`วันที่ต้องอยู่ในปีงบประมาณ พ\\.ศ\\. ${year}`), 'window_start');
        await refused({ ...dateFields('window_end', addDays(fy.lastDay, 1)) }, new RegExp(`วันที่ต้องอยู่ในปีงบประมาณ พ\\.ศ\\. ${year}`), 'window_end');
        await refused({ 'window_end-day': '', 'window_end-month': '', 'window_end-year': '' }, /กรอกวันสุดท้ายด้วย หรือเว้นว่างทั้งสองวัน/, 'window_end');
        await refused({ 'window_start-day': '31', 'window_start-month': '2' }, /ไม่มีวันที่ 31/, 'window_start');
        const kept = await saveSettings(admin, { ...good, eit_url: 'http://kept.example/eit' });
        assert.match(kept.body, /value="http:\/\/kept\.example\/eit"/, 'what was typed comes back');

        // English messages too
        const en = await signIn('integrity');
        await en.get(`/lang/en?next=/staff/surveys/settings/${year}`);
        const english = await saveSettings(en, { ...good, iit_url: 'http://x.example' });
        assert.match(textOf(english.body), /The link must start with https:\/\//);

        const ok = await saveSettings(admin, good);
        assert.equal(ok.status, 303);
        const audit = await t.p.db.k.selectFrom('audit_event').select(['summary', 'actor_label']).where('action', '=', 'surveys.settings.save').orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(audit.actor_label, 'integrity');
        assert.match(audit.summary, new RegExp(`fiscal year ${year} saved: IIT link set, EIT link set, window ${fy.firstDay} to ${fy.lastDay}`));

        const publisher = await signIn('publisher');
        assert.equal((await publisher.get(`/staff/surveys/settings/${year}`)).status, 403);
        await publisher.get('/staff/surveys');
        assert.equal((await publisher.post(`/staff/surveys/settings/${year}`, good)).status, 403);
        assert.equal((await admin.post(`/staff/surveys/settings/${year}`, good, { csrf: false })).status, 403, 'CSRF');
        assert.equal((await admin.get('/staff/surveys/settings/12')).status, 404);
      });

      test('a link too long for a QR code: refused by the settings; one already saved fails no page', async () => {
        const admin = await signIn('integrity');
        const fy = fiscalYearRange(year);
        const good = { iit_url: DEMO_IIT, iit_code: '7QK4MD', eit_url: DEMO_EIT, eit_code: '7QK4MD', ...dateFields('window_start', fy.firstDay), ...dateFields('window_end', fy.lastDay) };
        // 1,000 characters (what the field takes), 2,956 bytes of UTF-8: more than a QR code holds
        const long = `https://example.go.th/${'ก'.repeat(978)}`;
        assert.equal(long.length, 1000);
        for (const field of ['eit_url', 'iit_url']) {
          const r = await saveSettings(admin, { ...good, [field]: long });
          assert.equal(r.status, 422, textOf(r.body).slice(0, 300));
          assert.match(textOf(r.body), /ลิงก์นี้ยาวเกินกว่าจะสร้างคิวอาร์โค้ดได้/);
          assert.match(r.body, new RegExp(`id="f-${field}-error"`), `on the field ${field}`);
        }
        const en = await signIn('integrity');
        await en.get(`/lang/en?next=/staff/surveys/settings/${year}`);
        assert.match(textOf((await saveSettings(en, { ...good, eit_url: long })).body), /This link is too long to be made into a QR code/);
        const saved = await t.p.db.k.selectFrom('survey_settings').select(['iit_url', 'eit_url']).where('fiscal_year', '=', year).executeTakeFirstOrThrow();
        assert.deepEqual(saved, { iit_url: DEMO_IIT, eit_url: DEMO_EIT }, 'nothing saved');

        // one already in the database (saved before the rule, or written there): every page still answers
        const setLinks = (iit: string, eit: string) => tx(t.p.db, async (x) => {
          await x.k.updateTable('survey_settings').set({ iit_url: iit, eit_url: eit }).where('fiscal_year', '=', year).execute();
          publicChanged(x, (await x.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id);
        });
        await setLinks(long, long);
        try {
          const staffHome = await admin.get('/staff');
          assert.equal(staffHome.status, 200);
          assert.ok(!staffHome.body.includes('id="home-iit"'), 'the staff home without the IIT block');
          const mine = await admin.get('/staff/surveys');
          assert.equal(mine.status, 200);
          assert.match(textOf(mine.body), /แสดงลิงก์แบบวัดนี้ไม่ได้ เพราะลิงก์ที่บันทึกไว้ยาวเกินกว่าจะสร้างคิวอาร์โค้ดได้/);
          const anon = t.agent();
          const home = await anon.get('/');
          assert.equal(home.status, 200);
          const { confirmation, track } = await requestAndTrack();
          assert.ok(!confirmation.includes('id="ita-eit-title"') && !track.includes('id="ita-eit-title"'), 'the E-Service pages without the EIT block');
          for (const path of ['/ita-survey', '/ita-survey/poster', '/ita-survey/poster.pdf']) {
            const r = await anon.get(path);
            assert.equal(r.status, 503, path);
            assert.match(textOf(r.body), /แสดงลิงก์แบบวัดไม่ได้ในขณะนี้/, path);
          }
        } finally {
          await setLinks(DEMO_IIT, DEMO_EIT);
        }
        assert.ok((await t.agent().get('/')).body.includes('home-ita-survey'));
      });

      test('the poster PDF: its model is kept, so a repeated request draws no QR code', async (ctx) => {
        const admin = await signIn('integrity');
        const fy = fiscalYearRange(year);
        // a code no earlier request drew a poster for
        const code = `P${Date.now().toString(36).toUpperCase()}`;
        const fields = { iit_url: DEMO_IIT, iit_code: '7QK4MD', eit_url: DEMO_EIT, eit_code: code, ...dateFields('window_start', fy.firstDay), ...dateFields('window_end', fy.lastDay) };
        assert.equal((await saveSettings(admin, fields)).status, 303);
        const png = ctx.mock.method(posterQr, 'png');
        try {
          const anon = t.agent();
          const first = await anon.get('/ita-survey/poster.pdf');
          assert.equal(first.status, 200);
          assert.equal(png.mock.callCount(), 1, 'drawn once');
          const second = await anon.get('/ita-survey/poster.pdf');
          assert.equal(second.status, 200);
          assert.ok(second.raw.equals(first.raw), 'the same bytes');
          assert.equal(png.mock.callCount(), 1, 'not drawn again');
          assert.ok(flat(pdfText(second.raw)).includes(code));
        } finally {
          png.mock.restore();
          assert.equal((await saveSettings(admin, { ...fields, eit_code: '7QK4MD' })).status, 303);
        }
      });

      test('in English, every page of the module is English, and Thai only where marked (the poster is Thai)', async () => {
        const a = await signIn('integrity');
        await a.get('/lang/en?next=/');
        const round = /href="(\/staff\/surveys\/rounds\/\d+)"/.exec((await a.get('/staff/surveys/rounds')).body)![1]!;
        for (const url of ['/', '/ita-survey', '/ita-survey/poster', '/staff', '/staff/surveys', `/staff/surveys/settings/${year}`, '/staff/surveys/rounds', round, `${round.replace(/\d+$/, '999999')}`]) {
          const r = await a.get(url);
          assert.ok(r.status === 200 || url.endsWith('999999'), `${url}: ${r.status}`);
          assert.match(r.body, /<html lang="en"/, url);
          assert.deepEqual(unmarkedThai(r.body), [], `${url}: Thai outside lang="th"`);
        }
        assert.match(textOf((await a.get(round)).body), /4\. Use of state property 78\.89 Likely to score low/);
        const anon = t.agent();
        await anon.get('/lang/en?next=/ita-survey');
        assert.match(textOf((await anon.get('/ita-survey')).body), /Answer the external stakeholder survey \(EIT\)/);
      });

      test('the demo round: closed, six respondents, results by topic with the two likely-low topics', async () => {
        const exec = await signIn('executive');
        const rounds = await exec.get('/staff/surveys/rounds');
        assert.equal(rounds.status, 200);
        const href = /href="(\/staff\/surveys\/rounds\/\d+)"/.exec(rounds.body)![1]!;
        const page = textOf((await exec.get(href)).body);
        assert.match(page, /ผู้ตอบ 6 คน/);
        assert.match(page, /2\. การใช้งบประมาณ 73\.15 มีแนวโน้มได้คะแนนต่ำ/);
        assert.match(page, /4\. การใช้ทรัพย์สินของราชการ 78\.89 มีแนวโน้มได้คะแนนต่ำ/);
        assert.match(page, /1\. การปฏิบัติหน้าที่ 93\.52 ถึงเกณฑ์/);
        assert.ok(!page.includes('ปิดรอบนี้'), 'the executive cannot close a round');
      });
    });

    describe('the pre-assessment', () => {
      let t: TestApp;
      before(async () => {
        t = await startApp(target, { demo: false });
      });
      after(() => t.close());

      const people = async (n: number, roles: Parameters<typeof staff>[1] = ['publisher']) => {
        const out: Agent[] = [];
        for (let i = 0; i < n; i++) {
          const u = await staff(t.p, roles);
          const a = t.agent();
          assert.equal((await a.login(u.username, FIXTURE_PASSWORD)).status, 303);
          out.push(a);
        }
        return out;
      };
      const answer = async (a: Agent, over: Record<string, string> = {}) => {
        const form = await a.get('/staff/surveys/pre-assessment');
        assert.equal(form.status, 200, textOf(form.body).slice(0, 300));
        const round = /name="round" value="(\d+)"/.exec(form.body)![1]!;
        return a.post('/staff/surveys/pre-assessment', { round, ...answers(over) });
      };
      const openRound = async (a: Agent, fields: Record<string, string> = {}) => {
        await a.get('/staff/surveys/rounds');
        return a.post('/staff/surveys/rounds', { fiscal_year: String(fiscalYear()), min_group: '5', threshold: '85', ...dateFields('closes_on', addDays(bangkokDay(), 14)), ...fields });
      };
      const close = async (a: Agent, href: string) => {
        assert.match(textOf((await a.get(`${href}/close`)).body), /ยืนยันการปิดรอบ/);
        return a.post(`${href}/close`, {});
      };

      /** The round's closing day passes: its dates are fixed when it opens, so the test moves them in the database. */
      const closingDayPasses = async (href: string) => {
        const today = bangkokDay();
        await t.p.db.k.updateTable('survey_round').set({ opened_on: addDays(today, -10), closes_on: addDays(today, -1) }).where('id', '=', Number(/\d+$/.exec(href)![0])).execute();
      };

      test('one answer each, the counts know no one, 4 answers show nothing, 5 show results by topic', async () => {
        const [admin] = await people(1, ['admin']);
        let r = await openRound(admin!, { min_group: '4' });
        assert.equal(r.status, 422);
        assert.match(textOf(r.body), /จำนวนผู้ตอบขั้นต่ำก่อนแสดงผล: ต้องไม่น้อยกว่า 5/);
        r = await openRound(admin!, { threshold: 'แปดสิบห้า' });
        assert.equal(r.status, 422);
        // a closing day fixed when the round opens, at least 7 days on
        r = await openRound(admin!, dateFields('closes_on', addDays(bangkokDay(), 6)));
        assert.equal(r.status, 422);
        assert.match(textOf(r.body), /วันปิดรับคำตอบต้องอยู่หลังวันนี้อย่างน้อย 7 วัน/);
        assert.match(r.body, /id="f-closes_on-error"/);
        r = await openRound(admin!, { 'closes_on-day': '', 'closes_on-month': '', 'closes_on-year': '' });
        assert.equal(r.status, 422, 'a closing day is required');
        // the people who will answer have accounts before the round opens
        const four = await people(4);
        const [spare] = await people(1);
        r = await openRound(admin!);
        assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
        const first = r.location!;
        assert.match(first, /^\/staff\/surveys\/rounds\/\d+$/);
        const opened = await t.p.db.k.selectFrom('survey_round').select(['closes_on', 'min_group']).where('id', '=', Number(/\d+$/.exec(first)![0])).executeTakeFirstOrThrow();
        assert.equal(opened.closes_on, addDays(bangkokDay(), 14), 'two weeks by default');
        r = await openRound(admin!);
        assert.equal(r.status, 422, 'one round open at a time');
        assert.match(textOf(r.body), /มีรอบที่เปิดอยู่แล้ว/);

        // an account made after the round opened cannot answer it (an administrator's, with known answers to subtract)
        const [newcomer] = await people(1);
        const refusedForm = await newcomer!.get('/staff/surveys/pre-assessment');
        assert.equal(refusedForm.status, 403);
        assert.match(textOf(refusedForm.body), /คุณตอบรอบนี้ไม่ได้/);
        assert.match(textOf(refusedForm.body), /ตอบได้เฉพาะบัญชีที่มีอยู่และใช้งานได้ก่อนเปิดรอบนี้/);
        assert.ok(!textOf((await newcomer!.get('/staff')).body).includes('ตอบแบบประเมินตนเองภายใน'), 'no to-do line for it');
        assert.match(textOf((await newcomer!.get('/staff/surveys')).body), /บัญชีของคุณสร้างหลังจากเปิดแบบประเมินตนเองภายใน/);

        assert.match(textOf((await four[0]!.get('/staff')).body), /ตอบแบบประเมินตนเองภายใน ปีงบประมาณ พ\.ศ\. \d{4} รอบที่ 1 \(ไม่ระบุตัวตน\)/, 'on the staff home');
        const tallyRows = async () => Number((await t.p.db.k.selectFrom('survey_tally').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        const rowsBefore = await tallyRows();
        // a missing answer is refused on its question, the rest kept
        const { q_i7: _, ...missing } = answers();
        const form = await four[0]!.get('/staff/surveys/pre-assessment');
        const round = /name="round" value="(\d+)"/.exec(form.body)![1]!;
        r = await four[0]!.post('/staff/surveys/pre-assessment', { round, ...missing });
        assert.equal(r.status, 422);
        assert.match(textOf(r.body), /ข้อ 7: กรุณาเลือกคำตอบ/);
        assert.match(r.body, /id="f-q_i7-error"/);
        assert.match(r.body, /name="q_i1" value="10000" checked/, 'the answers given come back');
        for (const a of four) {
          r = await answer(a, TOPIC4_AT_80);
          assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
        }
        r = await newcomer!.post('/staff/surveys/pre-assessment', { round, ...answers() });
        assert.equal(r.status, 403, 'the newcomer\'s answers are refused too');
        assert.match(textOf((await four[0]!.get('/staff/surveys')).body), /ส่งคำตอบแล้ว ขอบคุณ/);
        // a second answer is refused with the reason, and counts nothing
        const again = await four[0]!.get('/staff/surveys/pre-assessment');
        assert.equal(again.status, 409);
        assert.match(textOf(again.body), /คุณตอบรอบนี้แล้ว/);
        r = await four[0]!.post('/staff/surveys/pre-assessment', { round, ...answers() });
        assert.equal(r.status, 409);
        assert.match(textOf(r.body), /ตอบได้คนละหนึ่งครั้งต่อรอบ/);
        assert.ok(!textOf((await four[0]!.get('/staff')).body).includes('ตอบแบบประเมินตนเองภายใน'), 'off the staff home once answered');

        // the ballot box: who answered is apart from what; the counts have no person, time or order, and no new rows
        assert.equal(await tallyRows(), rowsBefore, 'answers change counts in place: no row per person');
        const tally = await t.p.db.k.selectFrom('survey_tally').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual(Object.keys(tally).sort(), ['n', 'question_key', 'round_id', 'score']);
        const respondent = await t.p.db.k.selectFrom('survey_respondent').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual(Object.keys(respondent).sort(), ['round_id', 'user_id'], 'that someone answered, and nothing else');
        const i20 = await t.p.db.k.selectFrom('survey_tally').select(['score', 'n']).where('question_key', '=', 'i20').orderBy('score').execute();
        assert.deepEqual(i20.map((x) => [Number(x.score), Number(x.n)]), [[0, 0], [3333, 0], [6667, 4], [10000, 0]]);
        // no audit event per answer: its time (and their count) would tell an administrator who answered when
        assert.equal((await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'surveys.round.answer').execute()).length, 0);

        // before the closing day: no results, no count of respondents, no closing
        let page = textOf((await admin!.get(first)).body);
        assert.match(page, /ผลและจำนวนผู้ตอบจะแสดงหลังวันปิดรับคำตอบ/);
        assert.match(page, /ผู้ตอบ แสดงหลังวันปิดรับคำตอบ/, 'no live count');
        assert.ok(!/\b4 คน/.test(page) && !page.includes('ขาดอีก'), 'not even how many more are needed');
        assert.ok(!page.includes('คะแนนรายหัวข้อ') && !page.includes('การใช้ทรัพย์สินของราชการ'), 'no result at all');
        assert.match(page, /ปิดรอบได้หลังวันที่/);
        assert.ok(!page.includes('ปิดรอบนี้'), 'no close button before the closing day');
        assert.match(textOf((await admin!.get('/staff/surveys/rounds')).body), /เปิดรับคำตอบ.*แสดงหลังวันปิดรับคำตอบ/, 'no count in the list');
        assert.equal((await admin!.get(`${first}/close`)).status, 303, 'the confirmation is not shown before the closing day');
        r = await admin!.post(`${first}/close`, {});
        assert.equal(r.status, 422, 'closing before the closing day is refused');
        assert.match(textOf(r.body), /ยังปิดรอบนี้ไม่ได้ ปิดได้หลังวันปิดรับคำตอบ/);
        assert.equal((await t.p.db.k.selectFrom('survey_round').select('status').where('id', '=', Number(round)).executeTakeFirstOrThrow()).status, 'open');

        // the closing day passes: no more answers (the round not yet closed), the count and the shortfall are shown
        await closingDayPasses(first);
        assert.equal((await spare!.get('/staff/surveys/pre-assessment')).status, 409, 'no answers after the closing day');
        r = await spare!.post('/staff/surveys/pre-assessment', { round, ...answers() });
        assert.equal(r.status, 409);
        assert.match(textOf(r.body), /ไม่มีรอบที่เปิดรับคำตอบ/);
        assert.ok(!textOf((await spare!.get('/staff')).body).includes('ตอบแบบประเมินตนเองภายใน'), 'off the staff home');
        page = textOf((await admin!.get(first)).body);
        assert.match(page, /ผู้ตอบไม่ถึงจำนวนขั้นต่ำ จึงไม่แสดงผลของรอบนี้ \(ขาดอีก 1 คน\)/);
        assert.match(page, /4 คน จากบุคลากรที่ตอบได้ 6 คน/, 'the admin, the four and the spare; not the newcomer');
        const closing = textOf((await admin!.get(`${first}/close`)).body);
        assert.match(closing, /ผู้ตอบยังไม่ถึงขั้นต่ำ 5 คน \(ขาดอีก 1 คน\)/);
        assert.equal((await close(admin!, first)).status, 303);
        page = textOf((await admin!.get(first)).body);
        assert.match(page, /ผู้ตอบไม่ถึงจำนวนขั้นต่ำ จึงไม่แสดงผลของรอบนี้ \(ขาดอีก 1 คน\)/);
        assert.ok(!page.includes('คะแนนรายหัวข้อ') && !page.includes('80.00'));
        assert.equal((await spare!.get('/staff/surveys/pre-assessment')).status, 409, 'a closed round takes no answers');
        assert.equal((await admin!.post(`${first}/close`, {})).status, 422, 'closing twice');

        // five answers: the results, topic 4 at 80.00 likely to score low, only after the closing day
        const five = await people(5);
        r = await openRound(admin!);
        assert.equal(r.status, 303);
        const second = r.location!;
        for (const a of five) assert.equal((await answer(a, TOPIC4_AT_80)).status, 303);
        page = textOf((await admin!.get(second)).body);
        assert.match(page, /ผลและจำนวนผู้ตอบจะแสดงหลังวันปิดรับคำตอบ/);
        assert.ok(!page.includes('คะแนนรายหัวข้อ') && !page.includes('ผู้ตอบ 5 คน'), 'not before the closing day, though enough answered');
        await closingDayPasses(second);
        page = textOf((await admin!.get(second)).body);
        assert.match(page, /ผู้ตอบ 5 คน/, 'shown once the closing day has passed, closed or not');
        assert.equal((await close(admin!, second)).status, 303);
        page = textOf((await admin!.get(second)).body);
        assert.match(page, /ผู้ตอบ 5 คน/);
        assert.match(page, /คะแนนเฉลี่ยทั้งห้าหัวข้อ: 96\.00/);
        assert.match(page, /มี 1 หัวข้อที่ได้ต่ำกว่า 85/);
        assert.match(page, /4\. การใช้ทรัพย์สินของราชการ 80\.00 มีแนวโน้มได้คะแนนต่ำ/);
        assert.match(page, /1\. การปฏิบัติหน้าที่ 100\.00 ถึงเกณฑ์/);
        assert.match(page, /ท่านรู้แนวปฏิบัติการใช้ทรัพย์สินของราชการที่ถูกต้อง มากน้อยเพียงใด 66\.67 \(มีแนวโน้มได้คะแนนต่ำ\)/);

        // who may do what
        const [publisher] = await people(1);
        assert.equal((await publisher!.get('/staff/surveys/rounds')).status, 403);
        assert.equal((await publisher!.get(second)).status, 403);
        await publisher!.get('/staff/surveys');
        assert.equal((await publisher!.post('/staff/surveys/rounds', { fiscal_year: String(fiscalYear()), min_group: '5', threshold: '85' })).status, 403);
        const [exec] = await people(1, ['executive']);
        assert.equal((await exec!.get(second)).status, 200, 'executives read results');
        assert.equal((await exec!.get(`${second}/close`)).status, 403);
        assert.equal((await admin!.get('/staff/surveys/rounds/999999')).status, 404);
      });

      test('the same person twice at once: one answer goes in; two rounds opened at once: one opens', async () => {
        const [admin] = await people(1, ['integrity_officer']);
        const [a] = await people(1);
        assert.equal((await openRound(admin!)).status, 303);
        const form = await a!.get('/staff/surveys/pre-assessment');
        const round = /name="round" value="(\d+)"/.exec(form.body)![1]!;
        const both = await Promise.all([1, 2].map(() => a!.post('/staff/surveys/pre-assessment', { round, ...answers() })));
        assert.deepEqual(both.map((x) => x.status).sort(), [303, 409]);
        const r = await t.p.db.k.selectFrom('survey_round').select('respondents').where('id', '=', Number(round)).executeTakeFirstOrThrow();
        assert.equal(Number(r.respondents), 1);
        const counted = await t.p.db.k.selectFrom('survey_tally').select((eb) => eb.fn.sum<number>('n').as('n')).where('round_id', '=', Number(round)).where('question_key', '=', 'i1').executeTakeFirstOrThrow();
        assert.equal(Number(counted.n), 1, 'counted once');
        assert.equal((await t.p.db.k.selectFrom('survey_respondent').select('user_id').where('round_id', '=', Number(round)).execute()).length, 1);

        // closed, then two managers open a new round at the same moment
        const href = `/staff/surveys/rounds/${round}`;
        await closingDayPasses(href);
        await admin!.get(`${href}/close`);
        assert.equal((await admin!.post(`${href}/close`, {})).status, 303);
        const [other] = await people(1, ['admin']);
        await Promise.all([admin!.get('/staff/surveys/rounds'), other!.get('/staff/surveys/rounds')]);
        const fields = { fiscal_year: String(fiscalYear()), min_group: '5', threshold: '85', ...dateFields('closes_on', addDays(bangkokDay(), 7)) };
        const opened = await Promise.all([admin!.post('/staff/surveys/rounds', fields), other!.post('/staff/surveys/rounds', fields)]);
        assert.deepEqual(opened.map((x) => x.status).sort(), [303, 422]);
        const open = await t.p.db.k.selectFrom('survey_round').select('id').where('status', '=', 'open').execute();
        assert.equal(open.length, 1);
      });
    });
  });
}
