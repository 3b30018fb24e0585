// Complaints through their real pages: two lanes, receipts, follow-up, officers' handling with sealed content,
// identity shown only for a reason, exclusions, bad input, throttles, statistics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { validNationalId } from './forms.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { createUser, loadCurrentUser } from '../../platform/auth/users.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { exclude, setStatus } from './handling.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A JPEG that carries a GPS position and a camera make in its EXIF. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCamCorp', Model: 'X-100' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '16/1 26/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '103/1 30/1 0/1' } })
    .toBuffer();
}

describe('national ID numbers', () => {
  test('the check digit is verified', () => {
    assert.equal(validNationalId('1277711363318'), true);
    assert.equal(validNationalId('1277711363319'), false);
    assert.equal(validNationalId('110170023070'), false);
  });
});

for (const target of await dbTargets()) {
  describe(`complaints on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let officer: Agent;
    before(async () => {
      t = await startApp(target);
      officer = t.agent();
      await officer.login('complaint');
    });
    after(() => t.close());

    test('an anonymous corruption complaint: receipt, officer reads and replies, complainant follows, replies with a photo, case closed and counted', async () => {
      const citizen = t.agent();
      citizen.ip = '10.1.0.1';
      const index = await citizen.get('/complaints');
      assert.equal(index.status, 200);
      assert.match(textOf(index.body), /ร้องเรียนการทุจริตและประพฤติมิชอบ/);
      assert.match(index.body, /href="\/complaints\/new\?type=corruption"/);
      const form = await citizen.get('/complaints/new?type=corruption');
      assert.equal(form.headers['cache-control'], 'no-store');
      assert.match(textOf(form.body), /ออกจากหน้านี้ทันที/, 'a quick exit');
      assert.match(form.body, /name="name"[^>]*autocomplete="off"|autocomplete="off"[^>]*name="name"/, 'a whistleblower’s name is not kept by the browser');
      assert.match((await citizen.get('/complaints/new?type=general')).body, /autocomplete="name"/, 'a general complaint may be filled in from the browser');
      assert.match(textOf(form.body), /การคุ้มครองข้อมูลส่วนบุคคล/, 'the privacy notice where data is collected');

      const { r, receipt } = await submit(citizen, 'corruption', corruptionCase, { file1: { name: 'ใบเสร็จ.pdf', data: PDF, type: 'application/pdf' } });
      assert.equal(r.status, 200, textOf(r.body).slice(0, 400));
      assert.ok(receipt, 'a 16-digit receipt in four groups');
      assert.match(textOf(r.body), /หน่วยงานไม่มีสำเนา หากทำหายจะขอใหม่ไม่ได้/);
      assert.equal(r.headers['cache-control'], 'no-store');
      const row = await t.p.db.k.selectFrom('complaint').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(row.lane, 'corruption');
      assert.equal(row.is_identified, false, 'anonymous');
      assert.doesNotMatch(JSON.stringify(row), /เรียกรับเงิน|3,000/, 'nothing written is stored in the clear');
      assert.doesNotMatch(JSON.stringify(row), new RegExp(receipt.replace(/ /g, '')), 'nor the receipt');

      // the officer sees it, reads it, and writes back
      const list = await officer.get('/staff/complaints');
      assert.match(textOf(list.body), /เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง/, 'the subject, opened with the officer’s key');
      const page = await officer.get(`/staff/complaints/${row.id}`);
      assert.match(textOf(page.body), /ต้องจ่ายเงิน 3,000 บาท/);
      assert.match(textOf(page.body), /ผู้ร้องเรียนไม่เปิดเผยตัวตน/);
      const file = /href="(\/staff\/complaints\/\d+\/files\/\d+)"/.exec(page.body)![1]!;
      const got = await officer.get(file);
      assert.equal(got.status, 200);
      assert.deepEqual(got.raw, PDF, 'the file opens as it was sent');
      let s = await officer.post(`/staff/complaints/${row.id}/status`, { status: 'review', forwarded_to: '' });
      assert.equal(s.status, 303);
      await officer.get(`/staff/complaints/${row.id}`);
      const w = await officer.postMultipart(`/staff/complaints/${row.id}/message`, { body: 'รับเรื่องไว้พิจารณาแล้ว ขอทราบวันที่ยื่นคำขอ' }, {});
      assert.equal(w.status, 303);
      await officer.get(`/staff/complaints/${row.id}`);
      await officer.postMultipart(`/staff/complaints/${row.id}/message`, { body: 'ตรวจสอบทะเบียนคำขอแล้ว', note: 'on' }, {});

      // the complainant follows with the receipt (typed with dashes), reads the reply, but not the internal note
      const back = t.agent();
      back.ip = '10.1.0.2';
      await back.get('/complaints/follow');
      const f = await back.post('/complaints/follow', { receipt: receipt.replace(/ /g, '-') });
      assert.equal(f.status, 303);
      const mine = await back.get('/complaints/case');
      assert.match(textOf(mine.body), /กำลังพิจารณา/);
      assert.match(textOf(mine.body), /รับเรื่องไว้พิจารณาแล้ว ขอทราบวันที่ยื่นคำขอ/);
      assert.doesNotMatch(textOf(mine.body), /ตรวจสอบทะเบียนคำขอแล้ว/, 'internal notes stay internal');
      const photo = await photoWithGps();
      assert.ok(photo.includes(Buffer.from('SecretCamCorp')), 'the test photo carries EXIF');
      const reply = await back.postMultipart('/complaints/case/reply', { body: 'ยื่นคำขอวันที่ 15 ตุลาคม 2569' }, { file1: { name: 'photo.jpg', data: photo, type: 'image/jpeg' } });
      assert.equal(reply.status, 303);

      const again = await officer.get(`/staff/complaints/${row.id}`);
      assert.match(textOf(again.body), /ยื่นคำขอวันที่ 15 ตุลาคม 2569/);
      const photoUrl = [...again.body.matchAll(/href="(\/staff\/complaints\/\d+\/files\/\d+)">photo\.jpg</g)][0]![1]!;
      const stored = (await officer.get(photoUrl)).raw;
      assert.equal(stored.includes(Buffer.from('SecretCamCorp')), false, 'camera data removed');
      assert.equal((await sharp(stored).metadata()).exif, undefined, 'no EXIF (GPS) left');

      // closed, then counted
      for (const status of ['resolved', 'closed']) {
        await officer.get(`/staff/complaints/${row.id}`);
        s = await officer.post(`/staff/complaints/${row.id}/status`, { status, forwarded_to: '' });
        assert.equal(s.status, 303, `to ${status}`);
      }
      const closed = await back.get('/complaints/case');
      assert.match(textOf(closed.body), /ปิดเรื่อง/);
      assert.match(textOf(closed.body), /เรื่องนี้ปิดแล้ว/);
      const stats = await t.agent().get(`/complaints/statistics/${row.fiscal_year}`);
      assert.equal(stats.status, 200);
      const staffStats = await officer.get(`/staff/complaints/statistics/${row.fiscal_year}`);
      assert.match(textOf(staffStats.body), /ร้องเรียนการทุจริตและประพฤติมิชอบ \d+/);
    });

    test('the identity is shown only for a stated reason, which is audited; excluded staff do not see the case', async () => {
      const citizen = t.agent();
      citizen.ip = '10.2.0.1';
      const { receipt } = await submit(citizen, 'general', { ...corruptionCase, category: 'service', subject: 'รอคิวนาน', name: 'นางสาวสมใจ ร้องทุกข์', national_id: '1277711363318', phone: '0812345678' });
      assert.ok(receipt);
      const row = await t.p.db.k.selectFrom('complaint').select(['id', 'is_identified', 'identity_sealed']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(row.is_identified, true);
      assert.doesNotMatch(row.identity_sealed!, /สมใจ/);
      let page = await officer.get(`/staff/complaints/${row.id}`);
      assert.doesNotMatch(textOf(page.body), /สมใจ/, 'hidden until a reason is given');
      let r = await officer.post(`/staff/complaints/${row.id}/identity`, { reason: '' });
      assert.equal(r.status, 422);
      r = await officer.post(`/staff/complaints/${row.id}/identity`, { reason: 'ต้องโทรแจ้งผลการดำเนินการ' });
      assert.equal(r.status, 200);
      assert.match(textOf(r.body), /นางสาวสมใจ ร้องทุกข์/);
      assert.match(textOf(r.body), /1277711363318/);
      const audit = await t.p.db.k.selectFrom('audit_event').select(['action', 'summary']).where('action', '=', 'complaint.identity.view').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(audit.summary, /ต้องโทรแจ้งผลการดำเนินการ/);
      assert.doesNotMatch(audit.summary, /สมใจ/, 'the audit log holds the reason, not the person');

      // excluded: another officer with the role cannot see it any more
      const colleague = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'integrity').executeTakeFirstOrThrow();
      page = await officer.get(`/staff/complaints/${row.id}`);
      r = await officer.post(`/staff/complaints/${row.id}/exclude`, { user_id: String(colleague.id) });
      assert.equal(r.status, 422, 'an exclusion states its reason');
      r = await officer.post(`/staff/complaints/${row.id}/exclude`, { user_id: String(colleague.id), reason: 'เป็นญาติกับผู้ถูกร้องเรียน' });
      assert.equal(r.status, 303);
      const why = await t.p.db.k.selectFrom('audit_event').select('summary').where('action', '=', 'complaint.exclude').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(why.summary, /เป็นญาติกับผู้ถูกร้องเรียน/);
      assert.equal(await t.p.db.k.selectFrom('complaint_exclusion').select('user_id').where('complaint_id', '=', row.id).executeTakeFirst().then((x) => x?.user_id), colleague.id);
      const admin = t.agent();
      await admin.login('admin');
      assert.equal((await admin.get('/staff/complaints')).status, 403, 'an admin does not read complaints');
      assert.equal((await admin.get(`/staff/complaints/${row.id}`)).status, 403);
      assert.equal((await admin.get(`/staff/complaints/statistics/2570`)).status, 200, 'but sees every count');
      const boss = t.agent();
      await boss.login('executive');
      assert.equal((await boss.get(`/staff/complaints/statistics/2570`)).status, 200, 'so does an executive');
      const pub = t.agent();
      await pub.login('publisher');
      assert.equal((await pub.get(`/staff/complaints/statistics/2570`)).status, 403, 'a publisher does not');
      assert.equal((await t.agent().get(`/staff/complaints/${row.id}`)).status, 303, 'anonymous visitors are sent to sign in');

      // an excluded complaint officer can neither steer the case nor exclude the one who excluded them
      const adminUser = (await loadCurrentUser(t.p.db, 1, (await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id, true))!;
      const made = await createUser(t.p, adminUser, { username: 'second-officer', displayName: 'เจ้าหน้าที่รับเรื่องคนที่สอง', email: '', roles: ['complaint_officer'] });
      const second = (await loadCurrentUser(t.p.db, adminUser.agencyId, made.id, true))!;
      const me = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'complaint').executeTakeFirstOrThrow();
      await officer.get(`/staff/complaints/${row.id}`);
      assert.equal((await officer.post(`/staff/complaints/${row.id}/exclude`, { user_id: String(second.id), reason: 'เคยร่วมงานโครงการที่ถูกร้องเรียน' })).status, 303);
      await assert.rejects(setStatus(t.p, second, row.id, 'review', ''), NotFoundError);
      await assert.rejects(exclude(t.p, second, row.id, me.id, 'กลั่นแกล้ง'), NotFoundError);
      assert.equal((await t.p.db.k.selectFrom('complaint').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'received');
      // the exclusion is lifted by an officer, and audited
      page = await officer.get(`/staff/complaints/${row.id}`);
      assert.match(textOf(page.body), /ยกเลิกการกันออก/);
      assert.equal((await officer.post(`/staff/complaints/${row.id}/include`, { user_id: String(second.id) })).status, 303);
      assert.equal((await officer.post(`/staff/complaints/${row.id}/include`, { user_id: String(second.id) })).status, 422, 'not excluded any more');
      assert.equal(await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'complaint.include').executeTakeFirst().then(Boolean), true);
      await setStatus(t.p, second, row.id, 'review', '');
      // a division of no agency of ours is refused
      assert.equal((await officer.post(`/staff/complaints/${row.id}/assign`, { assigned_user_id: '', assigned_division_id: '999999' })).status, 422);
    });

    test('/complaints lists every channel — web, phone, letter, in person, chat — and the NACC and PACC services', async () => {
      const r = await t.agent().get('/complaints');
      const text = textOf(r.body);
      const site = await t.p.db.k.selectFrom('agency').select(['phone', 'address_th', 'office_hours_th']).executeTakeFirstOrThrow();
      assert.ok(site.phone && site.address_th && site.office_hours_th, 'the demo agency has them');
      assert.ok(text.includes(`โทรศัพท์: ${site.phone}`), 'phone');
      assert.match(text, /หนังสือถึงหน่วยงาน: \S/, 'letter, to the agency’s address');
      assert.ok(text.includes(`ด้วยตนเองที่สำนักงาน ในเวลาราชการ: ${site.office_hours_th}`), 'in person, in office hours');
      assert.match(text, /แบบฟอร์มออนไลน์บนเว็บไซต์นี้/, 'the web form');
      assert.match(r.body, /<a href="https:\/\/line\.me\/[^"]*"[^>]*>LINE Official Account<\/a>/, 'the chat account link');
      const { naccUrl, paccUrl } = t.p.config.complaints;
      assert.ok(r.body.includes(`href="${naccUrl}"`) && /ป\.ป\.ช\./.test(text), 'the NACC’s complaint service');
      assert.ok(r.body.includes(`href="${paccUrl}"`) && /ป\.ป\.ท\./.test(text), 'the PACC’s complaint service');
    });

    test('the guideline, channels and statistics are the evidence of their OIT items', async () => {
      const a = t.agent();
      assert.match((await a.get('/oit/2568/O17')).body, /href="\/complaints\/guideline"/);
      assert.match((await a.get('/oit/2568/O18')).body, /href="\/complaints"/);
      assert.match((await a.get('/oit/2568/O19')).body, /href="\/complaints\/statistics\/2568"/, 'the assessed fiscal year (the item takes it or the previous one)');
      const guide = await a.get('/complaints/guideline');
      assert.match(textOf(guide.body), /รับเรื่องภายใน 7 วัน และพิจารณาให้ได้ข้อยุติภายใน 30 วัน/, 'the guideline says what the settings make the system do');
      const csv = await a.get('/complaints/statistics/2567.csv');
      assert.equal(csv.status, 200);
      assert.ok(csv.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'CSV with a BOM');
      const pdf = await a.get('/complaints/statistics/2567.pdf?period=h1');
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const stats = textOf((await a.get('/complaints/statistics/2567')).body);
      assert.match(stats, /ไม่เปิดเผย/, 'small counts are hidden in public');
      assert.match(textOf((await a.get('/complaints/statistics/2599')).body), /ไม่มีเรื่องร้องเรียนในช่วงเวลานี้/);
    });

    test('bad input: a message on the field, the rest kept; no 500', async () => {
      const a = t.agent();
      a.ip = '10.3.0.1';
      let { r } = await submit(a, 'corruption', { ...corruptionCase, subject: 'ก'.repeat(5000), national_id: '1277711363319', consent: '' });
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(text, /ยาวเกิน 200 ตัวอักษร/);
      assert.match(text, /เลขประจำตัวประชาชนไม่ถูกต้อง/);
      assert.match(text, /กรุณายืนยันว่าอ่านการคุ้มครองข้อมูลส่วนบุคคลแล้ว/);
      assert.match(r.body, /ต้องจ่ายเงิน 3,000 บาท/, 'the description is kept');
      ({ r } = await submit(a, 'corruption', { ...corruptionCase, category: 'service' }));
      assert.equal(r.status, 422, 'a general-lane topic in the corruption lane');
      assert.match(textOf(r.body), /เลือกเรื่องที่ตรงกับประเภทเรื่องร้องเรียนนี้/);
      ({ r } = await submit(a, 'corruption', corruptionCase, { file1: { name: 'x.exe', data: Buffer.from('MZ\x90\x00 not allowed'), type: 'application/octet-stream' } }));
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่รองรับไฟล์ชนิดนี้/);
      ({ r } = await submit(a, 'corruption', corruptionCase, { file1: { name: 'broken.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]), type: 'image/jpeg' } }));
      assert.equal(r.status, 422, 'a broken image');
      assert.equal((await a.get('/complaints/new?type=nonsense')).status, 303);
      const before = Number((await t.p.db.k.selectFrom('complaint').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal((await a.postMultipart('/complaints/new?type=corruption', {}, {})).status, 422);
      assert.equal(Number((await t.p.db.k.selectFrom('complaint').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), before, 'nothing saved from bad input');
    });

    test('submissions and receipt guesses are throttled per address; others go on', async () => {
      const flood = t.agent();
      flood.ip = '10.4.0.1';
      let last: Awaited<ReturnType<typeof submit>>['r'] | undefined;
      for (let i = 0; i < 6; i++) last = (await submit(flood, 'general', { ...corruptionCase, category: 'other', subject: `เรื่องที่ ${i}` })).r;
      assert.ok(last);
      assert.equal(last.status, 429, 'the sixth in ten minutes from one address waits');
      assert.match(textOf(last.body), /ส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป กรุณารอ \d+ นาทีแล้วส่งใหม่ เรื่องที่พิมพ์ไว้ยังอยู่/, 'and is told so, in Thai');
      assert.match(last.body, /value="เรื่องที่ 5"/, 'what was typed is kept');
      const other = t.agent();
      other.ip = '10.4.0.2';
      assert.ok((await submit(other, 'general', { ...corruptionCase, category: 'other' })).receipt, 'another address still submits');

      const guesser = t.agent();
      guesser.ip = '10.4.0.3';
      await guesser.get('/complaints/follow');
      let r = await guesser.post('/complaints/follow', { receipt: '12' });
      assert.match(textOf(r.body), /รหัสรับเรื่องเป็นตัวเลข 16 หลัก/);
      for (let i = 0; i < 10; i++) r = await guesser.post('/complaints/follow', { receipt: `0000 0000 0000 ${String(i).padStart(4, '0')}` });
      assert.match(textOf(r.body), /ไม่พบเรื่องของรหัสนี้/);
      r = await guesser.post('/complaints/follow', { receipt: '0000 0000 0000 9999' });
      assert.equal(r.status, 429);
      assert.match(textOf(r.body), /ลองหลายครั้งเกินไป/);
    });
  });
}
