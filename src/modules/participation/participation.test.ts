// Participation through its real pages, on both databases: the demo's list, activity pages and yearly report (page,
// PDF and DOCX); an activity created with bad input refused field by field, published, counted, with documents and
// proposals; an online consultation taking a comment (anonymous, with consent), refusing one without consent or after
// closing, moderation, the per-address throttle and the body cap; OIT evidence, sitemap and search; and what is checked
// then written (addresses, proposal positions) under concurrent requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { pdfText, unmarkedThai } from '../../../test/support/html.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { evidenceProvider } from '../../platform/evidence.ts';
import { COMMENTS_PER_48_HOUR, COMMENTS_PER_ADDRESS } from './rules.ts';

/** Text without spaces or zero-width spaces, to compare Thai across line breaks and PDF word breaks. */
const flat = (s: string) => s.replace(/[\s\u200b]+/g, '');

/** A Bangkok wall-clock time 'YYYY-MM-DDTHH:MM' some hours from now (how an API client types a date and time). */
const bangkokIn = (hours: number) => new Date(Date.now() + (7 + hours) * 3600_000).toISOString().slice(0, 16);
const bangkokDayIn = (days: number) => new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const activity = (over: Record<string, string> = {}): Record<string, string> => ({
  kind: 'consultation', title_th: 'รับฟังความคิดเห็นทดสอบ', title_en: '', slug: '', subject_th: 'แผนทดสอบ', subject_en: '', summary_th: 'รายละเอียดทดสอบ', summary_en: '',
  starts_on: bangkokDayIn(-3), ends_on: '', place_th: 'ออนไลน์', place_en: '', invited_th: 'ประชาชนทั่วไป', comments_close_at: '', status: 'planned', results_th: '', results_en: '', ...over,
});

function docxText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'participation-docx-'));
  try {
    const file = path.join(dir, 'r.docx');
    fs.writeFileSync(file, bytes);
    return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const target of await dbTargets()) {
  describe(`participation on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let staff: Agent;
    before(async () => {
      t = await startApp(target);
      staff = t.agent();
      assert.equal((await staff.login('integrity')).status, 303);
    });
    after(() => t.close());

    const agencyId = async () => (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
    const audits = async (action: string) => Number((await t.p.db.k.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

    /** Creates (and optionally publishes) an activity through the staff form; returns its id and slug. */
    async function create(fields: Record<string, string>, publish = true): Promise<{ id: number; slug: string }> {
      await staff.get('/staff/participation/new');
      const r = await staff.post('/staff/participation/new', activity(fields));
      assert.equal(r.status, 303, textOf(r.body).slice(0, 600));
      const id = Number(/\/staff\/participation\/(\d+)$/.exec(r.location!)![1]);
      if (publish) {
        await staff.get(`/staff/participation/${id}`);
        assert.equal((await staff.post(`/staff/participation/${id}/publish`, {})).status, 303);
      }
      const row = await t.p.db.k.selectFrom('participation_activity').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      return { id, slug: row.slug };
    }

    test('the demo: the list by fiscal year, an activity with its documents, counts and "you said, we did", the yearly report in HTML, PDF and DOCX', async () => {
      const anon = t.agent();
      const list = await anon.get('/participation');
      assert.equal(list.status, 200);
      const text = textOf(list.body);
      assert.match(text, /ประชาคมท้องถิ่นระดับจังหวัด เพื่อทบทวนแผนพัฒนาท้องถิ่น/);
      assert.match(text, /รับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น \(พ\.ศ\. 2571–2575\)/);
      assert.match(text, /เปิดรับความคิดเห็นถึง 20 ธันวาคม 2569/, 'the closing date in B.E.');
      assert.match(list.body, /href="\/participation"[^>]*aria-current|href="\/participation"/, 'in the public menu');
      assert.match(list.body, /href="\/participation\/report\/2569\.pdf"/, 'the yearly report is linked from the list');

      const y2569 = textOf((await anon.get('/participation?year=2569')).body);
      assert.match(y2569, /ประชุมร่วมกับผู้แทนชุมชนริมลำปาว/);
      assert.doesNotMatch(y2569, /ร่างแผนพัฒนาท้องถิ่น \(พ\.ศ\. 2571–2575\)/, 'only FY 2569');
      assert.match(textOf((await anon.get('/participation?year=2566')).body), /ไม่มีกิจกรรมการมีส่วนร่วมที่เผยแพร่ในปีงบประมาณ พ\.ศ\. 2566/, 'an empty year says so');
      assert.equal((await anon.get('/participation?year=abc&page=999')).status, 200, 'bad query values are ignored');

      const forum = await anon.get('/participation/local-development-plan-forum-2569');
      assert.equal(forum.status, 200);
      const ft = textOf(forum.body);
      assert.match(ft, /ท่านเสนอ — เราดำเนินการ/);
      assert.match(ft, /ขุดลอกหนองน้ำสาธารณะ/);
      assert.match(ft, /ไม่สามารถดำเนินการได้ การตั้งหน่วยบริการสาธารณสุขแห่งใหม่ต้องได้รับอนุมัติ/, 'a declined proposal with its reason');
      assert.match(ft, /ผู้นำชุมชน 54/);
      assert.match(ft, /รวม 188/);
      const fileLink = /href="(\/files\/[^"]+)"/.exec(forum.body);
      assert.ok(fileLink, 'the minutes are linked');
      const file = await anon.get(fileLink[1]!);
      assert.equal(file.status, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');

      assert.equal((await anon.get('/participation/no-such-activity')).status, 404);
      assert.equal((await anon.get('/participation/Bad_Slug')).status, 404);
      assert.equal((await anon.get('/participation/report/12')).status, 404);

      const report = textOf((await anon.get('/participation/report/2569')).body);
      assert.match(report, /รายงานผลการเปิดโอกาสให้มีส่วนร่วม ประจำปีงบประมาณ พ\.ศ\. 2569/);
      assert.match(report, /จัดกิจกรรมการมีส่วนร่วม 3 กิจกรรม มีผู้เข้าร่วมรวม 249 คน และได้รับข้อเสนอ 9 เรื่อง/);
      const pdf = await anon.get('/participation/report/2569.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const pt = flat(pdfText(pdf.raw));
      for (const title of ['ประชาคมท้องถิ่นระดับจังหวัด เพื่อทบทวนแผนพัฒนาท้องถิ่น', 'ประชุมร่วมกับผู้แทนชุมชนริมลำปาว', 'รับฟังความคิดเห็นร่างข้อบัญญัติงบประมาณรายจ่าย']) assert.ok(pt.includes(flat(title)), `the PDF names ${title}`);
      assert.ok(pt.includes(flat('ท่านเสนอ')) && pt.includes(flat('ดำเนินการแล้ว')), 'the proposals and what was done, extracted as typed');
      assert.ok(!pt.includes('สมหญิง'), 'no commenter is named');
      const docx = await anon.get('/participation/report/2569.docx');
      assert.equal(docx.status, 200);
      const dt = flat(docxText(docx.raw));
      assert.ok(dt.includes(flat('ประชุมร่วมกับผู้แทนชุมชนริมลำปาว เรื่องโครงการปรับปรุงถนนและระบบระบายน้ำ')));
      assert.ok(dt.includes(flat('ไม่สามารถดำเนินการได้')));
      assert.equal((await anon.get('/participation/report/2566.pdf')).status, 404, 'no document for a year without activities');
      assert.equal((await anon.get('/participation/report/2566.docx')).status, 404);

      // English pages: the interface in English, the Thai that has no English marked as Thai
      const en = t.agent();
      en.cookies.set('lang', 'en');
      for (const url of ['/participation', '/participation/local-development-plan-forum-2569', '/participation/local-development-plan-2571-2575', '/participation/report/2569']) {
        const r = await en.get(url);
        assert.equal(r.status, 200, url);
        assert.deepEqual(unmarkedThai(r.body), [], url);
      }
      assert.match(textOf((await en.get('/participation/local-development-plan-forum-2569')).body), /You said, we did/);
    });

    test('OIT evidence, the sitemap and search', async () => {
      const provider = evidenceProvider('participation')!;
      const id = await agencyId();
      const list = await provider.resolve(t.p.db, id, 'list/2569');
      assert.equal(list?.url, '/participation?year=2569');
      assert.equal(list?.fiscalYear, 2569);
      assert.equal(list?.published, true);
      assert.deepEqual(list?.issues, []);
      const report = await provider.resolve(t.p.db, id, 'report/2569');
      assert.deepEqual(report?.attachments.map((a) => a.url), ['/participation/report/2569.pdf', '/participation/report/2569.docx']);
      const none = await provider.resolve(t.p.db, id, 'list/2566');
      assert.equal(none?.published, false);
      assert.deepEqual(none?.issues.map((i) => i.key), ['participation.evidence.none']);
      assert.equal(await provider.resolve(t.p.db, id, 'list/abc'), null);
      const candidates = await provider.candidates(t.p.db, id, '', { fiscalYears: [2569] });
      assert.deepEqual(candidates.map((c) => c.ref), ['list/2569', 'report/2569']);
      // the demo bound them to the participation item of 2569 and of the provisional 2570
      const bound = await t.p.db.k.selectFrom('oit_binding').innerJoin('oit_item', 'oit_item.id', 'oit_binding.item_id').select(['oit_item.year', 'oit_item.code', 'oit_binding.ref'])
        .where('oit_binding.provider', '=', 'participation').orderBy('oit_item.year').orderBy('oit_binding.id').execute();
      assert.deepEqual(bound.map((b) => `${b.year} ${b.code} ${b.ref}`), ['2569 O19 list/2569', '2569 O19 report/2569', '2570 O19 list/2570', '2570 O19 report/2570']);

      const sitemap = (await t.agent().get('/sitemap.xml')).body;
      assert.match(sitemap, /\/participation<\/loc>/);
      assert.match(sitemap, /\/participation\/local-development-plan-forum-2569<\/loc>/);
      assert.match(sitemap, /\/participation\/report\/2569<\/loc>/);
      const hits = JSON.parse((await t.agent().get(`/api/v1/search?q=${encodeURIComponent('ขยะมูลฝอยต้นทาง')}`)).body) as { results: Array<{ type: string; url: string }> };
      assert.ok(hits.results.some((h) => h.type === 'participation' && h.url.endsWith('/participation/waste-sorting-community-meeting-2570')), JSON.stringify(hits).slice(0, 300));
    });

    test('staff create an activity: bad input is refused field by field and kept; publication, counts, documents and proposals, each audited', async () => {
      assert.equal((await t.agent().get('/staff/participation')).status, 303, 'anonymous visitors are sent to sign in');
      const service = t.agent();
      await service.login('service');
      assert.equal((await service.get('/staff/participation')).status, 403, 'a service officer does not manage participation');

      const list = await staff.get('/staff/participation?year=2569&status=reported');
      assert.equal(list.status, 200);
      assert.match(textOf(list.body), /ประชุมร่วมกับผู้แทนชุมชนริมลำปาว/);
      assert.doesNotMatch(textOf(list.body), /เวทีรับฟังความคิดเห็นสาธารณะ โครงการก่อสร้างสะพาน/, 'the filters apply');

      await staff.get('/staff/participation/new');
      let r = await staff.post('/staff/participation/new', activity({ title_th: '', kind: 'party', slug: 'Has Spaces', starts_on: '31/2/2569', status: 'reported' }));
      assert.equal(r.status, 422);
      let text = textOf(r.body);
      assert.match(text, /รูปแบบกิจกรรม: ค่าที่เลือกไม่อยู่ในรายการ/);
      assert.match(text, /ชื่อกิจกรรม: /);
      assert.match(text, /ไม่มีวันที่ 31/);
      assert.match(r.body, /value="Has Spaces"/, 'what was typed is kept');
      r = await staff.post('/staff/participation/new', activity({ slug: 'report', ends_on: bangkokDayIn(-5), is_commentable: 'on', status: 'reported' }));
      assert.equal(r.status, 422);
      text = textOf(r.body);
      assert.match(text, /ที่อยู่หน้าเว็บ: ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ/, 'a reserved address');
      assert.match(text, /วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม/);
      assert.match(text, /ระบุวันและเวลาปิดรับความคิดเห็น/);
      assert.match(text, /ก่อนเปลี่ยนสถานะเป็นรายงานผลแล้ว ให้กรอกสรุปผลการดำเนินการ/);
      r = await staff.post('/staff/participation/new', activity({ slug: 'local-development-plan-forum-2569' }));
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ที่อยู่หน้าเว็บนี้ถูกใช้แล้ว/);

      const before = await audits('participation.create');
      const { id, slug } = await create({ kind: 'meeting', title_th: 'ประชุมผู้แทนชุมชนบ้านหนองแวง เรื่องประปาหมู่บ้าน', title_en: 'Nong Waeng village water supply meeting' }, false);
      assert.match(slug, /^nong-waeng-village-water-supply-meeting-[a-z0-9]{6}$/, 'the address comes from the English title');
      assert.equal(await audits('participation.create'), before + 1);
      const anon = t.agent();
      assert.equal((await anon.get(`/participation/${slug}`)).status, 404, 'not public before it is published');

      // participants by group
      await staff.get(`/staff/participation/${id}`);
      r = await staff.post(`/staff/participation/${id}/counts`, { count_citizens: '๔๕', count_leaders: '-1', count_private: 'ห้า', count_government: '3', count_other: '0' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ผู้นำชุมชน: /);
      assert.match(textOf(r.body), /ภาคเอกชน: /);
      r = await staff.post(`/staff/participation/${id}/counts`, { count_citizens: '๔๕', count_leaders: '7', count_private: '2', count_government: '3', count_other: '0' });
      assert.equal(r.status, 303);
      const row = await t.p.db.k.selectFrom('participation_activity').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.count_citizens, row.count_leaders, row.count_private, row.count_government, row.count_other].map(Number), [45, 7, 2, 3, 0], 'Thai digits read');

      // a document, through the platform's upload route only
      await staff.get(`/staff/participation/${id}`);
      r = await staff.postMultipart(`/staff/participation/${id}/documents`, { kind: 'minutes', label: '' }, { file: { name: 'notes.txt', data: Buffer.from('not a pdf at all') } });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไฟล์: /);
      const pdf = (await t.agent().get('/participation/report/2569.pdf')).raw;
      r = await staff.postMultipart(`/staff/participation/${id}/documents`, { kind: 'minutes', label: 'รายงานการประชุมบ้านหนองแวง' }, { file: { name: 'minutes.pdf', data: pdf } });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
      const staffPage = await staff.get(`/staff/participation/${id}`);
      const fileHref = /href="(\/files\/[^"]+)"/.exec(staffPage.body)![1]!;
      assert.equal((await anon.get(fileHref)).status, 404, 'the file of an unpublished activity is not public');
      assert.equal((await staff.get(fileHref)).status, 200, 'staff read it');
      assert.equal((await staff.post(`/staff/participation/${id}/documents`, { kind: 'minutes', label: '' })).status, 422, 'a urlencoded post without a file');

      // proposals with the agency's response
      r = await staff.post(`/staff/participation/${id}/proposals`, { proposal: 'ขอขยายเขตประปาไปยังคุ้มใหม่', proposed_by: 'ผู้ใหญ่บ้าน', response_status: 'declined', response: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ระบุเหตุผลที่ดำเนินการไม่ได้/);
      assert.match(r.body, /ขอขยายเขตประปาไปยังคุ้มใหม่/, 'the proposal typed is kept');
      r = await staff.post(`/staff/participation/${id}/proposals`, { proposal: 'ขอขยายเขตประปาไปยังคุ้มใหม่', proposed_by: 'ผู้ใหญ่บ้าน', response_status: 'pending', response: '' });
      assert.equal(r.status, 303);
      const pid = (await t.p.db.k.selectFrom('participation_proposal').select('id').where('activity_id', '=', id).executeTakeFirstOrThrow()).id;
      await staff.get(`/staff/participation/${id}/proposals/${pid}`);
      r = await staff.post(`/staff/participation/${id}/proposals/${pid}`, { proposal: 'ขอขยายเขตประปาไปยังคุ้มใหม่', proposed_by: 'ผู้ใหญ่บ้าน', response_status: 'accepted', response: 'บรรจุในแผนพัฒนาท้องถิ่น ปี 2571' });
      assert.equal(r.status, 303);

      await staff.get(`/staff/participation/${id}`);
      assert.equal((await staff.post(`/staff/participation/${id}/publish`, {})).status, 303);
      const page = textOf((await anon.get(`/participation/${slug}`)).body);
      assert.match(page, /ขอขยายเขตประปาไปยังคุ้มใหม่/);
      assert.match(page, /รับไปดำเนินการ บรรจุในแผนพัฒนาท้องถิ่น ปี 2571/);
      assert.match(page, /รวม 57/);
      assert.equal((await anon.get(fileHref)).status, 200, 'public once the activity is');
      for (const action of ['participation.counts', 'participation.document.add', 'participation.proposal.add', 'participation.proposal.update', 'participation.publish']) assert.ok((await audits(action)) >= 1, action);
      const summaries = await t.p.db.k.selectFrom('audit_event').select('summary').where('action', 'like', 'participation.%').execute();
      assert.ok(summaries.every((s) => !s.summary.includes('ผู้ใหญ่บ้าน') && !s.summary.includes('ประปา')), 'no content in the audit log');

      // a published address never changes
      await staff.get(`/staff/participation/${id}/edit`);
      r = await staff.post(`/staff/participation/${id}/edit`, activity({ kind: 'meeting', title_th: 'ประชุมผู้แทนชุมชนบ้านหนองแวง เรื่องประปาหมู่บ้าน', slug: 'another-address' }));
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /เปลี่ยนที่อยู่หน้าเว็บไม่ได้/);
      await staff.get(`/staff/participation/${id}`);
      assert.equal((await staff.post(`/staff/participation/${id}/proposals/${pid}/remove`, {})).status, 303);
      assert.doesNotMatch(textOf((await anon.get(`/participation/${slug}`)).body), /ขอขยายเขตประปา/);
    });

    test('an online consultation: an anonymous comment with consent, refused without it or after closing; moderation; no address kept', async () => {
      const { id, slug } = await create({ title_th: 'รับฟังความคิดเห็นร่างแผนการจัดการน้ำ', is_commentable: 'on', comments_close_at: bangkokIn(48), status: 'open' });
      const citizen = t.agent();
      citizen.ip = '203.0.113.10';
      const page = await citizen.get(`/participation/${slug}`);
      assert.equal(page.status, 200);
      assert.match(page.headers['cache-control'] as string, /no-store/, 'a page with a form is the visitor’s');
      const pt = textOf(page.body);
      assert.match(pt, /เปิดรับความคิดเห็นถึง \d{1,2} \S+ 25\d\d/, 'the closing date in B.E.');
      assert.match(pt, /ระบบไม่เก็บที่อยู่ไอพี/, 'the privacy notice says what is not kept');
      assert.match(pt, /แสดงต่อสาธารณะหลังเจ้าหน้าที่ตรวจแล้วเท่านั้น/, 'the moderation rule is stated');

      let r = await citizen.post(`/participation/${slug}/comments`, { author_name: '', body: 'ขอให้ขุดลอกคลองส่งน้ำก่อนฤดูฝน' });
      assert.equal(r.status, 422, 'no consent');
      assert.match(textOf(r.body), /ทำเครื่องหมายยินยอมก่อนส่ง/);
      assert.match(r.body, /ขอให้ขุดลอกคลองส่งน้ำก่อนฤดูฝน/, 'the comment typed is kept');
      r = await citizen.post(`/participation/${slug}/comments`, { author_name: '', body: 'ขอให้ขุดลอกคลองส่งน้ำก่อนฤดูฝน', consent: 'on' });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
      assert.equal(r.location, `/participation/${slug}/thanks`);
      assert.match(textOf((await citizen.get(r.location!)).body), /ได้รับความคิดเห็นของท่านแล้ว/);
      const c = await t.p.db.k.selectFrom('participation_comment').selectAll().where('activity_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(c.author_name, '');
      assert.equal(c.status, 'pending');
      assert.deepEqual(Object.keys(c).sort(), ['activity_id', 'agency_id', 'author_name', 'body', 'created_at', 'id', 'moderated_at', 'moderated_by', 'moderation_note', 'status'], 'nothing about the sender but what they typed');
      assert.ok(!JSON.stringify(c).includes('203.0.113'), 'no address');
      assert.doesNotMatch(textOf((await t.agent().get(`/participation/${slug}`)).body), /ขุดลอกคลองส่งน้ำ/, 'hidden until approved');

      // moderation
      const queue = await staff.get(`/staff/participation/comments?status=pending&activity=${id}`);
      assert.match(textOf(queue.body), /ขอให้ขุดลอกคลองส่งน้ำก่อนฤดูฝน/);
      r = await staff.post(`/staff/participation/comments/${c.id}?status=pending&activity=${id}`, { decision: 'hide', note: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ระบุเหตุผลที่ซ่อนความคิดเห็น/);
      r = await staff.post(`/staff/participation/comments/${c.id}?status=pending&activity=${id}`, { decision: 'approve', note: '' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/staff/participation/comments?status=pending&activity=${id}`);
      const shown = textOf((await t.agent().get(`/participation/${slug}`)).body);
      assert.match(shown, /ไม่ประสงค์ออกนาม/);
      assert.match(shown, /ขอให้ขุดลอกคลองส่งน้ำก่อนฤดูฝน/);
      r = await staff.post(`/staff/participation/comments/${c.id}?status=approved`, { decision: 'hide', note: 'ซ้ำกับความคิดเห็นอื่น' });
      assert.equal(r.status, 303);
      assert.doesNotMatch(textOf((await t.agent().get(`/participation/${slug}`)).body), /ขุดลอกคลองส่งน้ำ/);
      assert.equal(await audits('participation.comment.approve') > 0 && await audits('participation.comment.hide') > 0, true);

      // closed by its time: the form gives way to a notice, and a post is refused with a message, its text given back
      await staff.get(`/staff/participation/${id}/edit`);
      r = await staff.post(`/staff/participation/${id}/edit`, activity({ title_th: 'รับฟังความคิดเห็นร่างแผนการจัดการน้ำ', slug, is_commentable: 'on', comments_close_at: bangkokIn(-1), status: 'open' }));
      assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
      const closed = await citizen.get(`/participation/${slug}`);
      assert.match(textOf(closed.body), /ปิดรับความคิดเห็นแล้ว/);
      assert.doesNotMatch(closed.body, new RegExp(`action="/participation/${slug}/comments"`), 'no form');
      assert.match(textOf(closed.body), /ปิดรับฟัง/, 'the status reads closed');
      const count = async () => Number((await t.p.db.k.selectFrom('participation_comment').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', id).executeTakeFirstOrThrow()).n);
      const n = await count();
      r = await citizen.post(`/participation/${slug}/comments`, { author_name: 'สมชาย', body: 'ส่งหลังปิดรับแล้ว', consent: 'on' });
      assert.equal(r.status, 409);
      assert.match(textOf(r.body), /ปิดรับความคิดเห็นแล้ว/);
      assert.match(textOf(r.body), /ส่งหลังปิดรับแล้ว/, 'what was typed is given back');
      assert.equal(await count(), n);
      citizen.cookies.set('lang', 'en');
      r = await citizen.post(`/participation/${slug}/comments`, { author_name: '', body: 'sent after closing', consent: 'on' });
      assert.equal(r.status, 409);
      assert.match(textOf(r.body), /Comments are closed/);
      // closed by staff before its time
      await staff.get(`/staff/participation/${id}/edit`);
      await staff.post(`/staff/participation/${id}/edit`, activity({ title_th: 'รับฟังความคิดเห็นร่างแผนการจัดการน้ำ', slug, is_commentable: 'on', comments_close_at: bangkokIn(48), status: 'closed' }));
      citizen.cookies.set('lang', 'th');
      r = await citizen.post(`/participation/${slug}/comments`, { author_name: '', body: 'ส่งหลังเจ้าหน้าที่ปิด', consent: 'on' });
      assert.equal(r.status, 409);
      assert.equal(await count(), n);
    });

    test('comments are throttled per address, and the body is capped', async () => {
      const { slug } = await create({ title_th: 'รับฟังความคิดเห็นทดสอบการจำกัด', is_commentable: 'on', comments_close_at: bangkokIn(48), status: 'open' });
      const throttleRows = async () => (await t.p.db.k.selectFrom('throttle').select(['key_hash', 'failures']).orderBy('key_hash').execute()).map((r) => `${r.key_hash}:${r.failures}`);
      const rowsBefore = await throttleRows();
      const busy = t.agent();
      busy.ip = '198.51.100.7';
      await busy.get(`/participation/${slug}`);
      for (let i = 0; i < COMMENTS_PER_ADDRESS; i++) {
        assert.equal((await busy.post(`/participation/${slug}/comments`, { author_name: '', body: `ความคิดเห็นที่ ${i + 1} ทดสอบ`, consent: 'on' })).status, 303, `comment ${i + 1}`);
      }
      const r = await busy.post(`/participation/${slug}/comments`, { author_name: '', body: 'ความคิดเห็นเกินจำนวน', consent: 'on' });
      assert.equal(r.status, 429);
      assert.match(textOf(r.body), /ส่งความคิดเห็นจากเครือข่ายนี้บ่อยเกินไป/);
      assert.match(r.body, /ความคิดเห็นเกินจำนวน/, 'the text stays in the form');
      const other = t.agent();
      other.ip = '198.51.100.8';
      await other.get(`/participation/${slug}`);
      assert.equal((await other.post(`/participation/${slug}/comments`, { author_name: '', body: 'จากเครือข่ายอื่น', consent: 'on' })).status, 303, 'another address is not held up');
      // counted in memory only: nothing derived from an address is written that could be matched to a comment's time
      assert.deepEqual(await throttleRows(), rowsBefore, 'no throttle row written');

      const big = await other.post(`/participation/${slug}/comments`, { author_name: '', body: 'ก'.repeat(20_000), consent: 'on' });
      assert.equal(big.status, 413);
      assert.match(textOf(big.body), /48 KB/);
      const long = await other.post(`/participation/${slug}/comments`, { author_name: '', body: 'ab'.repeat(1600), consent: 'on' });
      assert.equal(long.status, 422, 'over 3,000 characters');
      assert.match(textOf(long.body), /ยาวเกิน 3000 ตัวอักษร|ยาวเกิน 3,000 ตัวอักษร/);
    });

    test(`comments from many /64s of one IPv6 /48: ${COMMENTS_PER_48_HOUR} an hour, so one site cannot use up the hour for everyone`, async () => {
      const { slug } = await create({ title_th: 'รับฟังความคิดเห็นจากเครือข่ายใหญ่', is_commentable: 'on', comments_close_at: bangkokIn(48), status: 'open' });
      const post = async (ip: string, body: string) => {
        const a = Object.assign(t.agent(), { ip });
        await a.get(`/participation/${slug}`);
        return (await a.post(`/participation/${slug}/comments`, { author_name: '', body, consent: 'on' })).status;
      };
      for (let i = 1; i <= COMMENTS_PER_48_HOUR; i++) assert.equal(await post(`2001:db8:480:${i.toString(16)}::1`, `ความคิดเห็นที่ ${i}`), 303, `comment ${i}`);
      assert.equal(await post('2001:db8:480:ffff::1', 'ความคิดเห็นเกินจำนวน'), 429);
      assert.equal(await post('2001:db8:481::1', 'จากอีกเครือข่าย'), 303, 'another /48');
    });

    test('concurrent requests: one address for one activity, and proposals added at once each get their own place', async () => {
      const second = t.agent();
      await second.login('publisher');
      await staff.get('/staff/participation/new');
      await second.get('/staff/participation/new');
      const same = activity({ title_th: 'กิจกรรมพร้อมกัน', slug: 'same-address-at-once' });
      const results = await Promise.all([staff.post('/staff/participation/new', same), second.post('/staff/participation/new', same), staff.post('/staff/participation/new', same)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [303, 422, 422], 'one gets the address; the others are told, never a 500');
      for (const r of results.filter((x) => x.status === 422)) assert.match(textOf(r.body), /ที่อยู่หน้าเว็บนี้ถูกใช้แล้ว/);

      const { id } = await create({ title_th: 'กิจกรรมทดสอบข้อเสนอพร้อมกัน' }, false);
      await staff.get(`/staff/participation/${id}`);
      await second.get(`/staff/participation/${id}`);
      const adds = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? second : staff).post(`/staff/participation/${id}/proposals`, { proposal: `ข้อเสนอที่ ${i + 1}`, proposed_by: '', response_status: 'pending', response: '' })));
      assert.deepEqual(adds.map((r) => r.status), Array(8).fill(303));
      const positions = (await t.p.db.k.selectFrom('participation_proposal').select('sort_order').where('activity_id', '=', id).orderBy('sort_order').execute()).map((r) => r.sort_order);
      assert.deepEqual(positions, [0, 1, 2, 3, 4, 5, 6, 7]);

      // two moderators decide on one comment at once: the second's record starts from what the first decided
      const comment = await t.p.db.k.insertInto('participation_comment').values({ agency_id: 1, activity_id: id, author_name: '', body: 'ความคิดเห็นที่ตัดสินพร้อมกัน', status: 'pending', moderation_note: '', moderated_by: null, moderated_at: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      await staff.get('/staff/participation/comments');
      await second.get('/staff/participation/comments');
      const decided = await Promise.all([staff.post(`/staff/participation/comments/${comment.id}`, { decision: 'approve', note: '' }), second.post(`/staff/participation/comments/${comment.id}`, { decision: 'hide', note: 'ทดสอบพร้อมกัน' })]);
      assert.deepEqual(decided.map((r) => r.status), [303, 303]);
      const trail = await t.p.db.k.selectFrom('audit_event').select('summary as detail').where('target_type', '=', 'participation_comment').where('target_id', '=', String(comment.id)).orderBy('id').execute();
      assert.equal(trail.length, 2);
      const [first, then] = trail.map((r) => /: (\w+) → (\w+)$/.exec(r.detail ?? '')!.slice(1));
      assert.equal(first![0], 'pending');
      assert.equal(then![0], first![1], `the second decision starts from the first one's outcome: ${trail.map((r) => r.detail).join(' | ')}`);
    });
  });
}
