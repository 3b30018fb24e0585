// What one person may take from the public complaint channel (findings 3, 4 and 8 of the complaints pentest):
// counters per network kept in memory, receipts that share a lookup prefix, per-case caps, images too large to open.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { addressGroup } from '../../platform/http/address.ts';
import { RECEIPT_CHECKS, receiptGate } from './throttle.ts';
import { addressThrottle, MemoryThrottle } from '../../platform/http/address-throttle.ts';
import { MESSAGES_PER_DAY } from './follow.ts';
import { laneHour, SUBMIT_PER_48_HOUR } from './routes-public.tsx';
import { firstAgencyId } from '../../platform/tenant.ts';

describe('counting by network', () => {
  test('an IPv4 address counts alone; an IPv6 address counts with its /64', () => {
    assert.equal(addressGroup('203.0.113.7'), '203.0.113.7');
    assert.equal(addressGroup('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(addressGroup('2001:db8:1:2::1'), '2001:db8:1:2');
    assert.equal(addressGroup('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2');
    assert.notEqual(addressGroup('2001:db8:1:3::1'), addressGroup('2001:db8:1:2::1'));
    assert.equal(addressGroup('::1'), '0:0:0:0');
    assert.equal(addressGroup('2001:db8:1:2::1', 48), '2001:db8:1');
    assert.equal(addressGroup('203.0.113.7', 48), '203.0.113.7', 'IPv4 addresses count alone');
  });

  test('a port a proxy wrote is dropped; what is not an address (or none) counts in one shared group', () => {
    assert.equal(addressGroup('203.0.113.7:40001'), '203.0.113.7');
    assert.equal(addressGroup('203.0.113.7:40002'), '203.0.113.7');
    assert.equal(addressGroup('[2001:db8:1:2::1]:443'), '2001:db8:1:2');
    assert.equal(addressGroup(' 2001:DB8:1:2::1 '), '2001:db8:1:2');
    for (const odd of [undefined, '', 'unknown', 'garbage:1:2', '1.2.3.4:5:6', '999.1.1.1', '2001:db8::1::2']) assert.equal(addressGroup(odd), 'unknown', String(odd));
    assert.equal(addressGroup('fe80::1%eth0'), 'fe80:0:0:0', 'a zone is not part of the address');
    assert.equal(addressGroup('::ffff:203.0.113.7%eth0'), '203.0.113.7');
    assert.equal(addressGroup('::ffff:cb00:7107'), '203.0.113.7', 'an IPv4 address in IPv6 hex');
    const m = new MemoryThrottle();
    const rule = [{ name: 'r', max: 1, windowMs: 60_000 }];
    assert.equal(m.take('198.51.100.9:1000', rule, 0).ok, true);
    assert.equal(m.take('198.51.100.9:1001', rule, 1).ok, false, 'a new source port is the same address');
  });

  test('a rule over an IPv6 /48 holds for every /64 in it and not beyond', () => {
    const m = new MemoryThrottle();
    const rule = [{ name: 's', max: 2, windowMs: 60_000, v6Prefix: 48 as const }];
    assert.equal(m.take('2001:db8:9:1::1', rule, 0).ok, true);
    assert.equal(m.take('2001:db8:9:2::1', rule, 1).ok, true);
    assert.equal(m.take('2001:db8:9:ffff::1', rule, 2).ok, false, 'a third /64 of the same /48');
    assert.equal(m.take('2001:db8:a:1::1', rule, 3).ok, true, 'the next /48');
  });

  test('a rule holds for its window, per network, and lets others through', () => {
    const m = new MemoryThrottle();
    const rule = [{ name: 'r', max: 2, windowMs: 60_000 }];
    assert.equal(m.take('2001:db8::1', rule, 0).ok, true);
    assert.equal(m.take('2001:db8::2', rule, 1).ok, true);
    const held = m.take('2001:db8::ffff', rule, 2);
    assert.equal(held.ok, false, 'a third address of the same /64 waits');
    assert.equal(held.ok === false && held.waitMs, 59_998);
    assert.equal(m.take('2001:db8:0:1::1', rule, 3).ok, true, 'the next /64 does not');
    assert.equal(m.take('2001:db8::3', rule, 60_001).ok, true, 'the window passes');
  });

  test('a flood of new addresses is bounded in memory and does not free an address a rule holds', () => {
    const m = new MemoryThrottle();
    const guesses = [{ name: 'follow', max: 1, windowMs: 15 * 60_000 }];
    assert.equal(m.take('198.51.100.1', guesses, 0).ok, true);
    assert.equal(m.take('198.51.100.1', guesses, 1).ok, false);
    // 200,001 other networks within a minute: past the bound, the held address's entry is the oldest
    const q = [{ name: 'q', max: 5, windowMs: 60_000 }];
    for (let i = 0; i <= 200_000; i++) m.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, q, 2);
    assert.ok(m.size <= 100_001, `memory stays bounded (${m.size} entries)`);
    assert.equal(m.take('198.51.100.1', guesses, 3).ok, false, 'the held address still waits');
    // once their windows have passed, the flood's entries are the first to go
    for (let i = 0; i <= 100_000; i++) m.take(`2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`, q, 120_000);
    assert.equal(m.take('198.51.100.1', guesses, 120_001).ok, false, 'still held after the next flood');
  });
});

for (const target of await dbTargets()) {
  describe(`complaint limits on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    async function follow(receipt: string, ip: string): Promise<Agent> {
      const a = t.agent();
      a.ip = ip;
      await a.get('/complaints/follow');
      const r = await a.post('/complaints/follow', { receipt });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      return a;
    }

    test(`cases from many /64s of one IPv6 /48: ${SUBMIT_PER_48_HOUR} an hour, so one site cannot use up the hour for everyone`, async () => {
      const from = (i: number) => Object.assign(t.agent(), { ip: `2001:db8:48:${i.toString(16)}::1` });
      for (let i = 1; i <= SUBMIT_PER_48_HOUR; i++) {
        const { r, receipt } = await submit(from(i), 'general', { ...corruptionCase, category: 'other', subject: `เรื่องจากเครือข่ายใหญ่ ${i}` });
        assert.ok(receipt, `case ${i}: ${r.status}`);
      }
      const held = (await submit(from(SUBMIT_PER_48_HOUR + 1), 'general', { ...corruptionCase, category: 'other', subject: 'เรื่องเกินจำนวน' })).r;
      assert.equal(held.status, 429);
      assert.match(textOf(held.body), /ส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป/);
      assert.ok((await submit(Object.assign(t.agent(), { ip: '2001:db8:49::1' }), 'general', { ...corruptionCase, category: 'other', subject: 'จากอีกเครือข่าย' })).receipt, 'another /48');
    });

    test('six submissions from addresses of one IPv6 /64 count as one address', async () => {
      let last = { status: 0, body: '' };
      for (let i = 1; i <= 6; i++) {
        const a = t.agent();
        a.ip = `2001:db8:77:1::${i}`;
        last = (await submit(a, 'general', { ...corruptionCase, category: 'other', subject: `เรื่องจากเครือข่ายเดียวกัน ${i}` })).r;
      }
      assert.equal(last.status, 429);
      assert.match(textOf(last.body), /ส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป กรุณารอ \d+ นาทีแล้วส่งใหม่/);
      const other = t.agent();
      other.ip = '2001:db8:77:2::1';
      assert.ok((await submit(other, 'general', { ...corruptionCase, category: 'other' })).receipt, 'the next /64 still submits');
    });

    test('receipts share a short lookup: of two cases under one lookup, a receipt opens its own case only', async () => {
      const a = t.agent();
      a.ip = '10.60.0.1';
      const one = (await submit(a, 'corruption', { ...corruptionCase, subject: 'เรื่องแรกของการทดสอบรหัสรับเรื่อง' })).receipt!;
      const two = (await submit(a, 'corruption', { ...corruptionCase, subject: 'เรื่องที่สองของการทดสอบรหัสรับเรื่อง' })).receipt!;
      const rows = await t.p.db.k.selectFrom('complaint').select(['id', 'receipt_lookup']).orderBy('id', 'desc').limit(2).execute();
      // as if the first case's receipt began with the same digits as the second's: it is found first, and passed over
      await t.p.db.k.updateTable('complaint').set({ receipt_lookup: rows[0]!.receipt_lookup }).where('id', '=', rows[1]!.id).execute();
      const b = await follow(two, '10.60.0.2');
      const page = textOf((await b.get('/complaints/case')).body);
      assert.match(page, /เรื่องที่สองของการทดสอบรหัสรับเรื่อง/);
      assert.doesNotMatch(page, /เรื่องแรกของการทดสอบรหัสรับเรื่อง/);
      const wrong = t.agent();
      wrong.ip = '10.60.0.3';
      await wrong.get('/complaints/follow');
      const last = one.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      assert.match(textOf((await wrong.post('/complaints/follow', { receipt: last })).body), /ไม่พบเรื่องของรหัสนี้/);
    });

    test('site-wide, receipts are checked a few at a time: when the queue is full a guess is told to retry (503), nobody is locked out', async () => {
      const gate = receiptGate(t.p);
      const held = [await gate.enter(), await gate.enter()];
      assert.equal(held.length, RECEIPT_CHECKS.atOnce);
      const queued = Array.from({ length: RECEIPT_CHECKS.waiting }, () => gate.enter());
      const a = t.agent();
      a.ip = '10.63.0.1';
      await a.get('/complaints/follow');
      let r = await a.post('/complaints/follow', { receipt: '1234 5678 9012 3456' });
      assert.equal(r.status, 503);
      assert.match(textOf(r.body), /มีการตรวจรหัสรับเรื่องพร้อมกันจำนวนมาก/);
      for (const release of held) release();
      await Promise.all(queued.map((q) => q.then((release) => release())));
      r = await a.post('/complaints/follow', { receipt: '1234 5678 9012 3456' });
      assert.equal(r.status, 422, 'the checks done, the same address is answered');
      assert.match(textOf(r.body), /ไม่พบเรื่องของรหัสนี้/);
    });

    test(`a case takes ${MESSAGES_PER_DAY} messages a day from its complainant; the next is refused on its field, kept`, async () => {
      const a = t.agent();
      a.ip = '10.61.0.1';
      const receipt = (await submit(a, 'corruption', corruptionCase)).receipt!;
      for (let i = 0; i < MESSAGES_PER_DAY; i++) {
        // each from another address, past the per-address reply throttle
        const b = await follow(receipt, `10.61.1.${i + 1}`);
        await b.get('/complaints/case');
        assert.equal((await b.postMultipart('/complaints/case/reply', { body: `ข้อมูลเพิ่มเติมครั้งที่ ${i + 1}` }, {})).status, 303);
      }
      const b = await follow(receipt, '10.61.2.1');
      await b.get('/complaints/case');
      const r = await b.postMultipart('/complaints/case/reply', { body: 'ข้อความที่เกินจำนวน' }, {});
      // the last free place, asked for twice at once (checked under the case's lock): one message goes in
      await t.p.db.k.deleteFrom('complaint_message').where('id', '=', (await t.p.db.k.selectFrom('complaint_message').select('id').where('author', '=', 'complainant').orderBy('id', 'desc').executeTakeFirstOrThrow()).id).execute();
      const pair = await Promise.all(['10.61.3.1', '10.61.3.2'].map(async (ip) => {
        const c = await follow(receipt, ip);
        await c.get('/complaints/case');
        return c;
      }));
      const both = await Promise.all(pair.map((c, i) => c.postMultipart('/complaints/case/reply', { body: `พร้อมกันครั้งที่ ${i + 1}` }, {})));
      assert.deepEqual(both.map((x) => x.status).sort(), [303, 422]);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), new RegExp(`ส่งข้อความได้วันละไม่เกิน ${MESSAGES_PER_DAY} ครั้งต่อเรื่อง`));
      assert.match(r.body, /ข้อความที่เกินจำนวน/, 'what was typed is kept');
    });

    /** Posts the form with its parts in the browser's order: the fields before the files, then the files, then identity and consent. */
    async function postAsBrowser(a: Agent, files: Array<{ name: string; data: Buffer }>) {
      await a.get('/complaints/new?type=corruption');
      const { name, national_id, phone, email, address, consent, ...before } = corruptionCase;
      const fd = new FormData();
      fd.append('_csrf', a.csrf);
      for (const [k, v] of Object.entries(before)) fd.append(k, v);
      files.forEach((f, i) => fd.append(`file${i + 1}`, new Blob([f.data], { type: 'application/pdf' }), f.name));
      for (const [k, v] of Object.entries({ name, national_id, phone, email, address, consent })) fd.append(k, v);
      const body = new Response(fd);
      return a.request('POST', '/complaints/new?type=corruption', { payload: Buffer.from(await body.arrayBuffer()), headers: { 'content-type': body.headers.get('content-type')! } });
    }
    const pdfOf = (mb: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Math.round(mb * 1024 * 1024) - 9, 0x20)]);

    test('three files of 8 MB (over the 20 MB in all): a message on the file that did not fit, the rest of the form kept', async () => {
      const a = t.agent();
      a.ip = '10.64.0.1';
      const form = textOf((await a.get('/complaints/new?type=corruption')).body);
      assert.match(form, /ไม่เกิน 3 ไฟล์ ไฟล์ละไม่เกิน 10 MB รวมกันไม่เกิน 20 MB/, 'the form promises what the limits allow');
      const before = (await t.p.db.k.selectFrom('complaint').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
      const r = await postAsBrowser(a, [{ name: 'หนึ่ง.pdf', data: pdfOf(8) }, { name: 'สอง.pdf', data: pdfOf(8) }, { name: 'สาม.pdf', data: pdfOf(8) }]);
      assert.equal(r.status, 422, 'not a 413 page');
      assert.match(r.body, /id="f-file3-error"[^>]*>ไฟล์ที่แนบรวมกันเกิน 20 MB ไฟล์นี้จึงแนบไม่ได้/, 'on the third file’s field');
      assert.doesNotMatch(r.body, /id="f-file[12]-error"/, 'the first two fitted');
      assert.match(r.body, /value="เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง"/, 'the subject typed is kept');
      assert.match(r.body, /ต้องจ่ายเงิน 3,000 บาท/, 'and the description');
      assert.doesNotMatch(textOf(r.body), /กรุณายืนยันว่าอ่านการคุ้มครองข้อมูลส่วนบุคคลแล้ว/, 'the consent sent after the files was read');
      assert.equal((await t.p.db.k.selectFrom('complaint').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n, before, 'nothing saved');
      const ok = await postAsBrowser(a, [{ name: 'หนึ่ง.pdf', data: pdfOf(8) }, { name: 'สอง.pdf', data: pdfOf(8) }]);
      assert.equal(ok.status, 200, 'two of them (16 MB) go in');
      assert.match(ok.body, /class="receipt"/);
    });

    test('one file over 10 MB: a message on its field, the rest of the form kept', async () => {
      const a = t.agent();
      a.ip = '10.64.0.2';
      const r = await postAsBrowser(a, [{ name: 'ใหญ่.pdf', data: pdfOf(11) }]);
      assert.equal(r.status, 422);
      assert.match(r.body, /id="f-file1-error"[^>]*>ไฟล์มีขนาดใหญ่เกิน 10 MB/);
      assert.match(r.body, /value="เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง"/);
      assert.match(r.body, /ต้องจ่ายเงิน 3,000 บาท/);
    });

    test('an image of more than 25 megapixels is refused on its field before it is decoded', async () => {
      const huge = await sharp({ create: { width: 6000, height: 5000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
      const a = t.agent();
      a.ip = '10.62.0.1';
      const { r, receipt } = await submit(a, 'corruption', corruptionCase, { file1: { name: 'ภาพใหญ่.png', data: huge, type: 'image/png' } });
      assert.equal(receipt, undefined);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /รูปภาพใหญ่เกินไป \(เกิน 25 ล้านพิกเซล\)/);
      assert.match(r.body, /เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง/, 'the form is kept');
    });

    // last: the general lane stays closed for the rest of this app's hour
    test('the hour for everyone is per lane: a flood of general complaints does not close the corruption lane', async () => {
      // the general lane's hour used up (what 1,000 cases from 1,000 networks would do)
      const rule = laneHour((await firstAgencyId(t.p.db))!, 'general');
      while ((await addressThrottle(t.p).take('*', [rule])).ok);
      const general = await submit(Object.assign(t.agent(), { ip: '198.51.100.201' }), 'general', { ...corruptionCase, category: 'other', subject: 'เรื่องทั่วไปหลังน้ำท่วม' });
      assert.equal(general.r.status, 429);
      assert.match(textOf(general.r.body), /ส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป/);
      assert.ok((await submit(Object.assign(t.agent(), { ip: '198.51.100.202' }), 'corruption', corruptionCase)).receipt, 'a corruption report still goes through');
    });
  });
}
