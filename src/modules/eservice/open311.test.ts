// Open311 GeoReport v2, field by field against the specification (https://wiki.open311.org/GeoReport_v2): the
// service list, a service definition, posting with an API key made by the admin (missing, wrong, revoked keys; bad
// input answered as the specification's error list), and reading requests (one, filtered, the defaults) without
// any personal data, and without the place of a service whose place is not public.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { takeAttempt, throttleKey } from '../../platform/throttle.ts';
import { POSTS_PER_KEY } from './routes-open311.ts';

const SERVICE_KEYS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'].sort();
const ATTRIBUTE_KEYS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'];
const REQUEST_KEYS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'].sort();
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

type Json = Record<string, unknown>;
const json = (body: string) => JSON.parse(body) as unknown;

function post(a: Agent, fields: Record<string, string>) {
  return a.request('POST', '/open311/v2/requests.json', { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

function assertErrors(body: string, code: number, mention: RegExp) {
  const errors = json(body) as Json[];
  assert.ok(Array.isArray(errors) && errors.length > 0, 'an array of errors');
  for (const e of errors) {
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description']);
    assert.equal(e.code, code);
    assert.equal(typeof e.description, 'string');
  }
  assert.ok(errors.some((e) => mention.test(String(e.description))), `an error mentions ${mention}: ${body}`);
}

for (const target of await dbTargets()) {
  describe(`Open311 GeoReport v2 on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let key = '';
    before(async () => {
      t = await startApp(target);
      const admin = t.agent();
      await admin.login('admin');
      await admin.get('/staff/e-service/api-keys');
      const made = await admin.post('/staff/e-service/api-keys', { name: 'แอปแจ้งเหตุจังหวัด (ทดสอบ)' });
      assert.equal(made.status, 200);
      key = /<code class="secret">(es_[A-Za-z0-9_-]+)<\/code>/.exec(made.body)![1]!;
      assert.doesNotMatch((await admin.get('/staff/e-service/api-keys')).body, new RegExp(key), 'shown once');
    });
    after(() => t.close());

    test('services.json: every published service with the standard fields and types', async () => {
      const r = await t.agent().get('/open311/v2/services.json');
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /^application\/json; charset=utf-8/);
      const list = json(r.body) as Json[];
      assert.ok(Array.isArray(list));
      assert.equal(list.length, 8);
      for (const s of list) {
        assert.deepEqual(Object.keys(s).sort(), SERVICE_KEYS);
        assert.match(String(s.service_code), /^[a-z0-9-]+$/);
        assert.equal(typeof s.service_name, 'string');
        assert.equal(typeof s.description, 'string');
        assert.equal(typeof s.metadata, 'boolean');
        assert.ok(['realtime', 'batch', 'blackbox'].includes(String(s.type)));
        assert.equal(typeof s.keywords, 'string');
        assert.equal(typeof s.group, 'string');
      }
      const road = list.find((s) => s.service_code === 'road-repair')!;
      assert.equal(road.service_name, 'แจ้งซ่อมแซมถนนและสะพานในความรับผิดชอบของ อบจ.');
      assert.equal(road.metadata, true);
      assert.equal(road.type, 'realtime');
      assert.equal(road.keywords, 'ถนน,หลุม,สะพาน,ซ่อม');
      // a hidden service is not listed
      await t.p.db.k.updateTable('eservice_service').set({ is_published: false }).where('slug', '=', 'service-complaint').execute();
      assert.ok(!(json((await t.agent().get('/open311/v2/services.json')).body) as Json[]).some((s) => s.service_code === 'service-complaint'));
      assert.equal((await t.agent().get('/open311/v2/services/service-complaint.json')).status, 404);
      await t.p.db.k.updateTable('eservice_service').set({ is_published: true }).where('slug', '=', 'service-complaint').execute();
    });

    test('services/{code}.json: the attributes of its form, in order, with datatypes and choice values; files are not attributes', async () => {
      const r = await t.agent().get('/open311/v2/services/road-repair.json');
      assert.equal(r.status, 200);
      const def = json(r.body) as { service_code: string; attributes: Json[] };
      assert.deepEqual(Object.keys(def).sort(), ['attributes', 'service_code']);
      assert.equal(def.service_code, 'road-repair');
      assert.deepEqual(def.attributes.map((a) => a.code), ['road', 'place', 'problem', 'detail'], 'the photo (a file) is left out');
      for (const a of def.attributes) {
        for (const k of ATTRIBUTE_KEYS) assert.ok(k in a, `${String(a.code)} has ${k}`);
        assert.equal(a.variable, true);
        assert.ok(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(String(a.datatype)));
        assert.equal(typeof a.required, 'boolean');
        assert.equal(typeof a.order, 'number');
      }
      assert.deepEqual(def.attributes.map((a) => a.order), [...def.attributes.map((a) => a.order as number)].sort((x, y) => x - y));
      const problem = def.attributes.find((a) => a.code === 'problem')!;
      assert.equal(problem.datatype, 'singlevaluelist');
      assert.equal(problem.required, true);
      assert.deepEqual((problem.values as Json[])[0], { key: '1', name: 'หลุมบ่อ' });
      assert.equal(def.attributes.find((a) => a.code === 'detail')!.datatype, 'text');
      assert.equal(def.attributes.find((a) => a.code === 'detail')!.required, false);
      assert.ok(!('values' in def.attributes.find((a) => a.code === 'road')!));
      const elderly = json((await t.agent().get('/open311/v2/services/elderly-allowance.json')).body) as { attributes: Json[] };
      assert.equal(elderly.attributes.find((a) => a.code === 'born_on')!.datatype, 'datetime');
      for (const u of ['/open311/v2/services/no-such.json', '/open311/v2/services/Road-Repair.json']) {
        const nf = await t.agent().get(u);
        assert.equal(nf.status, 404, u);
        assertErrors(nf.body, 404, /service_code/);
      }
    });

    test('POST requests.json: the key is required and checked; bad input gets the error list; a good request gets its id', async () => {
      const a = t.agent();
      const good = { service_code: 'road-repair', lat: '16.4322', long: '103.5064', address_string: 'ถนนสาย กส.ถ 1-0012 หน้าโรงเรียน', description: 'หลุมกว้าง 1 เมตร', media_url: 'https://photos.example.test/pothole.jpg', first_name: 'สมหญิง', last_name: 'ลับมาก', email: 'somying@example.test', phone: '0891234567', 'attribute[road]': 'ถนนสาย กส.ถ 1-0012', 'attribute[place]': 'หน้าโรงเรียนบ้านโนนสูง', 'attribute[problem]': '1' };
      let r = await post(a, good);
      assert.equal(r.status, 403);
      assertErrors(r.body, 403, /api_key/);
      r = await post(a, { ...good, api_key: 'es_not-a-real-key' });
      assert.equal(r.status, 403);

      r = await post(a, { ...good, api_key: key, service_code: 'nothing-here' });
      assert.equal(r.status, 404);
      assertErrors(r.body, 404, /service_code/);
      const { lat: _lat, long: _long, address_string: _addr, ...noPlace } = good;
      r = await post(a, { ...noPlace, api_key: key });
      assert.equal(r.status, 400);
      assertErrors(r.body, 400, /location is required/);
      r = await post(a, { ...good, api_key: key, lat: '123', email: 'nope', 'attribute[problem]': '9', 'attribute[road]': '', media_url: 'javascript:alert(1)' });
      assert.equal(r.status, 400);
      for (const m of [/^lat:/, /^email:/, /^attribute\[problem\]:/, /^attribute\[road\]:/, /^media_url:/]) assertErrors(r.body, 400, m);

      r = await post(a, { ...good, api_key: key });
      assert.equal(r.status, 200, r.body);
      const created = json(r.body) as Json[];
      assert.equal(created.length, 1);
      assert.deepEqual(Object.keys(created[0]!).sort(), ['account_id', 'service_notice', 'service_request_id']);
      assert.match(String(created[0]!.service_request_id), /^[0-9A-Z]{5}-[0-9A-Z]{5}$/, 'a random public id, not the request number');
      assert.equal(created[0]!.account_id, null);
      assert.match(String(created[0]!.service_notice), /รหัสติดตาม [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      const id = String(created[0]!.service_request_id);
      const row = await t.p.db.k.selectFrom('eservice_request').select(['channel', 'api_key_id', 'requester_name', 'requester_email', 'fiscal_year', 'seq']).where('public_id', '=', id).executeTakeFirstOrThrow();
      assert.match(String(created[0]!.service_notice), new RegExp(`เลขที่คำขอ ${row.fiscal_year}-${String(row.seq).padStart(4, '0')}`));
      assert.equal(row.channel, 'api');
      assert.ok(row.api_key_id);
      assert.equal(row.requester_name, 'สมหญิง ลับมาก');

      // read back: every standard field, the public place, and nothing personal
      const one = await t.agent().get(`/open311/v2/requests/${id}.json`);
      assert.equal(one.status, 200);
      assert.ok(!/สมหญิง|ลับมาก|somying|0891234567|089 123/.test(one.body), 'no personal data');
      const list = json(one.body) as Json[];
      assert.equal(list.length, 1);
      const e = list[0]!;
      assert.deepEqual(Object.keys(e).sort(), REQUEST_KEYS);
      assert.equal(e.service_request_id, id);
      assert.equal(e.status, 'open');
      assert.equal(e.service_code, 'road-repair');
      assert.equal(e.service_name, 'แจ้งซ่อมแซมถนนและสะพานในความรับผิดชอบของ อบจ.');
      assert.equal(e.agency_responsible, 'กองช่าง');
      assert.equal(e.status_notes, 'ตรวจสอบพื้นที่', 'the current step');
      assert.match(String(e.requested_datetime), W3C);
      assert.match(String(e.updated_datetime), W3C);
      assert.match(String(e.expected_datetime), W3C);
      assert.equal(Date.parse(String(e.expected_datetime)) - Date.parse(String(e.requested_datetime)), 23 * 86_400_000, 'the declared 3 + 5 + 15 days');
      assert.equal(e.address, 'ถนนสาย กส.ถ 1-0012 หน้าโรงเรียน');
      assert.equal(e.lat, 16.4322);
      assert.equal(e.long, 103.5064);
      assert.equal(e.media_url, 'https://photos.example.test/pothole.jpg');
      assert.match(String(e.description), /หลุมกว้าง 1 เมตร/);
      assert.match(String(e.description), /ลักษณะความชำรุด: หลุมบ่อ/);
      assert.equal(e.address_id, null);
      assert.equal(e.zipcode, null);
      assert.equal(e.service_notice, null);
      assert.equal((await t.agent().get('/open311/v2/requests/AAAAA-BBBBB.json')).status, 404);
      assert.equal((await t.agent().get(`/open311/v2/requests/${row.fiscal_year}-${String(row.seq).padStart(4, '0')}.json`)).status, 404, 'never by the sequential number');
      assert.equal((await t.agent().get(`/open311/v2/requests/${id.toLowerCase()}.json`)).status, 200, 'any case');
      assertErrors((await t.agent().get('/open311/v2/requests/nonsense.json')).body, 404, /service_request_id/);

      // the filters
      const filtered = json((await t.agent().get(`/open311/v2/requests.json?service_request_id=${id}`)).body) as Json[];
      assert.deepEqual(filtered.map((x) => x.service_request_id), [id]);
      const open = json((await t.agent().get('/open311/v2/requests.json?service_code=road-repair&status=open')).body) as Json[];
      assert.ok(open.some((x) => x.service_request_id === id));
      assert.ok(open.every((x) => x.status === 'open' && x.service_code === 'road-repair'));
      const closed = json((await t.agent().get('/open311/v2/requests.json?status=closed&start_date=2020-01-01T00:00:00Z')).body) as Json[];
      assert.ok(closed.length > 0 && closed.every((x) => x.status === 'closed' && x.expected_datetime === null));
      const all = json((await t.agent().get('/open311/v2/requests.json')).body) as Json[];
      assert.ok(all.every((x) => Date.parse(String(x.requested_datetime)) >= Date.now() - 91 * 86_400_000), 'the last 90 days by default');
      const everything = json((await t.agent().get('/open311/v2/requests.json?start_date=2020-01-01')).body) as Json[];
      assert.ok(everything.length >= all.length);
      for (const x of everything) assert.deepEqual(Object.keys(x).sort(), REQUEST_KEYS);
      // a service whose place is not public shows no place, photo or description
      const water = everything.find((x) => x.service_code === 'water-truck')!;
      for (const k of ['address', 'lat', 'long', 'media_url', 'description']) assert.equal(water[k], null, k);
      for (const bad of ['status=pending', 'start_date=yesterday', 'end_date=2026-13-45', 'service_request_id=12', 'service_code=%3Cx%3E']) {
        const b = await t.agent().get(`/open311/v2/requests.json?${bad}`);
        assert.equal(b.status, 400, bad);
        assertErrors(b.body, 400, /./);
      }
    });

    test('typed text of the web form is never published, even in a field marked public; what was chosen from a list is', async () => {
      const a = t.agent();
      a.ip = '10.31.0.1';
      const form = await a.get('/e-service/road-repair/request');
      assert.match(textOf(form.body), /บริการนี้เปิดเผยตำแหน่งที่แจ้งและตัวเลือกลักษณะปัญหาต่อสาธารณะ/, 'the form says what becomes public');
      const sent = await a.post('/e-service/road-repair/request', { f_road: 'ถนนสาย กส.ถ 1-0099 นายสมชาย', f_place: 'หน้าบ้านเลขที่ 99/1', f_problem: '2', f_detail: 'ติดต่อนายสมชาย ใจดี โทร 0812345678', name: 'นายสมชาย ใจดี', phone: '0812345678', consent: 'on' });
      assert.equal(sent.status, 200, sent.body.slice(0, 300));
      const list = (await t.agent().get('/open311/v2/requests.json?service_code=road-repair')).body;
      assert.doesNotMatch(list, /สมชาย|0812345678/);
      assert.match(list, /ลักษณะความชำรุด: ผิวถนนทรุดตัว/);
    });

    test('a body that is not JSON, or too large, gets the specification\'s error list too', async () => {
      const bad = await t.agent().request('POST', '/open311/v2/requests.json', { headers: { 'content-type': 'application/json' }, payload: '{"service_code": ' });
      assert.equal(bad.status, 400);
      const list = JSON.parse(bad.body) as Array<{ code: number; description: string }>;
      assert.deepEqual(Object.keys(list[0]!).sort(), ['code', 'description']);
      assert.equal(list[0]!.code, 400);
    });

    test('posts past the hourly limit of a key are refused with 429', async () => {
      const keyId = (await t.p.db.k.selectFrom('eservice_api_key').select('id').where('revoked_at', 'is', null).executeTakeFirstOrThrow()).id;
      const rule = [{ key: throttleKey(t.p.keys, 'eservice-open311-key', keyId), max: POSTS_PER_KEY, windowMs: 3600_000 }];
      let used = 0;
      while ((await takeAttempt(t.p.db, rule)).ok) used++;
      assert.ok(used <= POSTS_PER_KEY);
      const r = await post(t.agent(), { api_key: key, service_code: 'road-repair', address_string: 'ที่ใดที่หนึ่ง', 'attribute[road]': 'ถนน', 'attribute[place]': 'จุด', 'attribute[problem]': '1' });
      assert.equal(r.status, 429);
      assertErrors(r.body, 429, /too many requests/);
    });

    test('a revoked key is refused', async () => {
      const admin = t.agent();
      await admin.login('admin');
      const page = await admin.get('/staff/e-service/api-keys');
      const id = /\/staff\/e-service\/api-keys\/(\d+)\/revoke/.exec(page.body)![1]!;
      assert.equal((await admin.post(`/staff/e-service/api-keys/${id}/revoke`, {})).status, 303);
      const r = await post(t.agent(), { api_key: key, service_code: 'road-repair', address_string: 'ที่ใดที่หนึ่ง', 'attribute[road]': 'ถนน', 'attribute[place]': 'จุด', 'attribute[problem]': '1' });
      assert.equal(r.status, 403);
    });
  });
}
