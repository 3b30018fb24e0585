// Finding 8 of the penetration test: 500s an anonymous visitor could cause with page numbers, twice-decoded
// paths, invalid dates, and NUL or control characters in queries and forms (PostgreSQL refuses NUL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { dateQuery, dayQuery, MAX_PAGE, pageParam, yearQuery } from './params.ts';
import { cleanFileName } from '../files/index.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('parameter parsers', () => {
  test('pages, years and days are bounded', () => {
    assert.equal(pageParam('1e308'), 1);
    assert.equal(pageParam('99999999999'), 1);
    assert.equal(pageParam('20000'), MAX_PAGE);
    assert.equal(pageParam('-3'), 1);
    assert.equal(pageParam('3'), 3);
    assert.equal(pageParam(['2', '3']), 1);
    assert.equal(yearQuery('2570'), 2570);
    assert.equal(yearQuery('1e3'), null);
    assert.equal(yearQuery('9999'), null);
    assert.equal(dayQuery('9999-99-99'), '');
    assert.equal(dayQuery('2026-02-30'), '');
    assert.equal(dayQuery('2026-12-01'), '2026-12-01');
  });

  test('a day filter typed in B.E. parts is read as the C.E. day; a wrong one says why', () => {
    assert.deepEqual(dateQuery({ 'from-day': '1', 'from-month': 'ธ.ค.', 'from-year': '2569' }, 'from'), { iso: '2026-12-01', problem: null });
    assert.deepEqual(dateQuery({ 'from-day': '', 'from-month': '', 'from-year': '' }, 'from'), { iso: '', problem: null });
    assert.equal(dateQuery({ 'from-day': '1', 'from-month': '12', 'from-year': '3000' }, 'from').problem?.error, 'date.err.year');
    assert.deepEqual(dateQuery({ from: '2026-12-01' }, 'from'), { iso: '2026-12-01', problem: null });
  });
});

for (const target of await dbTargets()) {
  describe(`no 500 from what a visitor types, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('?page=1e308 on public lists, search, the API and staff lists', async () => {
      const staff = t.agent();
      await staff.login('admin');
      for (const url of ['/documents?page=1e308', '/news?page=1e308', '/search?q=แผน&page=1e308', '/api/v1/search?q=แผน&page=1e308', '/documents?page=99999999999']) {
        const r = await t.agent().get(url);
        assert.equal(r.status, 200, `${url}: ${r.status}`);
      }
      for (const url of ['/staff/content?page=1e308', '/staff/users?page=1e308', '/staff/audit?page=1e308']) {
        assert.equal((await staff.get(url)).status, 200, url);
      }
    });

    test('a code decoded twice, an impossible date, control characters in a query or a path', async () => {
      const staff = t.agent();
      await staff.login('admin');
      assert.equal((await t.agent().get('/oit/2567/%25')).status, 404);
      assert.equal((await staff.get('/staff/audit?from=9999-99-99&to=2026-13-01')).status, 200);
      for (const url of ['/search?q=a%00b', '/api/v1/search?q=a%00b', '/documents?category=%00', '/search?q=%1B%5B31m', '/oit/2567/O1%00', '/documents/x%00y']) {
        const r = await t.agent().get(url);
        assert.equal(r.status, 400, `${url}: ${r.status}`);
      }
      const api = await t.agent().get('/api/v1/search?q=a%00b');
      assert.equal(JSON.parse(api.body).error, 'bad_request', 'the API answers JSON');
      assert.match(textOf((await t.agent().get('/search?q=a%00b')).body), /อักขระควบคุม/);
    });

    test('NUL, ESC and U+202E in form text are refused on the field, never stored', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/agency');
      for (const bad of ['ก\u0000ข', 'ก\u001bข', 'ก\u202eข']) {
        const r = await a.post('/staff/agency', { name_th: bad });
        assert.ok(r.status === 422 || r.status === 400, `refused (${r.status})`);
      }
      const agency = await t.p.db.k.selectFrom('agency').select('name_th').executeTakeFirstOrThrow();
      assert.doesNotMatch(agency.name_th, /[\u0000\u001b\u202e]/);
      await a.get('/login');
    });

    test('control characters and bidi overrides in any text of a body are refused at the edge: the e-service catalogue editor, public forms (urlencoded and multipart)', async () => {
      const texts = async () => {
        const rows = [
          ...(await t.p.db.k.selectFrom('eservice_step').select(['name_th', 'name_en', 'detail_th']).execute()),
          ...(await t.p.db.k.selectFrom('eservice_field').select(['label_th', 'label_en', 'hint_th']).execute()),
          ...(await t.p.db.k.selectFrom('eservice_request').select(['requester_name', 'answers']).execute()),
        ];
        return JSON.stringify(rows);
      };
      const admin = t.agent();
      await admin.login('admin');
      await admin.get('/staff/e-service/services/new');
      const service = (over: Record<string, string>) => ({
        slug: 'control-characters', name_th: 'บริการทดสอบอักขระ', channels: 'ยื่นที่เคาน์เตอร์', is_published: 'on',
        'step-1-name': 'รับคำขอ', 'step-1-duration': '1', 'step-1-unit': 'day', 'field-1-key': 'note', 'field-1-label': 'หมายเหตุ', 'field-1-kind': 'text', ...over,
      });
      const bad = { 'step-1-name': 'รับคำขอ\u001b[31m', 'step-1-detail': 'ตรวจ\u0085สอบ', 'step-1-name_en': 'Intake\u009b', 'field-1-label': 'หมาย\u202eเหตุ', 'field-1-hint': 'ก\u2066ข', 'field-1-label_en': 'x\u0007' };
      for (const [field, value] of Object.entries(bad)) {
        const r = await admin.post('/staff/e-service/services/new', service({ [field]: value }));
        assert.equal(r.status, 400, `${field}: ${r.status}`);
        assert.match(textOf(r.body), /อักขระควบคุมหรืออักขระกลับทิศทาง/, 'the page says why');
      }
      assert.equal(await t.p.db.k.selectFrom('eservice_service').select('id').where('slug', '=', 'control-characters').executeTakeFirst(), undefined, 'nothing was saved');
      const saved = await admin.post('/staff/e-service/services/new', service({ 'step-1-detail': 'ตรวจสอบ\tเอกสาร\r\nครบถ้วน' }));
      assert.equal(saved.status, 303, 'the same form without them is saved (tab and line breaks are text)');

      // a citizen's request, as a form and with a file
      const citizen = t.agent();
      await citizen.get('/e-service/road-repair/request');
      const request = { f_road: 'ถนนสาย กส.ถ 1-0099', f_place: 'หน้าศาลาประชาคม', f_problem: '1', f_detail: 'หลุมลึก', name: 'นางสาวผู้ยื่น ทดสอบ', phone: '081 234 5678', email: '', consent: 'on' };
      const before = await t.p.db.k.selectFrom('eservice_request').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal((await citizen.post('/e-service/road-repair/request', { ...request, name: 'นาย\u202eก' })).status, 400);
      const multi = await citizen.postMultipart('/e-service/road-repair/request', { ...request, f_detail: 'หลุม\u001b[2Jลึก' }, {});
      assert.equal(multi.status, 400);
      assert.match(textOf(multi.body), /อักขระควบคุมหรืออักขระกลับทิศทาง/);
      const after = await t.p.db.k.selectFrom('eservice_request').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'no request was stored');
      assert.doesNotMatch(await texts(), /\\u00(?:0[0-8bcef]|1[0-9a-f]|[89][0-9a-f])|\\u20(?:2[a-e]|6[6-9])|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/i);

      // a complaint (files held in memory): the same refusal
      const complainant = t.agent();
      await complainant.get('/complaints/new?type=general');
      const complaint = await complainant.postMultipart('/complaints/new?type=general', { category: 'service', subject: 'ร้องเรียน\u202eการบริการ', description: 'รายละเอียด', consent: 'on' }, {});
      assert.equal(complaint.status, 400);
    });

    test('uploaded file names lose control characters and bidi overrides (a disguised extension)', async () => {
      const citizen = t.agent();
      await citizen.get('/e-service/road-repair/request');
      const request = { f_road: 'ถนนสาย กส.ถ 1-0099', f_place: 'หน้าศาลาประชาคม', f_problem: '1', f_detail: 'หลุมลึก', name: 'นางสาวผู้ยื่น ทดสอบ', phone: '081 234 5678', email: '', consent: 'on' };
      const sent = await citizen.postMultipart('/e-service/road-repair/request', request, { f_photo: { name: 'หลุม\u202egnp.exe\u0085\u001b\u2067.png', data: PNG, type: 'image/png' } });
      assert.equal(sent.status, 200, textOf(sent.body).slice(0, 300));
      const file = await t.p.db.k.selectFrom('file').select('original_name').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(file.original_name, 'หลุมgnp.exe.png');
      assert.equal(cleanFileName('a\u0000b\u009bc\u202ad\u2069e\tf.pdf', 'pdf'), 'abcdef.pdf');
    });
  });
}
