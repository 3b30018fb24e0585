// An integrity officer types B.E. dates the way Thai officers do; the database keeps the C.E. day and the form shows B.E. back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';

const measure = {
  kind: 'project', title_th: 'โครงการวันต่อต้านคอร์รัปชันสากล', recommendation_id: '', owner_division_id: '', owner_name: 'นางสาวสุจริต ใจดี', owner_email: '',
  steps: '', budget: '', status: 'planned', percent: '0', summary: '', remarks: '',
};
const parts = (name: string, d: string, m: string, y: string) => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });
const boxValue = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

for (const target of await dbTargets()) {
  describe(`B.E. dates typed on forms, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('a measure typed as 01/12/2569 and ๓๑ มี.ค. 70 is stored as 2026-12-01 and 2027-03-31 and shown back in B.E.', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/integrity/2570');
      let r = await a.post('/staff/integrity/2570/headings', { no: '9', title_th: 'การสร้างวัฒนธรรมสุจริต', title_en: '', indicators: '', oit_codes: '', remarks: '' });
      assert.equal(r.status, 303);
      const hid = Number(/headings\/(\d+)/.exec(r.location!)![1]);
      const form = await a.get(`/staff/integrity/headings/${hid}/measures/new`);
      assert.match(textOf(form.body), /ปี \(พ\.ศ\.\)/, 'the year box says B.E.');

      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, { ...measure, ...parts('start_date', '01', '12', '2569'), ...parts('due_date', '๓๑', 'มี.ค.', '70') });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      const mid = Number(/measures\/(\d+)/.exec(r.location!)![1]);
      const row = await t.p.db.k.selectFrom('integrity_measure').select(['start_date', 'due_date']).where('id', '=', mid).executeTakeFirstOrThrow();
      assert.deepEqual(row, { start_date: '2026-12-01', due_date: '2027-03-31' });

      const edit = await a.get(`/staff/integrity/measures/${mid}`);
      assert.deepEqual(['start_date-day', 'start_date-month', 'start_date-year'].map((n) => boxValue(edit.body, n)), ['1', '12', '2569']);
      assert.equal(boxValue(edit.body, 'due_date-year'), '2570');
    });

    test('a year in neither calendar, a day the month lacks, a missing part: a message on the field, what was typed kept', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/integrity/2570');
      let r = await a.post('/staff/integrity/2570/headings', { no: '10', title_th: 'การเปิดเผยข้อมูล', title_en: '', indicators: '', oit_codes: '', remarks: '' });
      const hid = Number(/headings\/(\d+)/.exec(r.location!)![1]);
      await a.get(`/staff/integrity/headings/${hid}/measures/new`);
      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, { ...measure, ...parts('start_date', '1', '12', '3569'), ...parts('due_date', '29', 'กุมภาพันธ์', '2570') });
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(text, /ปีต้องเป็นปีพุทธศักราช 4 หลัก \(2450–2700\) เช่น 2569/);
      assert.match(text, /ไม่มีวันที่ 29 ในเดือนกุมภาพันธ์ พ\.ศ\. 2570/);
      assert.equal(boxValue(r.body, 'start_date-year'), '3569');
      assert.equal(boxValue(r.body, 'due_date-month'), 'กุมภาพันธ์');
      assert.match(r.body, /href="#f-start_date"/, 'the error summary links to the day box');
      assert.match(r.body, /id="f-start_date"[^>]*name="start_date-day"/);
      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, { ...measure, ...parts('start_date', '1', '', '2569'), ...parts('due_date', '', '', '') });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ใส่วัน เดือน และปีให้ครบ/);
      assert.equal(await t.p.db.k.selectFrom('integrity_measure').select('id').where('issue_id', '=', hid).executeTakeFirst(), undefined, 'nothing saved');
    });

    test('in English the boxes and messages are English and the year is still B.E.', async () => {
      const a = t.agent();
      await a.login('integrity');
      a.cookies.set('lang', 'en');
      const page = await a.get('/staff/integrity/2570/ethics');
      assert.match(textOf(page.body), /Year \(B\.E\.\)/);
      const r = await a.post('/staff/integrity/2570/ethics', { kind: 'assessment', title_th: 'ประเมินจริยธรรม', ...parts('day', '31', 'April', '2570'), participants: '', result: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /There is no April 31 in B\.E\. 2570/);
      assert.doesNotMatch(textOf(r.body), /เดือน|ปีต้อง/, 'no Thai in the English messages');
    });
  });
}
