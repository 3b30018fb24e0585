// The ITA results import and the registers' report drafts are all or nothing; an import error names the line the
// bad row is on, whatever came before it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { sql } from '../../platform/db/index.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { draftRiskReport } from './registers.ts';

/** Every stored file's key under the file store's root. */
function storedKeys(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

for (const target of await dbTargets()) {
  describe(`integrity: whole imports and whole report drafts on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let officer: CurrentUser;
    before(async () => {
      t = await startApp(target, { demo: false });
      officer = await staff(t.p, ['integrity_officer'], 'officer');
    });
    after(() => t.close());

    test('a bad row after a blank line and a cell quoted over two lines is named by the line it is on', async () => {
      const a = t.agent();
      assert.equal((await a.login('officer', FIXTURE_PASSWORD)).status, 303, 'the officer signs in');
      await a.get('/staff/integrity');
      const upload = (csv: string) => a.postMultipart('/staff/integrity/results/import', {}, { file: { name: 'r.csv', data: Buffer.from(csv) } });
      // line 1 header, 2 blank, 3–4 one row (its note over two lines), 5 blank, 6 the bad row
      let r = await upload('year,iit,eit,oit,note\n\n2563,96,95,97,"ตรวจแล้ว\nครบ"\n\n2564,96,abc,97,\n');
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /บรรทัดที่ 6 ช่อง eit: ต้องเป็นคะแนน 0–100/, 'the line counts the blank lines and both lines of the quoted cell');
      // Windows line ends, and the bad row itself over two lines: its first line is named
      r = await upload('year,iit,eit,oit,note\r\n2563,96,95,97,"a\r\nb\r\nc"\r\n\r\n2564,96,95,x,"d\r\ne"\r\n');
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /บรรทัดที่ 6 ช่อง oit: ต้องเป็นคะแนน 0–100/, 'lines 2–4 one row, 5 blank, 6–7 the bad one');
      r = await upload('year,iit,eit,oit\n2565,96,95,97\n\n\n2565,90,90,90\n');
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /บรรทัดที่ 5 ช่อง year: ปี 2565 ซ้ำกับบรรทัดก่อนหน้า/);
      const saved = await t.p.db.k.selectFrom('ita_result').select('year').where('agency_id', '=', officer.agencyId).execute();
      assert.deepEqual(saved, [], 'nothing of a refused file is saved');
    });

    test('a report draft whose attachment cannot be recorded leaves no document and no stored PDF', async () => {
      const year = fiscalYear();
      const documents = () => t.p.db.k.selectFrom('content').select('id').where('agency_id', '=', officer.agencyId).orderBy('id').execute();
      const before = await documents();
      const bytesBefore = storedKeys(t.p.files.root);
      // the database refuses file rows: the attachment step fails after the document was inserted in the same transaction
      if (t.p.db.dialect === 'postgres') {
        await sql.raw(`CREATE FUNCTION refuse_file() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'file rows refused'; END $$ LANGUAGE plpgsql`).execute(t.p.db.k);
        await sql.raw('CREATE TRIGGER refuse_file BEFORE INSERT ON file FOR EACH ROW EXECUTE FUNCTION refuse_file()').execute(t.p.db.k);
      } else {
        await sql.raw(`CREATE TRIGGER refuse_file BEFORE INSERT ON file BEGIN SELECT RAISE(ABORT, 'file rows refused'); END`).execute(t.p.db.k);
      }
      try {
        await assert.rejects(draftRiskReport(t.p, officer, year, 'six_month'), /file rows refused/);
      } finally {
        await sql.raw(t.p.db.dialect === 'postgres' ? 'DROP TRIGGER refuse_file ON file' : 'DROP TRIGGER refuse_file').execute(t.p.db.k);
      }
      assert.deepEqual(await documents(), before, 'no draft document is left behind');
      assert.deepEqual(storedKeys(t.p.files.root), bytesBefore, 'the PDF stored before the transaction is removed at once');
      // the same call with file rows allowed makes the document with its PDF
      const id = await draftRiskReport(t.p, officer, year, 'six_month');
      const att = await t.p.db.k.selectFrom('content_attachment').innerJoin('file', 'file.id', 'content_attachment.file_id').select('file.ext').where('content_attachment.content_id', '=', id).execute();
      assert.deepEqual(att.map((x) => x.ext), ['pdf']);
    });
  });
}
