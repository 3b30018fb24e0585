// Safe publishing: files on the form that creates an item, a check page before sending, an approval page that shows
// what is approved, a note required to return, and a question before a file is removed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const fields = {
  title_th: 'ประกาศผลการจัดซื้อจัดจ้างประจำเดือนพฤศจิกายน 2569', title_en: '', summary_th: 'สรุปผลการจัดซื้อจัดจ้าง', summary_en: '', category: 'procurement',
  fiscal_year: '2570', 'period-month': 'พ.ย.', 'period-year': '2569', body_format: 'markdown', body_th: 'รายละเอียดตามไฟล์แนบ **สขร.1**', body_en: '', slug: '',
  signoff_name: '', signoff_position: '',
};

for (const target of await dbTargets()) {
  describe(`safe publishing on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let pub: Agent;
    let boss: Agent;
    before(async () => {
      t = await startApp(target);
      pub = t.agent();
      await pub.login('publisher');
      boss = t.agent();
      await boss.login('executive');
    });
    after(() => t.close());

    const countContent = async () => Number((await t.p.db.k.selectFrom('content').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    test('files attached on the create form are saved with the item, or nothing is saved', async () => {
      const form = await pub.get('/staff/content/new?kind=document');
      assert.match(form.body, /name="attachment1"/);
      const before = await countContent();
      let r = await pub.postMultipart('/staff/content/new?kind=document', { ...fields, attachment1_label: 'แบบ สขร.1 ฉบับลงนาม', attachment2_label: '' }, {
        attachment1: { name: 'สขร1-พย69.pdf', data: PDF, type: 'application/pdf' },
        attachment2: { name: 'not-a-pdf.pdf', data: Buffer.from('MZ not a pdf'), type: 'application/pdf' },
      });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไฟล์แนบที่ 2: ไม่รองรับไฟล์ชนิดนี้/);
      assert.match(r.body, new RegExp(`value="${fields.title_th}"`), 'what was typed is kept');
      assert.equal(await countContent(), before, 'no item without its files');

      r = await pub.postMultipart('/staff/content/new?kind=document', { ...fields, attachment1_label: 'แบบ สขร.1 ฉบับลงนาม', attachment2_label: '' }, {
        attachment1: { name: 'สขร1-พย69.pdf', data: PDF, type: 'application/pdf' },
        attachment2: { name: 'ตารางสรุป.pdf', data: PDF, type: 'application/pdf' },
      });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
      const atts = await t.p.db.k.selectFrom('content_attachment').select(['label']).where('content_id', '=', id).orderBy('sort_order').execute();
      assert.deepEqual(atts.map((a) => a.label), ['แบบ สขร.1 ฉบับลงนาม', 'ตารางสรุป.pdf']);
      const row = await t.p.db.k.selectFrom('content').select(['period', 'revision']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.period, '2026-11');
    });

    test('sending shows a check page of what is sent; only the post sends it', async () => {
      const r = await pub.postMultipart('/staff/content/new?kind=document', { ...fields, title_th: 'ประกาศเจตนารมณ์ต่อต้านการทุจริต ปี 2570', category: 'policy', 'period-month': '', 'period-year': '', is_signoff_required: 'on', signoff_name: 'นายกองค์การบริหารส่วนจังหวัด', signoff_position: '', 'signoff_date-day': '1', 'signoff_date-month': '12', 'signoff_date-year': '2569' }, {});
      assert.equal(r.status, 303);
      const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
      const detail = await pub.get(`/staff/content/${id}`);
      assert.match(detail.body, new RegExp(`href="/staff/content/${id}/submit"`), 'the detail page links to the check page');
      const check = await pub.get(`/staff/content/${id}/submit`);
      assert.equal(check.status, 200);
      const text = textOf(check.body);
      assert.match(text, /ตรวจก่อนส่งขออนุมัติ/);
      assert.match(text, /ชื่อเรื่อง \(ไทย\) ประกาศเจตนารมณ์ต่อต้านการทุจริต ปี 2570/);
      assert.match(text, /ปีงบประมาณ 2570/);
      assert.match(text, /นายกองค์การบริหารส่วนจังหวัด · 1 ธันวาคม 2569/);
      assert.match(text, /เอกสารนี้ยังไม่มีไฟล์แนบ/, 'what looks incomplete is said');
      assert.equal((await t.p.db.k.selectFrom('content').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'draft', 'opening the check page sends nothing');
      const sent = await pub.post(`/staff/content/${id}/submit`, {});
      assert.equal(sent.status, 303);
      assert.equal((await t.p.db.k.selectFrom('content').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'in_review');
      assert.equal((await pub.get(`/staff/content/${id}/submit`)).status, 303, 'nothing to check once sent');
    });

    test('approving shows the text and asks to confirm; returning needs a note', async () => {
      const r = await pub.postMultipart('/staff/content/new?kind=document', { ...fields, title_th: 'คู่มือการปฏิบัติงานด้านพัสดุ', category: 'manual', 'period-month': '', 'period-year': '', body_th: 'ขั้นตอนที่ 1 จัดทำรายงานขอซื้อขอจ้าง' }, {});
      const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
      await pub.get(`/staff/content/${id}/submit`);
      await pub.post(`/staff/content/${id}/submit`, {});
      assert.equal((await pub.get(`/staff/content/${id}/approve`)).status, 403, 'a publisher does not approve');

      const detail = await boss.get(`/staff/content/${id}`);
      assert.doesNotMatch(detail.body, /action="[^"]*\/approve"/, 'no one-click approval on the detail page');
      const page = await boss.get(`/staff/content/${id}/approve`);
      assert.equal(page.status, 200);
      const text = textOf(page.body);
      assert.match(text, /ตรวจและอนุมัติ: คู่มือการปฏิบัติงานด้านพัสดุ/);
      assert.match(text, /ขั้นตอนที่ 1 จัดทำรายงานขอซื้อขอจ้าง/, 'the text being approved is on the page');
      assert.match(text, /ยืนยันอนุมัติและเผยแพร่ฉบับที่ 2/);

      let back = await boss.post(`/staff/content/${id}/return`, { note: '   ' });
      assert.equal(back.status, 422);
      assert.match(textOf(back.body), /บอกผู้เขียนว่าต้องแก้ไขอะไร ก่อนส่งกลับ/);
      assert.equal((await t.p.db.k.selectFrom('content').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'in_review', 'still waiting');
      back = await boss.post(`/staff/content/${id}/return`, { note: 'กรุณาแนบแบบฟอร์มประกอบคู่มือ' });
      assert.equal(back.status, 303);
      const history = textOf((await pub.get(`/staff/content/${id}`)).body);
      assert.match(history, /ส่งกลับให้แก้ไข: กรุณาแนบแบบฟอร์มประกอบคู่มือ/);
      assert.match(history, /กรุณาแนบแบบฟอร์มประกอบคู่มือ/);
    });

    test('an approver who wrote the text sees why they cannot approve it, and no approval form', async () => {
      const admin = t.agent();
      await admin.login('admin');
      await admin.get('/staff/content/new?kind=document');
      const r = await admin.postMultipart('/staff/content/new?kind=document', { ...fields, title_th: 'ประกาศที่ผู้ดูแลเขียนเอง', 'period-month': '', 'period-year': '' }, {});
      const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
      await admin.get(`/staff/content/${id}/submit`);
      await admin.post(`/staff/content/${id}/submit`, {});
      const page = await admin.get(`/staff/content/${id}/approve`);
      assert.match(textOf(page.body), /ผู้ส่งขออนุมัติไม่สามารถอนุมัติเอกสารของตนเองได้/);
      assert.doesNotMatch(page.body, /action="[^"]*\/approve"/);
    });
  });
}
