// A complaint's "when it happened" typed as Thai people type it (day, month and B.E. year boxes, Thai digits)
// comes back to the officer as the same day in B.E., and is kept as that C.E. day (sealed with the report).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from './support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from './support/app.ts';
import { corruptionCase, submit } from './support/complaints.ts';
import { bangkokDay, formatDate } from '../src/platform/thai/index.ts';

const thaiDigits = (s: string | number) => String(s).replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));

for (const target of await dbTargets()) {
  describe(`the date of a complaint on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let officer: Agent;
    before(async () => {
      t = await startApp(target);
      officer = t.agent();
      await officer.login('complaint');
    });
    after(() => t.close());

    test('typed in Thai digits with a B.E. year, shown back to the officer in B.E.', async () => {
      // ten days ago in Bangkok, derived from today
      const day = bangkokDay(new Date(Date.now() - 10 * 86_400_000));
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const subject = 'ถนนชำรุดเป็นหลุมบ่อหน้าโรงเรียนบ้านนาจารย์';
      const { r, receipt } = await submit(t.agent(), 'general', {
        ...corruptionCase, category: 'public_works', subject,
        'when-day': thaiDigits(d), 'when-month': thaiDigits(m), 'when-year': thaiDigits(y + 543),
      });
      assert.ok(receipt, textOf(r.body).slice(0, 400));

      const row = await t.p.db.k.selectFrom('complaint').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const page = await officer.get(`/staff/complaints/${row.id}`);
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), new RegExp(subject), 'the officer opens the case');
      const shown = formatDate(day, { lang: 'th' });
      assert.ok(shown.endsWith(` ${y + 543}`), `a B.E. date: ${shown}`);
      assert.ok(page.body.includes(`<time datetime="${day}">${shown}</time>`), `the day typed, kept as ${day} and shown as ${shown}`);
      assert.doesNotMatch(textOf(page.body), new RegExp(`${d} \\S+ ${y}\\b`), 'not in C.E.');
    });

    test('an implausible year is refused on its field with the calendar expected, and what was typed stays', async () => {
      const { r, receipt } = await submit(t.agent(), 'general', { ...corruptionCase, category: 'public_works', 'when-day': '๑', 'when-month': '๑๒', 'when-year': '๒๖๙' });
      assert.equal(receipt, undefined);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /พ\.ศ\./, 'the message names the calendar');
      assert.match(r.body, /name="when-year"[^>]*value="๒๖๙"|value="๒๖๙"[^>]*name="when-year"/);
    });
  });
}
