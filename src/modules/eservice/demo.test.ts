// The demo's requests with its clock set to the first hours and days of the current fiscal year (1–2 October in
// Bangkok), on a bare agency and both databases: the current year is never empty, nothing is dated after the clock,
// and the statistics of the year count what was made.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { fiscalYear, fiscalYearRange } from '../../platform/thai/index.ts';
import { seedDemoEservice } from './demo.ts';

const H = 3600_000;

for (const target of await dbTargets()) {
  describe(`E-Service demo at the start of a fiscal year on ${target.name}`, { skip: target.skip }, () => {
    const apps: TestApp[] = [];
    after(async () => {
      for (const t of apps) await t.close();
    });
    const year = fiscalYear();
    const start = Date.parse(fiscalYearRange(year).start);
    // 00:30 on 1 October and 23:00 on 2 October, Bangkok: before the fix, neither made a request of the year
    for (const [label, clock] of [['00:30 on 1 October', start + 0.5 * H], ['23:00 on 2 October', start + 47 * H]] as const) {
      test(`the clock at ${label}: requests of the current year, still open, none after the clock; the statistics count them`, async () => {
        const t = await startApp(target, { demo: false });
        apps.push(t);
        const agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
        await seedDemoEservice(t.p, { agencyId, ids: new Map(), password: '' }, clock);
        const rows = await t.p.db.k.selectFrom('eservice_request').select(['fiscal_year', 'status', 'received_at', 'updated_at']).execute();
        const current = rows.filter((r) => r.fiscal_year === year);
        assert.ok(current.length >= 8, `requests of ${year}: ${current.length}`);
        assert.ok(rows.filter((r) => r.fiscal_year === year - 1).length >= 8, `requests of ${year - 1}`);
        assert.ok(current.every((r) => Date.parse(r.received_at) >= start), 'within the fiscal year');
        assert.ok(rows.every((r) => Date.parse(r.received_at) <= clock && Date.parse(r.updated_at) <= clock), 'nothing after the clock');
        assert.ok(current.some((r) => ['submitted', 'in_progress', 'info_requested'].includes(r.status)), 'some still in progress');

        const page = textOf((await t.agent().get(`/e-service/statistics/${year}`)).body);
        assert.doesNotMatch(page, /ยังไม่มีคำขอในช่วงเวลานี้/);
        const csv = (await t.agent().get(`/e-service/statistics/${year}.csv`)).body;
        const totals = csv.split('\n').filter((l) => l.includes(',คำขอทั้งหมด,')).map((l) => Number(l.split(',').at(-1)));
        assert.equal(totals.reduce((a, b) => a + b, 0), current.length, 'the year’s statistics count them');
      });
    }
  });
}
