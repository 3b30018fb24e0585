import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { placeholderPortrait } from './portrait.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const target of await dbTargets()) {
  describe(`agency profile on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target, { env: { UPLOAD_MAX_MB: '0.2' } });
    });
    after(() => t.close());

    test('the demo agency: home page in Thai with its executives and the current fiscal year', async () => {
      const r = await t.agent().get('/');
      assert.equal(r.status, 200);
      const text = textOf(r.body);
      assert.match(text, /ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนจังหวัดกาฬสินธุ์/);
      assert.match(text, /นายสมศักดิ์ ศรีสุข/);
      assert.match(text, /นายวิชัย รักษ์ธรรม/);
      assert.match(r.body, /<img src="\/files\/[\w-]+\/portrait-1\.png" alt="ภาพของ นายสมศักดิ์ ศรีสุข"/);
    });

    test('structure shows political, council and permanent sides as a tree', async () => {
      const r = await t.agent().get('/about/structure');
      const text = textOf(r.body);
      assert.match(text, /ฝ่ายการเมือง/);
      assert.match(text, /ฝ่ายสภา/);
      assert.match(text, /ฝ่ายข้าราชการประจำ/);
      for (const d of ['สำนักปลัดองค์การบริหารส่วนจังหวัด', 'กองคลัง', 'กองช่าง', 'กองพัสดุและทรัพย์สิน', 'กองแผนและงบประมาณ', 'ฝ่ายนิติการ']) assert.ok(text.includes(d), d);
      assert.match(r.body, /<ul class="tree">/);
    });

    test('executives list names, positions, photos and a contact channel for each', async () => {
      const r = await t.agent().get('/about/executives');
      const text = textOf(r.body);
      assert.match(text, /ผู้บริหารฝ่ายการเมือง/);
      assert.match(text, /ผู้บริหารฝ่ายข้าราชการประจำ/);
      assert.equal(r.body.match(/<li class="card person">/g)?.length, 8);
      assert.equal(r.body.match(/href="tel:/g)!.length >= 8, true);
    });

    test('contact page gives address, phone, email, hours, map and channels', async () => {
      const text = textOf((await t.agent().get('/contact')).body);
      for (const s of ['ที่อยู่', '46000', '0 4300 0000', 'saraban@kalasin-pao.example', 'เวลาทำการ', 'ดูแผนที่', 'เฟซบุ๊กหน่วยงาน']) assert.ok(text.includes(s), s);
    });

    test('an admin updates the profile; the header changes at once; bad values are refused on their fields', async () => {
      const a = t.agent();
      await a.login('admin');
      const form = await a.get('/staff/agency');
      assert.match(form.body, /value="องค์การบริหารส่วนจังหวัดกาฬสินธุ์"/);
      const base = { name_th: 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์', name_en: 'Kalasin PAO', address_th: 'ที่อยู่ใหม่', address_en: '', postcode: '46000', phone: '0 4300 9999', fax: '', email: 'info@kalasin-pao.example', office_hours_th: 'จันทร์–ศุกร์', office_hours_en: '', map_url: '' };
      let r = await a.post('/staff/agency', { ...base, postcode: '4600', email: 'bad', map_url: 'javascript:alert(1)' });
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(text, /ข้อมูลไม่ถูกต้อง/);
      assert.match(text, /รูปแบบอีเมลไม่ถูกต้อง/);
      assert.match(text, /รูปแบบที่อยู่เว็บไม่ถูกต้อง/);
      r = await a.post('/staff/agency', base);
      assert.equal(r.status, 303);
      const home = textOf((await t.agent().get('/')).body);
      assert.match(home, /โทรศัพท์: 0 4300 9999/);
      assert.match(home, /ที่อยู่ใหม่ 46000/);
    });

    test('executives: add with a portrait, then the portrait downloads with its Thai name; wrong types and sizes are refused', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/agency/executives/new');
      const fields = { side: 'permanent', name_th: 'นางสาวสุดา ทดลอง', name_en: '', position_th: 'ผู้อำนวยการกองช่าง', position_en: 'Director of Engineering', phone: '0 4300 0040', email: '', sort_order: '9', is_current: 'on' };
      let r = await a.postMultipart('/staff/agency/executives/new', fields, { portrait: { name: 'รายงาน.pdf', data: PDF, type: 'image/png' } });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /กรุณาเลือกไฟล์รูปภาพ PNG, JPEG หรือ WebP/);
      assert.match(r.body, /value="นางสาวสุดา ทดลอง"/, 'typed values survive');
      r = await a.postMultipart('/staff/agency/executives/new', fields, { portrait: { name: 'big.png', data: Buffer.concat([placeholderPortrait(1), Buffer.alloc(300_000)]) } });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไฟล์มีขนาดใหญ่เกิน 0\.2 MB/);
      r = await a.postMultipart('/staff/agency/executives/new', { ...fields, side: 'emperor' }, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ค่าที่เลือกไม่อยู่ในรายการ/);
      r = await a.postMultipart('/staff/agency/executives/new', fields, { portrait: { name: 'ภาพผู้อำนวยการ ปี 2570.png', data: placeholderPortrait(9), type: 'application/octet-stream' } });
      assert.equal(r.status, 303);
      const page = await t.agent().get('/about/executives');
      assert.match(textOf(page.body), /นางสาวสุดา ทดลอง/);
      const src = /<img src="(\/files\/[^"]+)" alt="ภาพของ นางสาวสุดา ทดลอง"/.exec(page.body)![1]!;
      const file = await t.agent().get(src);
      assert.equal(file.status, 200);
      assert.equal(file.headers['content-type'], 'image/png');
      const cd = String(file.headers['content-disposition']);
      assert.match(cd, /^inline; /);
      assert.ok(cd.endsWith(`filename*=UTF-8''${encodeURIComponent('ภาพผู้อำนวยการ ปี 2570.png')}`), cd);
      assert.equal(file.raw.subarray(1, 4).toString('latin1'), 'PNG');
      assert.equal((await t.agent().get('/files/nonexistent123')).status, 404);
      const audit = await t.p.db.k.selectFrom('audit_event').select('summary').where('action', '=', 'agency.executive.create').execute();
      assert.deepEqual(audit.map((x) => x.summary), ['ผู้อำนวยการกองช่าง, new portrait']);
    });

    test('divisions: a parent may not be a division below it', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/agency/divisions/new');
      let r = await a.post('/staff/agency/divisions/new', { side: 'permanent', name_th: 'กองยุทธศาสตร์', name_en: '', duties_th: '', parent_id: '', sort_order: '1' });
      assert.equal(r.status, 303);
      const top = await t.p.db.k.selectFrom('division').select('id').where('name_th', '=', 'กองยุทธศาสตร์').executeTakeFirstOrThrow();
      r = await a.post('/staff/agency/divisions/new', { side: 'permanent', name_th: 'ฝ่ายยุทธศาสตร์', name_en: '', duties_th: '', parent_id: String(top.id), sort_order: '1' });
      assert.equal(r.status, 303);
      const child = await t.p.db.k.selectFrom('division').select('id').where('name_th', '=', 'ฝ่ายยุทธศาสตร์').executeTakeFirstOrThrow();
      await a.get(`/staff/agency/divisions/${top.id}`);
      r = await a.post(`/staff/agency/divisions/${top.id}`, { side: 'permanent', name_th: 'กองยุทธศาสตร์', name_en: '', duties_th: '', parent_id: String(child.id), sort_order: '1' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ค่าที่เลือกไม่อยู่ในรายการ/);
      r = await a.post(`/staff/agency/divisions/${top.id}`, { side: 'permanent', name_th: 'กองยุทธศาสตร์', name_en: '', duties_th: '', parent_id: '99999', sort_order: 'หนึ่ง' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /กรุณากรอกเป็นตัวเลข/);
      const structure = textOf((await t.agent().get('/about/structure')).body);
      assert.match(structure, /กองยุทธศาสตร์ ฝ่ายยุทธศาสตร์/);
    });
  });
}
