// Finding 11 of the penetration test: a title such as =HYPERLINK(…) went unchanged into a CSV opened in Excel.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../test/support/db.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { csvFromRows, csvSafe } from './csv.ts';

describe('CSV cells are never formulas', () => {
  test('text starting with = + - @ tab or CR gets a leading apostrophe; numbers and Thai text stay as they are', () => {
    for (const v of ['=HYPERLINK("https://evil.example","คลิก")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(csvSafe(v), `'${v}`);
    assert.equal(csvSafe(-5), -5);
    assert.equal(csvSafe('แผนปฏิบัติการ 2570'), 'แผนปฏิบัติการ 2570');
    const out = csvFromRows([['title'], ['=1+1']]);
    assert.ok(out.startsWith('\ufeff'), 'UTF-8 BOM for Excel');
    assert.match(out, /\r\n'=1\+1\r\n$/);
  });

  describe('through the open-data export', () => {
    let t: TestApp;
    before(async () => {
      const [sqlite] = await dbTargets();
      t = await startApp(sqlite!);
    });
    after(() => t.close());

    test('a published title that looks like a formula is text in /open-data/documents.csv', async () => {
      const one = await t.p.db.k.selectFrom('content').select('id').where('kind', '=', 'document').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      await t.p.db.k.updateTable('content').set({ title_th: '=HYPERLINK("https://evil.example","คลิก")' }).where('id', '=', one.id).execute();
      const csv = (await t.agent().get('/open-data/documents.csv')).body;
      assert.match(csv, /"'=HYPERLINK\(""https:\/\/evil\.example"",""คลิก""\)"/);
      assert.doesNotMatch(csv, /(^|,)"?=HYPERLINK/m);
    });
  });
});
