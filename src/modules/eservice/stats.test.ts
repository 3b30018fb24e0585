// The statistics' numbers from requests with known times, on a bare agency and both databases: on time against the
// declared time less the time waiting for the requester, medians per step, late counts, waiting time to be taken up,
// channels, months, ratings, periods; the same numbers in the CSV, and the declared against actual time on the
// tracking page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { saveService } from './catalogue.ts';
import { accept, answerInfo, complete, nextStep, rate, reject, requestInfo, submitRequest } from './requests.ts';
import { serviceDef } from './store.ts';
import { yearStats } from './stats.ts';

const H = 3600_000;
const at = (iso: string, plusHours = 0) => ({ at: new Date(Date.parse(iso) + plusHours * H) });

for (const target of await dbTargets()) {
  describe(`E-Service statistics on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let agencyId = 0;
    let codeOfLate = '';
    before(async () => {
      t = await startApp(target, { demo: false });
      agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
      const demo = systemActor(agencyId, 'demo');
      const id = await saveService(t.p, demo, null, {
        slug: 'permit', position: 0, is_published: true, name_th: 'ขออนุญาตทดสอบ', name_en: 'Test permit', summary_th: '', summary_en: '', group_th: '', group_en: '', keywords: '',
        legal_basis: '', division_id: null, channels: 'สำนักงาน', conditions: '', documents: '', fees: '', complaint_channel: '', sample_forms: '', is_location_public: false,
      }, [
        { name_th: 'ตรวจสอบ', name_en: 'Check', detail_th: '', duration: 1, unit: 'day', division_id: null },
        { name_th: 'อนุญาต', name_en: 'Permit', detail_th: '', duration: 2, unit: 'hour', division_id: null },
      ], []);
      const def = (await serviceDef(t.p.db, agencyId, { id }))!;
      const req = (channel: 'online' | 'walk_in' | 'phone', iso: string) =>
        submitRequest(t.p, agencyId, def, { channel, requester: { name: 'ผู้ทดสอบ', email: '', phone: '' }, answers: {}, files: {} }, channel === 'online' ? null : demo, at(iso));
      // on time: check 20 h (of 24), permit 2 h (of 2); taken up after 1 h; rated 5
      const r1 = await req('online', '2025-11-03T02:00:00Z');
      await accept(t.p, demo, r1.id, at('2025-11-03T02:00:00Z', 1));
      await nextStep(t.p, demo, r1.id, at('2025-11-03T02:00:00Z', 20));
      await complete(t.p, demo, r1.id, '', at('2025-11-03T02:00:00Z', 22));
      await rate(t.p, agencyId, r1.id, 5, '', at('2025-11-03T02:00:00Z', 30));
      // late: check 25 h once the 46 h waiting for the requester is taken out, permit 3 h; taken up after 30 min; rated 2
      const r2 = await req('walk_in', '2025-12-01T02:00:00Z');
      codeOfLate = r2.code;
      await accept(t.p, demo, r2.id, at('2025-12-01T02:00:00Z', 0.5));
      await requestInfo(t.p, demo, r2.id, 'ขอสำเนาโฉนด', at('2025-12-01T02:00:00Z', 2));
      await answerInfo(t.p, agencyId, r2.id, 'ส่งแล้ว', null, at('2025-12-01T02:00:00Z', 48));
      await nextStep(t.p, demo, r2.id, at('2025-12-01T02:00:00Z', 71));
      await complete(t.p, demo, r2.id, '', at('2025-12-01T02:00:00Z', 74));
      await rate(t.p, agencyId, r2.id, 2, 'ช้า', at('2025-12-01T02:00:00Z', 80));
      // refused before being taken up; and one still open, taken up after 10 minutes
      const r3 = await req('phone', '2025-12-15T02:00:00Z');
      await reject(t.p, demo, r3.id, 'ไม่อยู่ในอำนาจหน้าที่', at('2025-12-15T02:00:00Z', 3));
      const r4 = await req('online', '2026-01-20T02:00:00Z');
      await accept(t.p, demo, r4.id, at('2026-01-20T02:00:00Z', 1 / 6));
    });
    after(() => t.close());

    test('the year: counts, on time, medians per step, late steps, waiting, channels, months, ratings', async () => {
      const s = await yearStats(t.p.db, agencyId, 2569);
      assert.equal(s.total, 4);
      assert.equal(s.completed, 2);
      assert.equal(s.onTime, 1, 'the request that waited for its requester is late by its own time, not by the wait');
      const v = s.services[0]!;
      assert.equal(v.rejected, 1);
      assert.equal(v.open, 1);
      assert.equal(v.declaredMinutes, 24 * 60 + 120);
      assert.equal(v.medianMinutes, ((22 + 28) / 2) * 60, 'median of 22 h and 28 h (74 h less the 46 h wait)');
      assert.equal(v.medianWaitMinutes, 30, 'median of 60, 30 and 10 minutes');
      assert.deepEqual(v.steps.map((x) => [x.declaredMinutes, x.medianMinutes, x.late, x.n]), [[1440, 22.5 * 60, 1, 2], [120, 150, 1, 2]]);
      assert.deepEqual(v.channels, { online: 2, walk_in: 1, phone: 1, api: 0 });
      assert.deepEqual(v.months.slice(0, 5), [0, 1, 2, 1, 0], 'October to February');
      assert.deepEqual(v.ratings, { n: 2, average: 3.5, dist: [0, 1, 0, 0, 1] });
      const q2 = await yearStats(t.p.db, agencyId, 2569, 'q2');
      assert.equal(q2.total, 1, 'January to March: the open one');
      assert.equal((await yearStats(t.p.db, agencyId, 2570)).total, 0);
    });

    test('the same numbers in the CSV and on the page; declared against actual time on the tracking page', async () => {
      const csv = (await t.agent().get('/e-service/statistics/2569.csv')).body;
      const value = (item: string) => csv.split('\n').find((l) => l.includes(`,${item},`))?.split(',').at(-1)?.trim();
      assert.equal(value('คำขอทั้งหมด'), '4');
      assert.equal(value('แล้วเสร็จภายในเวลาที่กำหนด'), '1');
      assert.equal(value('ร้อยละแล้วเสร็จตามกำหนด'), '50');
      assert.equal(value('เวลาที่ใช้จริง มัธยฐาน (นาที)'), '1500');
      assert.equal(value('คะแนนเฉลี่ย'), '3.5');
      const page = textOf((await t.agent().get('/e-service/statistics/2569')).body);
      assert.match(page, /50%/);
      assert.match(page, /คะแนนความพึงพอใจเฉลี่ย 3\.50 จาก 5 \(ผู้ประเมิน 2 ราย\)/);
      assert.match(textOf((await t.agent().get('/e-service/statistics/2570')).body), /ยังไม่มีคำขอในช่วงเวลานี้/);
      const track = textOf((await t.agent().get(`/e-service/track?code=${codeOfLate}`)).body);
      assert.match(track, /ตรวจสอบ 1 วัน 1 วัน 1 ชั่วโมง เสร็จแล้ว เกินกำหนด/, 'declared 1 day, took 1 day 1 hour: late');
      assert.match(track, /อนุญาต 2 ชั่วโมง 3 ชั่วโมง เสร็จแล้ว เกินกำหนด/);
    });
  });
}
