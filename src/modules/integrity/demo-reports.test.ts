// The demo's finished years: the yearly integrity reports of FY 2568 and FY 2569 are generated from the demo data,
// published at the assessors' addresses, and are the evidence of the items that ask for the past year's report
// (O26 of the 2569 catalogue and of its provisional copy 2570).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { pdfText } from '../../../test/support/html.ts';

/** Lines may break between Thai words where no space was typed: text compared without white space. */
const flat = (s: string) => s.replace(/\s+/g, '');

const HEADINGS = [
  '1. กระบวนการปฏิบัติหน้าที่โปร่งใสและมีประสิทธิภาพ',
  '2. การให้บริการและระบบ E-Service',
  '3. ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ',
  '4. กระบวนกำกับดูแลการใช้ทรัพย์สินทางราชการ',
  '5. กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง',
  '6. กระบวนการควบคุม ตรวจสอบ การใช้อำนาจและการบริหารงานบุคคล',
  '7. กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน',
];

const YEARS = [
  { year: 2568, score: '96.45', bound: { year: 2569, code: 'O26' }, measure: 'ตรวจเอกสารก่อนเบิกจ่ายค่าตอบแทนนอกเวลาและค่าเดินทางด้วยแบบตรวจสอบทุกรายการ', evidence: '/documents/hr-report-2568' },
  { year: 2569, score: '95.12', bound: { year: 2570, code: 'O26' }, measure: 'ประกาศหลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2569', evidence: '/documents/hr-plan-2569' },
];

/** The rows of a staff year page: code and status. */
const rows = (html: string) => [...html.matchAll(/<tr><td[^>]*><a href="\/staff\/oit\/\d{4}\/[^"]+">([^<]+)<\/a><\/td>[\s\S]*?class="tag status-([a-z_]+)"/g)].map((m) => ({ code: m[1]!, status: m[2]! }));

for (const target of await dbTargets()) {
  describe(`the demo's yearly integrity reports of 2568 and 2569 on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    for (const y of YEARS) {
      test(`FY ${y.year}: the public PDF carries the title, the score, every heading, the measures and the evidence addresses`, async () => {
        const a = t.agent();
        const pdf = await a.get(`/integrity/${y.year}/report.pdf`);
        assert.equal(pdf.status, 200);
        assert.match(String(pdf.headers['content-type']), /application\/pdf/);
        const text = flat(pdfText(pdf.raw));
        for (const s of [
          'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
          `ประจำปีงบประมาณ พ.ศ. ${y.year}`,
          `ประจำปีงบประมาณ พ.ศ. ${y.year} ได้ ${y.score} คะแนน จากคะแนนเต็ม 100 คะแนน ระดับผลการประเมิน “ผ่านดี”`,
          'ประเด็นตัวชี้วัด', 'มาตรการ/กิจกรรม/โครงการ', 'สรุปผลการดำเนินการตามมาตรการ', 'ผลลัพธ์/ความสำเร็จของการดำเนินการ',
          ...HEADINGS,
          y.measure,
          'หลักฐานการดำเนินการ',
          `http://localhost:3000${y.evidence}`,
        ]) assert.ok(text.includes(flat(s)), `${y.year}: ${s}`);
        const docx = await a.get(`/integrity/${y.year}/report.docx`);
        assert.equal(docx.status, 200);
        assert.equal(docx.raw.subarray(0, 2).toString(), 'PK', 'a DOCX (zip) file');
        // the year's public summary lists the headings and links to both files
        const page = await a.get(`/integrity/${y.year}`);
        assert.equal(page.status, 200);
        for (const h of HEADINGS) assert.ok(textOf(page.body).includes(h.replace(/^\d\. /, '')), h);
        assert.match(page.body, new RegExp(`href="/integrity/${y.year}/report\\.pdf"`));
      });

      test(`FY ${y.year}: ${y.bound.year} ${y.bound.code} resolves to the report, of the right year, and is ready`, async () => {
        const binding = await t.p.db.k.selectFrom('oit_binding').innerJoin('oit_item', 'oit_item.id', 'oit_binding.item_id').select(['oit_binding.provider', 'oit_binding.ref']).where('oit_item.year', '=', y.bound.year).where('oit_item.code', '=', y.bound.code).where('oit_binding.provider', '=', 'integrity').execute();
        assert.deepEqual(binding, [{ provider: 'integrity', ref: `${y.year}/annual` }]);
        // what the assessor sees at the item's address: the report's page and its files, which download
        const item = await t.agent().get(`/oit/${y.bound.year}/${y.bound.code}`);
        assert.equal(item.status, 200);
        const root = parse(item.body);
        assert.ok(root.querySelector(`a[href="/integrity/${y.year}"]`), 'the report is listed');
        assert.ok(textOf(item.body).includes(`รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ${y.year}`));
        const file = root.querySelectorAll('a').map((x) => x.getAttribute('href') ?? '').find((h) => h.startsWith('/files/') && h.endsWith('.pdf') && decodeURIComponent(h).includes(String(y.year)) && decodeURIComponent(h).includes('คุณธรรม'));
        assert.ok(file, 'the report PDF is attached to the item');
        const got = await t.agent().get(file);
        assert.equal(got.status, 200);
        assert.ok(flat(pdfText(got.raw)).includes(flat(`ประจำปีงบประมาณ พ.ศ. ${y.year} ได้ ${y.score} คะแนน`)));
        // staff readiness: the item asks for the past year's report, and has it
        const officer = t.agent();
        await officer.login('integrity');
        const status = rows((await officer.get(`/staff/oit/${y.bound.year}`)).body).find((r) => r.code === y.bound.code);
        assert.equal(status?.status, 'ready');
        assert.doesNotMatch(textOf((await officer.get(`/staff/oit/${y.bound.year}/${y.bound.code}`)).body), /แต่ข้อนี้ต้องการปี|ยังไม่เผยแพร่|ยังไม่มีหลักฐาน/);
      });
    }
  });
}
