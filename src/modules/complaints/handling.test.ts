// Officers' handling through the real pages: moving a general case into the confidential lane (sealed like a
// corruption case), assigning it to an officer and a unit, forwarding to the NACC and the PACC, and recording cases
// received by phone, letter and in person, which the statistics then count by channel; the date it happened typed
// as Thai people type it (Thai digits, B.E. year) comes back to the officer as the same day in B.E.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { bangkokDay, fiscalYear, formatDate, toThaiDigits as thaiDigits } from '../../platform/thai/index.ts';
import { listDivisions } from '../agency/index.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const target of await dbTargets()) {
  describe(`complaint handling on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let officer: Agent;
    before(async () => {
      t = await startApp(target);
      officer = t.agent();
      await officer.login('complaint');
    });
    after(() => t.close());

    const latest = () => t.p.db.k.selectFrom('complaint').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const keyHolders = async (id: number) => (await t.p.db.k.selectFrom('complaint_key').select('user_id').where('complaint_id', '=', id).orderBy('user_id').execute()).map((r) => r.user_id);
    /** Everything stored about a case in its own tables, as one string: what a copy of the database shows. */
    const stored = async (id: number) => JSON.stringify([
      await t.p.db.k.selectFrom('complaint').selectAll().where('id', '=', id).execute(),
      await t.p.db.k.selectFrom('complaint_message').selectAll().where('complaint_id', '=', id).execute(),
      await t.p.db.k.selectFrom('complaint_file').selectAll().where('complaint_id', '=', id).execute(),
      await t.p.db.k.selectFrom('complaint_key').selectAll().where('complaint_id', '=', id).execute(),
    ]);

    test('a general case moves into the confidential lane: sealed as a corruption case is, still read by the officer, never moved back', async () => {
      const citizen = t.agent();
      citizen.ip = '10.70.0.1';
      const general = { ...corruptionCase, category: 'service', subject: 'ขอใบอนุญาตแล้วถูกเรียกค่าดำเนินการพิเศษ', description: 'เจ้าหน้าที่บอกว่าถ้าจ่ายเพิ่ม 2,000 บาทจะได้เร็วขึ้น', name: 'นายทดสอบ ย้ายช่องทาง', phone: '0899999999' };
      const { receipt } = await submit(citizen, 'general', general, { file1: { name: 'สลิปโอนเงิน.pdf', data: PDF, type: 'application/pdf' } });
      assert.ok(receipt);
      const c = await latest();
      assert.equal(c.lane, 'general');
      await officer.get(`/staff/complaints/${c.id}`);
      assert.equal((await officer.postMultipart(`/staff/complaints/${c.id}/message`, { body: 'ขอทราบวันที่ยื่นคำขอใบอนุญาต' }, {})).status, 303);

      await officer.get(`/staff/complaints/${c.id}`);
      assert.equal((await officer.post(`/staff/complaints/${c.id}/lane`, { category: 'service' })).status, 422, 'only a corruption topic');
      const r = await officer.post(`/staff/complaints/${c.id}/lane`, { category: 'bribery' });
      assert.equal(r.status, 303);
      const moved = await t.p.db.k.selectFrom('complaint').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual([moved.lane, moved.category], ['corruption', 'bribery']);
      const audit = await t.p.db.k.selectFrom('audit_event').select('summary').where('action', '=', 'complaint.lane').where('target_id', '=', String(c.id)).executeTakeFirstOrThrow();
      assert.match(audit.summary, /moved to the confidential lane \(bribery\)/);
      assert.doesNotMatch(audit.summary, /ใบอนุญาต|ทดสอบ/, 'the audit log has no content');

      // at rest: nothing of what was written, no name, no file name, in any column of the case's rows
      const plain = await stored(c.id);
      for (const secret of ['ค่าดำเนินการพิเศษ', '2,000 บาท', 'ย้ายช่องทาง', '0899999999', 'สลิปโอนเงิน', 'ขอทราบวันที่ยื่นคำขอ']) assert.ok(!plain.includes(secret), `${secret} is not stored in the clear`);
      assert.ok(moved.content_sealed && moved.identity_sealed, 'content and identity sealed');
      // sealed to the same holders as a case sent in the corruption lane: the approved officers and the recovery key
      const a = t.agent();
      a.ip = '10.70.0.2';
      assert.ok((await submit(a, 'corruption', corruptionCase)).receipt);
      const fresh = await latest();
      assert.deepEqual(await keyHolders(c.id), await keyHolders(fresh.id));
      assert.ok((await keyHolders(c.id)).includes(null), 'the recovery key holds a copy');

      const page = textOf((await officer.get(`/staff/complaints/${c.id}`)).body);
      assert.match(page, /ร้องเรียนการทุจริตและประพฤติมิชอบ · การเรียกรับสินบนหรือผลประโยชน์/);
      assert.match(page, /ค่าดำเนินการพิเศษ/, 'the officer still reads it');
      assert.match(page, /ขอทราบวันที่ยื่นคำขอใบอนุญาต/);
      assert.equal((await officer.post(`/staff/complaints/${c.id}/lane`, { category: 'procurement' })).status, 422);
      const follow = t.agent();
      follow.ip = '10.70.0.3';
      await follow.get('/complaints/follow');
      assert.equal((await follow.post('/complaints/follow', { receipt })).status, 303);
      const mine = textOf((await follow.get('/complaints/case')).body);
      assert.match(mine, /ค่าดำเนินการพิเศษ/, 'the complainant’s receipt still opens it');
    });

    test('assigned to an officer and to a unit of the agency', async () => {
      const a = t.agent();
      a.ip = '10.71.0.1';
      assert.ok((await submit(a, 'general', { ...corruptionCase, category: 'public_works', subject: 'ท่อระบายน้ำอุดตันหน้าโรงเรียน' })).receipt);
      const c = await latest();
      const me = await t.p.db.k.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'complaint').executeTakeFirstOrThrow();
      const unit = (await listDivisions(t.p.db, c.agency_id))[0]!;
      await officer.get(`/staff/complaints/${c.id}`);
      const r = await officer.post(`/staff/complaints/${c.id}/assign`, { assigned_user_id: String(me.id), assigned_division_id: String(unit.id) });
      assert.equal(r.status, 303);
      const row = await t.p.db.k.selectFrom('complaint').select(['assigned_user_id', 'assigned_division_id']).where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { assigned_user_id: me.id, assigned_division_id: unit.id });
      const page = await officer.get(`/staff/complaints/${c.id}`);
      assert.match(textOf(page.body), /มอบหมายแล้ว/);
      assert.ok(textOf(page.body).includes(`ผู้รับผิดชอบ ${me.display_name} หน่วยงานภายในที่รับผิดชอบ ${unit.name_th} `), 'the officer and the unit in charge');
      assert.match(textOf((await officer.get('/staff/complaints?mine=on')).body), /ท่อระบายน้ำอุดตันหน้าโรงเรียน/, 'in “mine”');
      assert.ok(await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'complaint.assign').where('target_id', '=', String(c.id)).executeTakeFirst());
      // the unit alone, the officer taken off
      await officer.get(`/staff/complaints/${c.id}`);
      assert.equal((await officer.post(`/staff/complaints/${c.id}/assign`, { assigned_user_id: '', assigned_division_id: String(unit.id) })).status, 303);
      assert.deepEqual(await t.p.db.k.selectFrom('complaint').select(['assigned_user_id', 'assigned_division_id']).where('id', '=', c.id).executeTakeFirstOrThrow(), { assigned_user_id: null, assigned_division_id: unit.id });
    });

    test('forwarded to the NACC and to the PACC: status “forwarded”, where to, and counted as finished', async () => {
      const ids: number[] = [];
      for (const [i, to] of (['nacc', 'pacc'] as const).entries()) {
        const a = t.agent();
        a.ip = `10.72.0.${i + 1}`;
        assert.ok((await submit(a, 'corruption', { ...corruptionCase, subject: `เรื่องส่งต่อ ${to}` })).receipt);
        const c = await latest();
        ids.push(c.id);
        await officer.get(`/staff/complaints/${c.id}`);
        assert.equal((await officer.post(`/staff/complaints/${c.id}/status`, { status: 'review', forwarded_to: '' })).status, 303);
        await officer.get(`/staff/complaints/${c.id}`);
        const missing = await officer.post(`/staff/complaints/${c.id}/status`, { status: 'forwarded', forwarded_to: '' });
        assert.equal(missing.status, 422);
        assert.match(textOf(missing.body), /เลือกหน่วยงานที่ส่งต่อ|ส่งต่อไปยัง/);
        const r = await officer.post(`/staff/complaints/${c.id}/status`, { status: 'forwarded', forwarded_to: to });
        assert.equal(r.status, 303);
        const row = await t.p.db.k.selectFrom('complaint').select(['status', 'forwarded_to', 'concluded_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
        assert.deepEqual([row.status, row.forwarded_to], ['forwarded', to]);
        assert.ok(row.concluded_at, 'forwarding concludes the case');
        const page = textOf((await officer.get(`/staff/complaints/${c.id}`)).body);
        assert.match(page, new RegExp(`ส่งต่อหน่วยงานที่เกี่ยวข้อง → ${to === 'nacc' ? 'สำนักงาน ป\\.ป\\.ช\\.' : 'สำนักงาน ป\\.ป\\.ท\\.'}`));
      }
      const history = await t.p.db.k.selectFrom('complaint_status').select('status').where('complaint_id', '=', ids[0]!).orderBy('id').execute();
      assert.deepEqual(history.map((h) => h.status), ['received', 'review', 'forwarded']);
      // a forwarded case is finished in the statistics
      const csv = (await officer.get(`/staff/complaints/statistics/${fiscalYear()}.csv`)).raw.subarray(3).toString('utf8');
      const finished = Number(/ดำเนินการแล้วเสร็จ,,(\d+)/.exec(csv)![1]);
      assert.ok(finished >= 2);
    });

    test('cases received by phone, letter and in person are recorded by an officer and counted by channel', async () => {
      const year = fiscalYear();
      const byChannel = async () => {
        const csv = (await officer.get(`/staff/complaints/statistics/${year}.csv`)).raw.subarray(3).toString('utf8');
        return Object.fromEntries(['โทรศัพท์', 'หนังสือ', 'ด้วยตนเอง'].map((label) => [label, Number(new RegExp(`แยกตามช่องทาง,${label},(\\d+)`).exec(csv)![1])]));
      };
      const before = await byChannel();
      for (const [channel, label] of [['phone', 'โทรศัพท์'], ['letter', 'หนังสือ'], ['in_person', 'ด้วยตนเอง']] as const) {
        const form = await officer.get('/staff/complaints/new?type=general');
        assert.equal(form.status, 200);
        assert.match(form.body, new RegExp(`<option value="${channel}"`));
        const r = await officer.postMultipart('/staff/complaints/new?type=general', {
          channel, category: 'nuisance', subject: `เสียงดังจากโรงงาน (${label})`, description: 'ได้ยินเสียงเครื่องจักรทั้งคืน', who: '', 'when-day': '', 'when-month': '', 'when-year': '', where: 'หมู่ 3',
          name: 'นางรับแจ้ง ทางโทรศัพท์', national_id: '', phone: '0811111111', email: '', address: '',
        }, {});
        assert.equal(r.status, 200, textOf(r.body).slice(0, 300));
        assert.match(textOf(r.body), /บันทึกเรื่อง \d{4}-\d{4} แล้ว ให้รหัสรับเรื่องนี้แก่ผู้ร้องเรียน/);
        assert.match(r.body, /class="receipt">\d{4} \d{4} \d{4} \d{4}</);
        const c = await latest();
        assert.deepEqual([c.channel, c.lane, c.is_identified], [channel, 'general', true]);
        assert.ok(!(await stored(c.id)).includes('รับแจ้ง'), 'sealed like a case from the web');
      }
      const after = await byChannel();
      for (const label of ['โทรศัพท์', 'หนังสือ', 'ด้วยตนเอง']) assert.equal(after[label], before[label]! + 1, label);
      const page = textOf((await officer.get(`/staff/complaints/statistics/${year}`)).body);
      assert.match(page, new RegExp(`ด้วยตนเอง ${after['ด้วยตนเอง']}`));
      // the web is not a channel an officer records
      const r = await officer.postMultipart('/staff/complaints/new?type=general', { channel: 'web', category: 'nuisance', subject: 'x', description: 'y', who: '', where: '', name: '', national_id: '', phone: '', email: '', address: '' }, {});
      assert.equal(r.status, 422);
    });

    test('the date it happened, typed in Thai digits with a B.E. year, shown back to the officer in B.E.', async () => {
      // ten days ago in Bangkok, derived from today
      const day = bangkokDay(new Date(Date.now() - 10 * 86_400_000));
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const subject = 'ถนนชำรุดเป็นหลุมบ่อหน้าโรงเรียนบ้านนาจารย์';
      const a = t.agent();
      a.ip = '10.73.0.1';
      const { r, receipt } = await submit(a, 'general', {
        ...corruptionCase, category: 'public_works', subject,
        'when-day': thaiDigits(d), 'when-month': thaiDigits(m), 'when-year': thaiDigits(y + 543),
      });
      assert.ok(receipt, textOf(r.body).slice(0, 400));

      const row = await latest();
      const page = await officer.get(`/staff/complaints/${row.id}`);
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), new RegExp(subject), 'the officer opens the case');
      const shown = formatDate(day, { lang: 'th' });
      assert.ok(shown.endsWith(` ${y + 543}`), `a B.E. date: ${shown}`);
      assert.ok(page.body.includes(`<time datetime="${day}">${shown}</time>`), `the day typed, kept as ${day} and shown as ${shown}`);
      assert.doesNotMatch(textOf(page.body), new RegExp(`${d} \\S+ ${y}\\b`), 'not in C.E.');
    });

    test('an implausible year of when it happened is refused on its field with the calendar expected, and what was typed stays', async () => {
      const a = t.agent();
      a.ip = '10.73.0.2';
      const { r, receipt } = await submit(a, 'general', { ...corruptionCase, category: 'public_works', 'when-day': '๑', 'when-month': '๑๒', 'when-year': '๒๖๙' });
      assert.equal(receipt, undefined);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /พ\.ศ\./, 'the message names the calendar');
      assert.match(r.body, /name="when-year"[^>]*value="๒๖๙"|value="๒๖๙"[^>]*name="when-year"/);
    });
  });
}
