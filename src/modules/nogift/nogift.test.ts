// The No Gift Policy through its real pages: the year's declaration (or its absence), the rules, a gift declared with
// a B.E. date, the 3,000-baht rule, bad input, the public report in HTML, CSV and PDF without any name, the managers'
// pages and their permission, the to-do line and the OIT evidence.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { pdfText, unmarkedThai } from '../../../test/support/html.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { evidenceProvider } from '../../platform/evidence.ts';
import { fiscalYear } from '../../platform/thai/index.ts';

const GIVER = 'นางสาวผู้ให้ ลับเฉพาะ';
const OCCASION = 'เทศกาลปีใหม่ 2570 ทดสอบรายงาน';
const gift = {
  'received_on-day': '1', 'received_on-month': 'ธ.ค.', 'received_on-year': '2569',
  giver_type: 'company', giver_name: GIVER, value: '5,000', occasion: OCCASION, description: 'กระเช้าของขวัญ', disposition: 'kept_within_limit',
};

/** Text without spaces or zero-width spaces, to compare Thai across line breaks and PDF word breaks. */
const flat = (s: string) => s.replace(/[\s\u200b]+/g, '');

/** Text in the page body with Thai that neither it nor an ancestor marks lang="th" (WCAG 3.1.2 on English pages). */
for (const target of await dbTargets()) {
  describe(`No Gift Policy on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    const agencyId = async () => (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;

    test('the public page: a year’s declaration with its date and signatory, or plainly none; activities; the rules; the report link', async () => {
      const anon = t.agent();
      const fy = fiscalYear();
      const page = await anon.get('/no-gift');
      assert.equal(page.status, 200);
      const text = textOf(page.body);
      assert.match(text, new RegExp(`ประกาศเจตนารมณ์ ประจำปีงบประมาณ พ.ศ. ${fy}`), 'the current fiscal year');
      assert.match(text, /มาตรา 128/);
      assert.match(text, /ไม่เกิน 3,000 บาท ต่อบุคคล ต่อโอกาส/);
      assert.match(text, /หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าหน้าที่ของรัฐ พ.ศ. 2563/);
      assert.match(page.body, new RegExp(`href="/no-gift/report/${fy - 1}"`), 'the previous fiscal year’s report');
      assert.match(page.body, /href="\/no-gift"/, 'in the public menu');

      const demo = textOf((await anon.get('/no-gift/2570')).body);
      assert.match(demo, /ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ/);
      assert.match(demo, /ประกาศ ณ วันที่ 1 ตุลาคม 2569/);
      assert.match(demo, /\(นายสมศักดิ์ ศรีสุข\) นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์/, 'signed by the head of the agency');
      assert.match(demo, /ชี้แจงนโยบายไม่รับของขวัญในการประชุมประจำเดือน/, 'the activities');

      const none = textOf((await anon.get('/no-gift/2566')).body);
      assert.match(none, /ยังไม่มีประกาศเจตนารมณ์ No Gift Policy ของปีงบประมาณ พ.ศ. 2566/);
      assert.match(none, /ยังไม่มีการบันทึกกิจกรรม/);

      assert.equal((await anon.get('/no-gift/12')).status, 404);
      assert.equal((await anon.get('/no-gift/report/abcd')).status, 404);
      assert.equal((await anon.get('/no-gift/report/9999.csv')).status, 404);

      const english = t.agent();
      await english.get('/lang/en?next=/no-gift/2570');
      const en = await english.get('/no-gift/2570');
      assert.match(en.body, /<html lang="en"/);
      assert.match(textOf(en.body), /Declaration for fiscal year B\.E\. 2570/);
      assert.match(textOf(en.body), /declares its policy of accepting no gifts/, 'the English text of the declaration');
      assert.match(textOf(en.body), /Section 128 of the Organic Act on Anti-Corruption/);
      assert.match(textOf(en.body), /no more than 3,000 baht per person per occasion/);
    });

    test('a member of staff declares a gift with a B.E. date; over 3,000 baht from a non-relative cannot be kept; bad input is refused with messages', async () => {
      const a = t.agent();
      assert.equal((await a.login('publisher')).status, 303);
      const form = await a.get('/staff/no-gift');
      assert.equal(form.status, 200);
      assert.match(form.body, /name="received_on-year"/, 'the Thai date input');
      const count = async () => Number((await t.p.db.k.selectFrom('gift_declaration').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();

      let r = await a.post('/staff/no-gift', gift);
      assert.equal(r.status, 422, 'kept, over 3,000 baht, from a company');
      assert.match(textOf(r.body), /มูลค่าเกิน 3,000 บาท เก็บไว้เองไม่ได้/);
      assert.match(r.body, /id="f-disposition-error"/, 'the message is on the disposition field');
      assert.match(r.body, /value="5,000"/, 'what was typed is kept');
      assert.equal(await count(), before);

      r = await a.post('/staff/no-gift', { ...gift, disposition: 'handed_over' });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      const row = await t.p.db.k.selectFrom('gift_declaration').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(row.received_on, '2026-12-01', 'stored as the C.E. day');
      assert.equal(row.fiscal_year, 2570, 'December 2569 is in fiscal year 2570');
      assert.equal(Number(row.value_satang), 500_000);
      assert.equal(row.giver_name, GIVER);
      const publisher = await t.p.db.k.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'publisher').executeTakeFirstOrThrow();
      assert.equal(row.user_id, publisher.id, 'declared by the person signed in');
      const mine = textOf((await a.get('/staff/no-gift')).body);
      assert.match(mine, /บันทึกการแจ้งรับของขวัญแล้ว/);
      assert.match(mine, new RegExp(GIVER), 'the declarer sees the giver’s name in their own list');

      // from a relative there is no fixed limit; at 3,000 baht exactly anyone may be kept
      assert.equal((await a.post('/staff/no-gift', { ...gift, giver_type: 'relative', value: '8000', occasion: 'วันเกิด' })).status, 303);
      assert.equal((await a.post('/staff/no-gift', { ...gift, giver_type: 'private_person', value: '3,000.00', occasion: 'งานขึ้นบ้านใหม่' })).status, 303);
      r = await a.post('/staff/no-gift', { ...gift, giver_type: 'private_person', value: '3,000.01' });
      assert.equal(r.status, 422, 'one satang over the limit');

      const n = await count();
      r = await a.post('/staff/no-gift', { ...gift, value: 'ห้าพัน', giver_type: 'friend', occasion: 'ก'.repeat(5000) });
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(text, /มูลค่าโดยประมาณ \(บาท\): จำนวนเงินไม่ถูกต้อง/);
      assert.match(text, /ผู้ให้เป็น: ค่าที่เลือกไม่อยู่ในรายการ/);
      assert.match(text, /โอกาสที่ได้รับ: ยาวเกิน 300 ตัวอักษร/);
      r = await a.post('/staff/no-gift', { ...gift, 'received_on-day': '31', 'received_on-month': '12', 'received_on-year': '2600', disposition: 'returned' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /วันที่ได้รับต้องไม่เลยวันนี้/);
      r = await a.post('/staff/no-gift', { ...gift, 'received_on-day': '31', 'received_on-month': '2', disposition: 'returned' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่มีวันที่ 31/);
      r = await a.post('/staff/no-gift', { ...gift, value: '0', disposition: 'returned' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /มูลค่าต้องมากกว่า 0 บาท/);
      assert.equal(await count(), n, 'nothing saved from bad input');

      const anon = t.agent();
      await anon.get('/no-gift');
      assert.ok([401, 403].includes((await anon.post('/staff/no-gift', { ...gift, disposition: 'returned' })).status), 'no declaration without a session');
      const audit = await t.p.db.k.selectFrom('audit_event').select(['summary']).where('action', '=', 'nogift.gift.declare').execute();
      assert.ok(audit.length >= 3);
      for (const e of audit) assert.doesNotMatch(e.summary, new RegExp(`${GIVER}|${publisher.display_name.replace(/[()]/g, '.')}|ก{10}`), 'no personal data in the audit log');
    });

    test('the public report of the year lists the gift by kind of giver only, in HTML, CSV (with a BOM) and PDF; a year without gifts says so', async () => {
      const anon = t.agent();
      const names = [
        ...(await t.p.db.k.selectFrom('gift_declaration').select('giver_name').where('fiscal_year', '=', 2570).execute()).map((r) => r.giver_name),
        ...(await t.p.db.k.selectFrom('app_user').select('display_name').execute()).map((r) => r.display_name),
      ];
      assert.ok(names.includes(GIVER));
      const absent = (where: string, body: string) => {
        for (const name of names) assert.ok(!flat(body).includes(flat(name)), `${where} must not name ${name}`);
        assert.ok(!body.includes('กระเช้าของขวัญ'), `${where} has no description`);
      };

      const page = await anon.get('/no-gift/report/2570');
      assert.equal(page.status, 200);
      const text = textOf(page.body);
      assert.match(text, /รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา ประจำปีงบประมาณ พ.ศ. 2570/);
      assert.match(text, new RegExp(`1 ธันวาคม 2569 บริษัทหรือนิติบุคคล 5,000.00 ${OCCASION} ส่งมอบให้หน่วยงาน`), 'date, kind of giver, value, occasion, disposition');
      assert.match(text, /แยกตามประเภทผู้ให้/);
      assert.match(text, /แยกตามการดำเนินการ/);
      absent('the report page', page.body);

      const csv = await anon.get('/no-gift/report/2570.csv');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.ok(csv.body.startsWith('\ufeff'), 'a BOM for Excel');
      assert.match(csv.body, new RegExp(`2570,\\d+,2026-12-01,บริษัทหรือนิติบุคคล,5000.00,${OCCASION},ส่งมอบให้หน่วยงาน`));
      absent('the CSV', csv.body);

      const pdf = await anon.get('/no-gift/report/2570.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const pdfBody = pdfText(pdf.raw);
      assert.ok(flat(pdfBody).includes(flat(OCCASION)), 'the PDF lists the gift');
      assert.ok(flat(pdfBody).includes(flat('รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา')));
      absent('the PDF', pdfBody);

      const empty = await anon.get('/no-gift/report/2568');
      assert.equal(empty.status, 200);
      assert.match(textOf(empty.body), /ไม่มีการรับของขวัญ ทรัพย์สิน หรือประโยชน์อื่นใด ในปีงบประมาณ พ.ศ. 2568/);
      assert.match(flat(pdfText((await anon.get('/no-gift/report/2568.pdf')).raw)), new RegExp(flat('ไม่มีการรับของขวัญ')));
      assert.equal((await anon.get('/no-gift/report/2568.csv')).body.trim().split('\n').length, 1, 'only the header');
    });

    test('managers: a publisher cannot open the year’s list; the integrity officer sees every declaration, is reminded of a missing declaration and signs the year’s', async () => {
      const fy = fiscalYear();
      const publisher = t.agent();
      await publisher.login('publisher');
      assert.equal((await publisher.get('/staff/no-gift/2570')).status, 403);
      assert.equal((await publisher.post('/staff/no-gift/2570', { declaration_th: 'x' })).status, 403);
      assert.doesNotMatch((await publisher.get('/staff/no-gift')).body, /href="\/staff\/no-gift\/\d{4}"/, 'no link to the managers’ pages');

      const officer = t.agent();
      await officer.login('integrity');
      const list = await officer.get('/staff/no-gift/2570');
      assert.equal(list.status, 200);
      assert.match(textOf(list.body), new RegExp(GIVER), 'the giver’s name, for the officers');
      assert.match(textOf(list.body), /นางสาวเผยแพร่ ข่าวดี/, 'and who declared it');
      assert.equal((await officer.get('/staff/no-gift/abc')).status, 404);

      // the current year without a declaration is on the officer's to-do list
      await t.p.db.k.deleteFrom('nogift_year').where('fiscal_year', '=', fy).execute();
      assert.match(textOf((await officer.get('/staff')).body), new RegExp(`ยังไม่มีประกาศเจตนารมณ์ No Gift Policy ของปีงบประมาณ ${fy}`));
      assert.match(textOf((await t.agent().get('/no-gift')).body), new RegExp(`ยังไม่มีประกาศเจตนารมณ์ No Gift Policy ของปีงบประมาณ พ.ศ. ${fy}`));
      const form = await officer.get(`/staff/no-gift/${fy}`);
      assert.match(form.body, /value="นายสมศักดิ์ ศรีสุข"/, 'the head of the agency as the signatory by default');

      const declaration = { declaration_th: 'ข้าพเจ้าขอประกาศเจตนารมณ์ไม่รับของขวัญทุกชนิดจากการปฏิบัติหน้าที่\n\nขอให้บุคลากรทุกคนถือปฏิบัติ', declaration_en: '', signed_by: 'นายสมศักดิ์ ศรีสุข', signed_position: 'นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์', 'signed_on-day': '', 'signed_on-month': '', 'signed_on-year': '', activities: 'ประชุมชี้แจงนโยบายแก่บุคลากร\n\nรณรงค์งดให้ของขวัญปีใหม่' };
      let r = await officer.post(`/staff/no-gift/${fy}`, declaration);
      assert.equal(r.status, 422, 'a declaration needs its date');
      assert.match(textOf(r.body), /ระบุวันที่ลงนามประกาศ/);
      assert.match(r.body, /ข้าพเจ้าขอประกาศเจตนารมณ์ไม่รับของขวัญ/, 'the text is kept');
      r = await officer.post(`/staff/no-gift/${fy}`, { ...declaration, 'signed_on-day': '๑', 'signed_on-month': 'ตุลาคม', 'signed_on-year': String(fy - 1) });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      const saved = await t.p.db.k.selectFrom('nogift_year').selectAll().where('fiscal_year', '=', fy).executeTakeFirstOrThrow();
      assert.equal(saved.signed_on, `${fy - 544}-10-01`);
      const pub = textOf((await t.agent().get('/no-gift')).body);
      assert.match(pub, /ข้าพเจ้าขอประกาศเจตนารมณ์ไม่รับของขวัญทุกชนิดจากการปฏิบัติหน้าที่ ขอให้บุคลากรทุกคนถือปฏิบัติ/);
      assert.match(pub, new RegExp(`ประกาศ ณ วันที่ 1 ตุลาคม ${fy - 1}`));
      assert.match(pub, /รณรงค์งดให้ของขวัญปีใหม่/);
      assert.doesNotMatch(textOf((await officer.get('/staff')).body), /ยังไม่มีประกาศเจตนารมณ์ No Gift Policy/, 'off the to-do list');
      const audit = await t.p.db.k.selectFrom('audit_event').select(['summary', 'actor_label']).where('action', '=', 'nogift.year.save').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.actor_label, 'integrity');
      assert.doesNotMatch(audit.summary, /สมศักดิ์/);

      // saving again updates the same year
      r = await officer.post(`/staff/no-gift/${fy}`, { ...declaration, 'signed_on-day': '2', 'signed_on-month': '10', 'signed_on-year': String(fy - 1), activities: '' });
      assert.equal(r.status, 303);
      assert.equal((await t.p.db.k.selectFrom('nogift_year').select('id').where('fiscal_year', '=', fy).execute()).length, 1);
    });

    test('in English every string of the module is English, and Thai data is marked lang="th"', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/lang/en?next=/');
      for (const url of ['/no-gift', '/no-gift/2570', '/no-gift/2566', '/no-gift/report/2570', '/no-gift/report/2568', '/staff/no-gift', '/staff/no-gift/2570']) {
        const r = await a.get(url);
        assert.equal(r.status, 200, url);
        assert.deepEqual(unmarkedThai(r.body), [], `${url}: Thai outside lang="th"`);
      }
      const bad = await a.post('/staff/no-gift', { ...gift, value: 'x' });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.body), /Estimated value \(baht\): /, 'messages in English');
      assert.deepEqual(unmarkedThai(bad.body), []);
    });

    test('OIT evidence: the declaration, the activities and the report of a year, with what is missing', async () => {
      const id = await agencyId();
      const provider = evidenceProvider('nogift')!;
      const declared = await provider.resolve(t.p.db, id, 'declaration/2567');
      assert.equal(declared?.published, true);
      assert.equal(declared?.url, '/no-gift/2567');
      assert.equal(declared?.fiscalYear, 2567);
      assert.deepEqual(declared?.issues, []);
      const missing = await provider.resolve(t.p.db, id, 'declaration/2566');
      assert.equal(missing?.published, false);
      assert.equal(missing?.issues[0]?.key, 'nogift.evidence.noDeclaration');
      const report = await provider.resolve(t.p.db, id, 'report/2569');
      assert.equal(report?.url, '/no-gift/report/2569');
      assert.ok(report?.attachments.some((f) => f.url === '/no-gift/report/2569.pdf'));
      assert.equal(await provider.resolve(t.p.db, id, 'nonsense'), null);
      const candidates = await provider.candidates(t.p.db, id, 'ประกาศเจตนารมณ์', { fiscalYears: [2567], publishedOnly: true });
      assert.deepEqual(candidates.map((c) => c.ref), ['declaration/2567']);
      assert.match((await t.agent().get('/sitemap.xml')).body, /\/no-gift\/report\/2569</);
    });
  });
}
