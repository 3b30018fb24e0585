// The staff views with requests of known channels, times and ratings, on a bare agency and both databases: the
// equal-service view's channel counts and its four flags per service; the queue per unit, the overdue list, and a
// request moving to the next step's unit when an officer moves it on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { saveService, type StepInput } from './catalogue.ts';
import type { Channel } from './kinds.ts';
import { accept, complete, nextStep, rate, requestInfo, submitRequest } from './requests.ts';
import { serviceDef } from './store.ts';

const MIN = 60_000;
const H = 60 * MIN;

/** The ids of the requests a queue page lists. */
const listed = (html: string) => new Set([...html.matchAll(/href="\/staff\/e-service\/requests\/(\d+)"/g)].map((m) => Number(m[1])));

/** The cells of the equal-service table's row of a service, as text. */
function rowOf(html: string, name: string): string[] {
  const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes(name));
  assert.ok(row, `a row for ${name}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!).trim());
}

for (const target of await dbTargets()) {
  describe(`E-Service staff views on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let agencyId = 0;
    let officer: Agent;
    const demo = () => systemActor(agencyId, 'demo');
    const units = { intake: 0, works: 0 };

    const service = async (slug: string, name: string, steps: Array<[number, 'hour' | 'day', number | null]>, division: number | null = null) => {
      const rows: StepInput[] = steps.map(([duration, unit, division_id], i) => ({ name_th: `ขั้นที่ ${i + 1} ของ ${slug}`, name_en: '', detail_th: '', duration, unit, division_id }));
      const id = await saveService(t.p, demo(), null, {
        slug, position: 0, is_published: true, name_th: name, name_en: '', summary_th: '', summary_en: '', group_th: '', group_en: '', keywords: '',
        legal_basis: '', division_id: division, channels: 'สำนักงาน', conditions: '', documents: '', fees: '', complaint_channel: '', sample_forms: '', is_location_public: false,
      }, rows, []);
      return (await serviceDef(t.p.db, agencyId, { id }))!;
    };
    const submit = (def: NonNullable<Awaited<ReturnType<typeof serviceDef>>>, channel: Channel, at: number) =>
      submitRequest(t.p, agencyId, def, { channel, requester: { name: 'ผู้ทดสอบ', email: '', phone: '' }, answers: {}, files: {} }, channel === 'online' || channel === 'api' ? null : demo(), { at: new Date(at) });

    before(async () => {
      t = await startApp(target, { demo: false });
      agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
      for (const [key, name] of [['intake', 'กองรับเรื่องทดสอบ'], ['works', 'กองช่างทดสอบ']] as const) {
        units[key] = (await t.p.db.k.insertInto('division').values({ agency_id: agencyId, parent_id: null, side: 'permanent', name_th: name, name_en: '', duties_th: '', sort_order: 0 }).returning('id').executeTakeFirstOrThrow()).id;
      }
      const u = await staff(t.p, ['service_officer']);
      officer = t.agent();
      assert.equal((await officer.login(u.username, FIXTURE_PASSWORD)).status, 303);
    });
    after(() => t.close());

    test('the equal-service view: exact channel counts per service, and each flag only where its rule holds', async () => {
      // noon in Bangkok ten days ago: every request below falls in one fiscal year and month, whatever today is
      const noon = Date.parse(`${bangkokDay(new Date(Date.now() - 10 * 24 * H))}T12:00:00+07:00`);
      const year = fiscalYear(new Date(noon));
      // flags: under half online (1 of 4) and a long wait (3 h against a 1-hour first step); fast enough, well rated
      const counter = await service('counter-heavy', 'บริการหน้าเคาน์เตอร์ทดสอบ', [[1, 'hour', null], [1, 'day', null]]);
      // flags: slower than the manual (5 h against 2 h) and rated 3.25; mostly online, taken up in 10 minutes
      const slow = await service('slow-low', 'บริการช้าทดสอบ', [[1, 'hour', null], [1, 'hour', null]]);
      // no flag: 3 of 4 online (one of them through Open311), 1 h against 2 h, taken up in 10 minutes, rated 4.5
      const good = await service('all-good', 'บริการดีทดสอบ', [[1, 'hour', null], [1, 'hour', null]]);
      const plan: Array<[typeof counter, Channel[], { accept: number; next: number; done: number }, number[]]> = [
        [counter, ['walk_in', 'phone', 'walk_in', 'online'], { accept: 3 * H, next: 4 * H, done: 6 * H }, [5, 5, 4, 4]],
        [slow, ['online', 'online', 'online', 'phone'], { accept: 10 * MIN, next: 2 * H, done: 5 * H }, [3, 3, 4, 3]],
        [good, ['online', 'api', 'online', 'walk_in'], { accept: 10 * MIN, next: 30 * MIN, done: H }, [5, 4, 5, 4]],
      ];
      for (const [def, channels, times, ratings] of plan) {
        for (const [i, channel] of channels.entries()) {
          const at = noon + i * MIN;
          const r = await submit(def, channel, at);
          await accept(t.p, demo(), r.id, { at: new Date(at + times.accept) });
          await nextStep(t.p, demo(), r.id, { at: new Date(at + times.next) });
          await complete(t.p, demo(), r.id, '', { at: new Date(at + times.done) });
          await rate(t.p, agencyId, r.id, ratings[i]!, '', { at: new Date(at + times.done + H) });
        }
      }
      const page = await officer.get(`/staff/e-service/equality/${year}`);
      assert.equal(page.status, 200);
      const OFFLINE = 'ยื่นออนไลน์น้อยกว่าครึ่ง';
      const SLOW = 'ช้ากว่าคู่มือ';
      const WAIT = 'รอรับเรื่องนานกว่าขั้นตอนแรก';
      const RATING = 'ความพึงพอใจต่ำกว่า 3.5';
      const flagsOf = (cells: string[]) => [OFFLINE, SLOW, WAIT, RATING].filter((f) => cells.at(-1)!.includes(f));
      // cells: service, total, online, at the counter, by phone, Open311, wait, median, declared, on time, rating, flags
      const c = rowOf(page.body, 'บริการหน้าเคาน์เตอร์ทดสอบ');
      assert.deepEqual(c.slice(1, 6), ['4', '1 (25%)', '2 (50%)', '1 (25%)', '0 (0%)']);
      assert.equal(c[6], '3 ชั่วโมง', 'the median wait');
      assert.equal(c[10], '4.50');
      assert.deepEqual(flagsOf(c), [OFFLINE, WAIT]);
      const s = rowOf(page.body, 'บริการช้าทดสอบ');
      assert.deepEqual(s.slice(1, 6), ['4', '3 (75%)', '0 (0%)', '1 (25%)', '0 (0%)']);
      assert.equal(s[7], '5 ชั่วโมง', 'the median time');
      assert.equal(s[9], '0%', 'none on time');
      assert.equal(s[10], '3.25');
      assert.deepEqual(flagsOf(s), [SLOW, RATING]);
      const g = rowOf(page.body, 'บริการดีทดสอบ');
      assert.deepEqual(g.slice(1, 6), ['4', '2 (50%)', '1 (25%)', '0 (0%)', '1 (25%)'], 'Open311 counted apart, and as online for the flag');
      assert.equal(g[9], '100%');
      assert.deepEqual(flagsOf(g), []);
      assert.equal(g.at(-1), 'ไม่มีข้อสังเกต');
    });

    test('the queue: a unit tab lists only its unit; the overdue list holds exactly the overdue; "next" moves a request to the next step’s unit', async () => {
      const relay = await service('relay', 'บริการส่งต่อทดสอบ', [[1, 'hour', units.intake], [1, 'hour', units.works]], units.intake);
      const now = Date.now();
      // past its first step's hour, not taken up
      const late1 = await submit(relay, 'online', now - 3 * H);
      // moved to the second step (the works unit) five hours ago, its hour long gone
      const late2 = await submit(relay, 'walk_in', now - 6 * H);
      await accept(t.p, demo(), late2.id, { at: new Date(now - 5.5 * H) });
      await nextStep(t.p, demo(), late2.id, { at: new Date(now - 5 * H) });
      // within its first hour
      const fresh = await submit(relay, 'online', now - 10 * MIN);
      // waiting for the requester: its clock is stopped, so never overdue
      const asked = await submit(relay, 'phone', now - 5 * H);
      await accept(t.p, demo(), asked.id, { at: new Date(now - 4.9 * H) });
      await requestInfo(t.p, demo(), asked.id, 'โปรดส่งเอกสารเพิ่ม', { at: new Date(now - 4.8 * H) });
      // completed: in neither list
      const done = await submit(relay, 'online', now - 8 * H);
      await accept(t.p, demo(), done.id, { at: new Date(now - 7.9 * H) });
      await nextStep(t.p, demo(), done.id, { at: new Date(now - 7.5 * H) });
      await complete(t.p, demo(), done.id, '', { at: new Date(now - 7 * H) });

      const queue = await officer.get('/staff/e-service');
      assert.deepEqual(listed(queue.body), new Set([late1.id, late2.id, fresh.id, asked.id]), 'open requests');
      const tabs = textOf(queue.body);
      assert.match(tabs, /กองรับเรื่องทดสอบ \(3\)/);
      assert.match(tabs, /กองช่างทดสอบ \(1\)/);
      assert.match(queue.body, new RegExp(`href="/staff/e-service\\?unit=${units.works}"`), 'a tab per unit');

      assert.deepEqual(listed((await officer.get(`/staff/e-service?unit=${units.intake}`)).body), new Set([late1.id, fresh.id, asked.id]));
      assert.deepEqual(listed((await officer.get(`/staff/e-service?unit=${units.works}`)).body), new Set([late2.id]));
      const overdue = await officer.get('/staff/e-service?state=overdue');
      assert.deepEqual(listed(overdue.body), new Set([late1.id, late2.id]), 'exactly the overdue ones');
      assert.equal((overdue.body.match(/class="tag status-overdue"/g) ?? []).length, 2, 'each marked late');
      assert.deepEqual(listed((await officer.get(`/staff/e-service?state=overdue&unit=${units.intake}`)).body), new Set([late1.id]));
      assert.deepEqual(listed((await officer.get(`/staff/e-service?state=closed&service=${relay.service.id}`)).body), new Set([done.id]));

      // the officer takes the fresh one up and moves it on: it leaves the intake unit's queue for the works unit's
      for (const what of ['accept', 'next']) {
        const page = await officer.get(`/staff/e-service/requests/${fresh.id}`);
        const step = /name="step" value="(\d+)"/.exec(page.body)![1]!;
        assert.equal((await officer.post(`/staff/e-service/requests/${fresh.id}/${what}`, { step })).status, 303, what);
      }
      const row = await t.p.db.k.selectFrom('eservice_request').select(['division_id', 'current_step']).where('id', '=', fresh.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { division_id: units.works, current_step: 1 });
      assert.deepEqual(listed((await officer.get(`/staff/e-service?unit=${units.intake}`)).body), new Set([late1.id, asked.id]));
      assert.deepEqual(listed((await officer.get(`/staff/e-service?unit=${units.works}`)).body), new Set([late2.id, fresh.id]));
      assert.match(textOf((await officer.get(`/staff/e-service/requests/${fresh.id}`)).body), /ส่วนงานที่ถือเรื่อง กองช่างทดสอบ/, 'the request page names its new unit');
    });
  });
}
