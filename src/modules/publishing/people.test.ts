// People management (การบริหารและพัฒนาทรัพยากรบุคคล): its three document categories grouped on the public documents
// pages (Thai and English), the staff templates that prefill a new document, and the demo's HR documents.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { pdfText, unmarkedThai } from '../../../test/support/html.ts';
import { fiscalYear } from '../../platform/thai/index.ts';

/** The slugs of the documents a list page shows, in order. */
const listed = (html: string) => [...html.matchAll(/<h2 class="item-title"><a href="\/documents\/([a-z0-9-]+)"/g)].map((m) => m[1]!);

/** What a browser would send for a form: its inputs, selected options and textareas. */
function formFields(html: string, action: string): Record<string, string> {
  const form = parse(html).querySelectorAll('form').find((f) => f.getAttribute('action') === action);
  assert.ok(form, `a form posting to ${action}`);
  const out: Record<string, string> = {};
  for (const i of form.querySelectorAll('input')) {
    const name = i.getAttribute('name');
    const type = i.getAttribute('type') ?? 'text';
    if (!name || name === '_csrf' || type === 'file' || type === 'submit') continue;
    if (type === 'checkbox') {
      if (i.hasAttribute('checked')) out[name] = i.getAttribute('value') ?? 'on';
      continue;
    }
    out[name] = i.getAttribute('value') ?? '';
  }
  for (const s of form.querySelectorAll('select')) {
    const chosen = s.querySelectorAll('option').find((o) => o.hasAttribute('selected')) ?? s.querySelector('option');
    out[s.getAttribute('name')!] = chosen?.getAttribute('value') ?? '';
  }
  for (const t of form.querySelectorAll('textarea')) out[t.getAttribute('name')!] = t.text;
  return out;
}

const GROUP_TH = 'การบริหารและพัฒนาทรัพยากรบุคคล';
const HR_SLUGS = ['hr-report-2568', 'hr-criteria-2569', 'hr-plan-2569', 'hr-criteria-2570', 'hr-report-2569', 'hr-plan-2570'];

for (const target of await dbTargets()) {
  describe(`people management documents on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('/documents groups the three HR categories under the people-management heading, each with its newest document', async () => {
      const page = await t.agent().get('/documents');
      assert.equal(page.status, 200);
      const root = parse(page.body);
      const section = root.querySelector('section.doc-group');
      assert.ok(section, 'a section for the group');
      assert.equal(section.querySelector('h2')!.text.trim(), GROUP_TH);
      assert.equal(section.getAttribute('aria-labelledby'), section.querySelector('h2')!.getAttribute('id'));
      const items = section.querySelectorAll('li').map((li) => ({ category: li.querySelector('a')!.getAttribute('href'), text: textOf(li.innerHTML).trim(), newest: li.querySelectorAll('a')[1]?.getAttribute('href') }));
      assert.deepEqual(items.map((i) => i.category), ['/documents?category=hr_criteria', '/documents?category=hr_plan', '/documents?category=hr_report']);
      assert.match(items[0]!.text, /^หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล — ฉบับล่าสุด: หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ\.ศ\. 2570$/);
      assert.deepEqual(items.map((i) => i.newest), ['/documents/hr-criteria-2570', '/documents/hr-plan-2570', '/documents/hr-report-2569']);
      // the filter's categories: the group under its own heading, with a choice of the whole group
      const group = root.querySelectorAll('select[name="category"] optgroup');
      assert.equal(group.length, 1);
      assert.equal(group[0]!.getAttribute('label'), GROUP_TH);
      assert.deepEqual(group[0]!.querySelectorAll('option').map((o) => o.getAttribute('value')), ['people', 'hr_criteria', 'hr_plan', 'hr_report']);
      const outside = root.querySelectorAll('select[name="category"] > option').map((o) => o.getAttribute('value'));
      assert.ok(outside.includes('plan') && !outside.includes('hr_plan'), 'grouped categories are only in their group');
    });

    test('?category=people lists every HR document and nothing else; ?category=hr_plan only the plans', async () => {
      const a = t.agent();
      const all = await a.get('/documents?category=people');
      assert.equal(all.status, 200);
      assert.deepEqual(listed(all.body).sort(), [...HR_SLUGS].sort());
      assert.match(textOf(all.body), /แสดงหมวด: การบริหารและพัฒนาทรัพยากรบุคคล/);
      assert.match(all.body, /<option value="people" selected/);
      const plans = await a.get('/documents?category=hr_plan&fy=2570');
      assert.deepEqual(listed(plans.body), ['hr-plan-2570']);
      assert.match(textOf(plans.body), /การบริหารและพัฒนาทรัพยากรบุคคล › แผนการบริหารและพัฒนาทรัพยากรบุคคล · ปีงบประมาณ 2570/);
      assert.deepEqual(listed((await a.get('/documents?category=hr_report')).body), ['hr-report-2569', 'hr-report-2568'], 'newest first');
      // an unknown category is ignored, not an error
      assert.equal((await a.get('/documents?category=hr_nonsense')).status, 200);
    });

    test('in English: the group and its categories in English, every Thai text marked', async () => {
      const en = t.agent();
      en.cookies.set('lang', 'en');
      for (const url of ['/documents', '/documents?category=people', '/documents/hr-plan-2570']) {
        const page = await en.get(url);
        assert.equal(page.status, 200, url);
        assert.match(page.body, /<html lang="en">/);
        assert.deepEqual(unmarkedThai(page.body), [], url);
      }
      const root = parse((await en.get('/documents')).body);
      assert.equal(root.querySelector('section.doc-group h2')!.text.trim(), 'People management');
      assert.deepEqual(root.querySelectorAll('section.doc-group li > a:first-child').map((x) => x.text), ['HR criteria', 'HR management and development plans', 'HR management and development reports']);
      assert.equal(root.querySelector('select[name="category"] optgroup')!.getAttribute('label'), 'People management');
      const doc = textOf((await en.get('/documents/hr-plan-2570')).body);
      assert.match(doc, /Category People management › HR management and development plans/);
    });

    test('the demo plan and report: full text with their sections on the page and in the signed PDF', async () => {
      const a = t.agent();
      const plan = await a.get('/documents/hr-plan-2569');
      assert.equal(plan.status, 200);
      const root = parse(plan.body);
      assert.deepEqual(root.querySelectorAll('.body h2').map((h) => h.text), ['1. หลักการและเหตุผล', '2. เป้าหมายและวัตถุประสงค์', '3. แผนการบริหารทรัพยากรบุคคล', '4. โครงการและหลักสูตรการพัฒนาบุคลากร', '5. งบประมาณ', '6. ตัวชี้วัดความสำเร็จ', '7. การติดตามและประเมินผล']);
      assert.match(root.querySelector('a[href="/documents?category=hr_plan"]')!.text, /การบริหารและพัฒนาทรัพยากรบุคคล › แผนการบริหารและพัฒนาทรัพยากรบุคคล/);
      const pdfHref = /href="(\/files\/[^"]+\.pdf)"/.exec(plan.body)![1]!;
      const pdf = await a.get(pdfHref);
      assert.equal(pdf.status, 200);
      // lines may break between Thai words, where no space was typed: compared without spaces
      const flat = (s: string) => s.replace(/\s+/g, '');
      const text = flat(pdfText(pdf.raw));
      for (const s of ['แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2569', 'เป้าหมายและวัตถุประสงค์', 'โครงการและหลักสูตรการพัฒนาบุคลากร', 'ตัวชี้วัดความสำเร็จ', 'ลงชื่อ']) assert.ok(text.includes(flat(s)), s);
      // the report of the year past: results against the plan, training numbers, what to improve
      const report = parse((await a.get('/documents/hr-report-2569')).body);
      assert.deepEqual(report.querySelectorAll('.body h2').map((h) => h.text.replace(/^\d\. /, '')), ['ข้อมูลอัตรากำลัง', 'ผลการดำเนินงานตามแผนการบริหารทรัพยากรบุคคล', 'ผลการพัฒนาบุคลากร', 'ผลตามตัวชี้วัดความสำเร็จ', 'ปัญหา อุปสรรค และสิ่งที่ต้องปรับปรุง', 'แนวทางการพัฒนาในปีงบประมาณถัดไป']);
      assert.match(textOf(report.querySelector('.body')!.innerHTML), /ฝึกอบรมกับสถาบันพัฒนาบุคลากรท้องถิ่น 27 60–120 318,600/);
    });

    describe('staff templates', () => {
      let pub: Agent;
      before(async () => {
        pub = t.agent();
        await pub.login('publisher');
      });

      test('the new document page offers the HR templates, grouped, in a form that works without JavaScript', async () => {
        const page = await pub.get('/staff/content/new?kind=document');
        assert.equal(page.status, 200);
        const form = parse(page.body).querySelectorAll('form').find((f) => f.getAttribute('method') === 'get' && f.getAttribute('action') === '/staff/content/new');
        assert.ok(form, 'a GET form: choosing a template saves nothing');
        assert.equal(form.querySelector('input[name="kind"]')!.getAttribute('value'), 'document');
        const group = form.querySelector('select[name="template"] optgroup')!;
        assert.equal(group.getAttribute('label'), GROUP_TH);
        assert.deepEqual(group.querySelectorAll('option').map((o) => o.getAttribute('value')), ['hr_criteria', 'hr_plan', 'hr_report']);
        assert.ok(form.querySelector('label[for="f-tpl-fy"]'), 'the year box has its label');
        // the document's own category list groups them too
        assert.equal(parse(page.body).querySelector('form[method="post"] select[name="category"] optgroup')!.getAttribute('label'), GROUP_TH);
      });

      test('a plan template prefills category, year, titles, sign-off and the sections of the body; saved, it is a draft like any other', async () => {
        const page = await pub.get('/staff/content/new?kind=document&template=hr_plan&fy=๒๕๗๑');
        assert.equal(page.status, 200);
        assert.match(textOf(page.body), /กรอกจากแบบร่าง “แผนการบริหารและพัฒนาทรัพยากรบุคคล” ของปีงบประมาณ 2571 แล้ว ยังไม่ได้บันทึก/);
        const f = formFields(page.body, '/staff/content/new?kind=document');
        assert.equal(f.category, 'hr_plan');
        assert.equal(f.fiscal_year, '2571');
        assert.equal(f.title_th, 'แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2571');
        assert.equal(f.title_en, 'HR management and development plan, fiscal year B.E. 2571');
        assert.equal(f.is_signoff_required, 'on');
        const head = await t.p.db.k.selectFrom('executive').select(['name_th', 'position_th']).where('side', '=', 'political').where('is_current', '=', true).orderBy('sort_order').orderBy('id').executeTakeFirstOrThrow();
        assert.deepEqual([f.signoff_name, f.signoff_position], [head.name_th, head.position_th]);
        const headings = (md: string) => [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        assert.deepEqual(headings(f.body_th!), ['1. หลักการและเหตุผล', '2. เป้าหมายและวัตถุประสงค์', '3. แผนการบริหารทรัพยากรบุคคล', '4. โครงการและหลักสูตรการพัฒนาบุคลากร', '5. งบประมาณ', '6. ตัวชี้วัดความสำเร็จ', '7. การติดตามและประเมินผล']);
        assert.match(f.body_th!, /\| โครงการหรือหลักสูตร \| กลุ่มเป้าหมาย \| จำนวน \(คน\) \| ระยะเวลา \| งบประมาณ \(บาท\) \|/);
        assert.deepEqual(headings(f.body_en!), ['1. Background', '2. Goals', '3. HR management plan', '4. Development projects and courses', '5. Budget', '6. Indicators', '7. Monitoring and evaluation']);

        // saved as the browser would send it: a draft of that category and year, audited
        const r = await pub.postMultipart('/staff/content/new?kind=document', f, {});
        assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
        const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
        const c = await t.p.db.k.selectFrom('content').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.deepEqual([c.status, c.category, c.fiscal_year, c.title_th], ['draft', 'hr_plan', 2571, f.title_th]);
        assert.match(c.body_html_th, /<h2>4\. โครงการและหลักสูตรการพัฒนาบุคลากร<\/h2>/);
        const events = await t.p.db.k.selectFrom('audit_event').select(['action', 'actor_label']).where('target_id', '=', String(id)).orderBy('id').execute();
        assert.deepEqual(events.map((e) => `${e.actor_label}:${e.action}`), ['publisher:content.create']);
        // the check before sending points at what the template left to fill in
        const check = textOf((await pub.get(`/staff/content/${id}/submit`)).body);
        assert.match(check, /เนื้อหายังมีข้อความจากแบบร่างที่ต้องเติม/);
        await pub.get(`/staff/content/${id}/edit`);
        const filled = { ...f, body_th: '## 1. หลักการและเหตุผล\n\nแผนของปีงบประมาณ พ.ศ. 2571', body_en: '## 1. Background\n\nThe plan of fiscal year 2571' };
        assert.equal((await pub.postMultipart(`/staff/content/${id}/edit`, filled, {})).status, 303);
        assert.doesNotMatch(textOf((await pub.get(`/staff/content/${id}/submit`)).body), /เนื้อหายังมีข้อความจากแบบร่างที่ต้องเติม/);
      });

      test('the criteria template has a heading per criterion; a report defaults to the year past', async () => {
        const criteria = formFields((await pub.get('/staff/content/new?kind=document&template=hr_criteria')).body, '/staff/content/new?kind=document');
        const current = fiscalYear(new Date());
        assert.equal(criteria.fiscal_year, String(current), 'criteria: the current fiscal year');
        for (const h of ['การสรรหาและเลือกสรร', 'การบรรจุและแต่งตั้ง', 'การเข้าสู่ตำแหน่งและการเลื่อนระดับ', 'การประเมินผลการปฏิบัติงาน', 'ค่าตอบแทนและการเลื่อนเงินเดือนหรือค่าจ้าง', 'การพัฒนาบุคลากร', 'วินัยและการดำเนินการทางวินัย']) {
          assert.match(criteria.body_th!, new RegExp(`^## \\d\\. ${h}$`, 'm'), h);
        }
        const report = formFields((await pub.get('/staff/content/new?kind=document&template=hr_report')).body, '/staff/content/new?kind=document');
        assert.equal(report.fiscal_year, String(current - 1), 'a report is of the year past');
        assert.equal(report.title_th, `รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ${current - 1}`);
        for (const h of ['ผลการดำเนินงานตามแผนการบริหารทรัพยากรบุคคล', 'ผลการพัฒนาบุคลากร', 'ปัญหา อุปสรรค และสิ่งที่ต้องปรับปรุง']) assert.match(report.body_th!, new RegExp(`^## \\d\\. ${h}$`, 'm'), h);
        assert.match(report.body_th!, /\| หลักสูตรหรือกิจกรรม \| ผู้เข้าร่วม \(คน\) \| ชั่วโมงการพัฒนา \| งบประมาณที่ใช้ \(บาท\) \|/);
      });

      test('an unknown template, a bad year or a template for news is a 400 page in Thai or English; only editors get the form', async () => {
        for (const url of ['/staff/content/new?kind=document&template=budget', '/staff/content/new?kind=document&template=hr_plan&fy=25x0', '/staff/content/new?kind=news&template=hr_plan', '/staff/content/new?kind=document&template=hr_plan&fy=1999']) {
          const r = await pub.get(url);
          assert.equal(r.status, 400, url);
          assert.match(textOf(r.body), /ไม่มีแบบร่างหรือปีงบประมาณตามที่ระบุ/, url);
        }
        const en = t.agent();
        en.cookies.set('lang', 'en');
        await en.login('publisher');
        const r = await en.get('/staff/content/new?kind=document&template=nope');
        assert.equal(r.status, 400);
        assert.match(textOf(r.body), /There is no template or fiscal year as given/);
        assert.equal((await t.agent().get('/staff/content/new?kind=document&template=hr_plan')).status, 303, 'signed out: to the sign-in page');
        const other = t.agent();
        await other.login('service');
        assert.equal((await other.get('/staff/content/new?kind=document&template=hr_plan')).status, 403);
      });
    });
  });
}
