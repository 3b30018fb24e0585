// Finding 2 of the complaints pentest: an administrator gave themselves the complaint officer role and read every
// case. The role now brings no keys: an approved reader approves each new reader, and can withdraw them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { loadCurrentUser, updateUser } from '../../platform/auth/users.ts';

for (const target of await dbTargets()) {
  describe(`who may read complaints, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('an administrator who gives themselves the role gets no keys until an approved reader approves them; withdrawn, they lose them', async () => {
      const citizen = t.agent();
      citizen.ip = '10.70.0.1';
      assert.ok((await submit(citizen, 'corruption', { ...corruptionCase, subject: 'เรื่องลับที่ผู้ดูแลระบบไม่ควรเห็น' })).receipt);
      const row = await t.p.db.k.selectFrom('complaint').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();

      const adminRow = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      const adminUser = (await loadCurrentUser(t.p.db, 1, adminRow.id, true))!;
      await updateUser(t.p, adminUser, adminRow.id, { displayName: adminUser.displayName, email: '', roles: ['admin', 'complaint_officer'], disabled: false });
      const admin = t.agent();
      await admin.login('admin');
      assert.equal((await admin.get('/staff/complaints')).status, 200, 'the role opens the list');
      let page = await admin.get(`/staff/complaints/${row.id}`);
      assert.doesNotMatch(textOf(page.body), /เรื่องลับที่ผู้ดูแลระบบไม่ควรเห็น/, 'but not a case');
      assert.equal(await t.p.db.k.selectFrom('complaint_key').select('id').where('user_id', '=', adminRow.id).executeTakeFirst(), undefined, 'no copy of any key');
      // a new case after the role was given is not sealed to them either
      citizen.ip = '10.70.0.2';
      await submit(citizen, 'corruption', { ...corruptionCase, subject: 'เรื่องลับเรื่องที่สอง' });
      assert.equal(await t.p.db.k.selectFrom('complaint_key').select('id').where('user_id', '=', adminRow.id).executeTakeFirst(), undefined);
      // they cannot approve themselves, and are told why they wait
      const readers = await admin.get('/staff/complaints/readers');
      assert.match(textOf(readers.body), /ท่านยังไม่ได้รับอนุมัติให้อ่านเรื่องร้องเรียน/);
      assert.equal((await admin.post('/staff/complaints/readers/approve', { user_id: String(adminRow.id) })).status, 422);
      const officerRow = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'complaint').executeTakeFirstOrThrow();
      assert.equal((await admin.post('/staff/complaints/readers/revoke', { user_id: String(officerRow.id) })).status, 403, 'nor withdraw a reader');

      // the approved officer approves them: every case the officer can open is sealed to them at once
      const officer = t.agent();
      await officer.login('complaint');
      page = await officer.get('/staff/complaints/readers');
      assert.match(textOf(page.body), /รออนุมัติ/);
      assert.equal((await officer.post('/staff/complaints/readers/approve', { user_id: String(adminRow.id) })).status, 303);
      assert.ok(await t.p.db.k.selectFrom('complaint_key').select('id').where('user_id', '=', adminRow.id).where('complaint_id', '=', row.id).executeTakeFirst());
      page = await admin.get(`/staff/complaints/${row.id}`);
      assert.match(textOf(page.body), /เรื่องลับที่ผู้ดูแลระบบไม่ควรเห็น/);
      const audit = await t.p.db.k.selectFrom('audit_event').select('action').where('action', 'in', ['complaint.reader.approve', 'complaint.reader.revoke']).execute();
      assert.ok(audit.some((a) => a.action === 'complaint.reader.approve'));

      // withdrawn: every copy goes at once
      await officer.get('/staff/complaints/readers');
      assert.equal((await officer.post('/staff/complaints/readers/revoke', { user_id: String(adminRow.id) })).status, 303);
      assert.equal(await t.p.db.k.selectFrom('complaint_key').select('id').where('user_id', '=', adminRow.id).executeTakeFirst(), undefined);
      assert.doesNotMatch(textOf((await admin.get(`/staff/complaints/${row.id}`)).body), /เรื่องลับที่ผู้ดูแลระบบไม่ควรเห็น/);
      // and an officer opening the case does not give the copy back
      await officer.get(`/staff/complaints/${row.id}`);
      assert.equal(await t.p.db.k.selectFrom('complaint_key').select('id').where('user_id', '=', adminRow.id).executeTakeFirst(), undefined);
    });
  });
}
