// Browser, the whole story of a service request: a citizen on a phone reads the manual, requests the service (a first
// try without consent is refused and keeps what was typed), gets a tracking code → an officer takes it up, asks for
// more, moves it through every step and completes it → the citizen answers on the tracking page, follows it, receives
// every mail (a real SMTP server on loopback), rates it → the statistics count it. Axe on every public page.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';
import { bodyText, startSmtp } from '../support/smtp.ts';
import { fiscalYear } from '../../src/platform/thai/index.ts';

describe('a service request in the browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.close();
  });
  const b = browserApp('sqlite', { env: () => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) }) });

  test('manual, request, tracking code, every step by the officer, answer, mails, rating, counted', async () => {
    const year = fiscalYear();
    const csvTotal = async () => {
      const csv = await (await fetch(`${b.base}/e-service/statistics/${year}.csv`)).text();
      return Number(csv.split('\n').find((l) => l.includes('road-repair') && l.includes('คำขอทั้งหมด'))!.split(',').at(-1));
    };
    const before = await csvTotal();

    const citizen = await b.newPage({ width: 390, height: 844 });
    const c = citizen.page;
    await c.goto(`${b.base}/e-service`);
    await expectAccessible(c);
    await c.getByRole('link', { name: 'แจ้งซ่อมแซมถนนและสะพานในความรับผิดชอบของ อบจ.', exact: true }).click();
    const manual = await c.locator('main').innerText();
    assert.match(manual, /ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ/);
    assert.match(manual, /ไม่ต้องใช้เอกสารประกอบ/);
    assert.match(manual, /ไม่มีค่าธรรมเนียม/);
    await expectAccessible(c);
    await c.getByRole('link', { name: 'ยื่นคำขอออนไลน์', exact: true }).first().click();
    assert.match(await c.locator('h1').innerText(), /ยื่นคำขอ: แจ้งซ่อมแซมถนน/);
    await expectAccessible(c);

    await c.getByLabel(/^ชื่อถนนหรือสายทาง/).fill('ถนนสาย กส.ถ 1-0077 บ้านทดสอบ–บ้านเบราว์เซอร์');
    await c.getByLabel(/^ตำแหน่งที่ชำรุด/).fill('หน้าวัดบ้านทดสอบ');
    await c.getByLabel(/^ลักษณะความชำรุด/).selectOption({ label: 'หลุมบ่อ' });
    await c.getByLabel(/^ชื่อ-นามสกุล/).fill('นางสาวทดสอบ เบราว์เซอร์');
    await c.getByLabel(/^หมายเลขโทรศัพท์/).fill('0812345678');
    await c.getByLabel(/^อีเมล/).fill('browser@example.test');
    await c.getByRole('button', { name: 'ส่งคำขอ' }).click();
    assert.match(await c.locator('.error-summary').innerText(), /โปรดยืนยันความยินยอม/);
    assert.equal(await c.getByLabel(/^ตำแหน่งที่ชำรุด/).inputValue(), 'หน้าวัดบ้านทดสอบ');
    await expectAccessible(c);
    await c.getByLabel('ข้าพเจ้ายินยอมให้หน่วยงานใช้ข้อมูลนี้เพื่อให้บริการตามคำขอ').check();
    await c.getByRole('button', { name: 'ส่งคำขอ' }).click();
    const code = (await c.locator('.receipt').innerText()).trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const number = /เลขที่คำขอ (\d{4}-\d{4})/.exec(await c.locator('main').innerText())![1]!;
    await expectAccessible(c);
    await c.getByRole('link', { name: 'ติดตามสถานะคำขอ' }).last().click();
    assert.match(await c.locator('main').innerText(), /ได้รับคำขอแล้ว/);
    await expectAccessible(c);

    // the officer: the queue, take it up, ask for more
    const officer = await b.newPage();
    const o = officer.page;
    await b.signIn(o, 'service');
    await o.goto(`${b.base}/staff/e-service`);
    await o.getByRole('link', { name: number, exact: true }).click();
    assert.match(await o.locator('main').innerText(), /หน้าวัดบ้านทดสอบ/);
    await expectAccessible(o);
    await o.getByRole('button', { name: 'รับเรื่อง' }).click();
    assert.match(await o.locator('.flash').innerText(), /รับเรื่องแล้ว/);
    await o.locator('summary', { hasText: 'ขอข้อมูลเพิ่มเติมจากผู้ยื่น' }).click();
    await o.getByLabel(/^สิ่งที่ต้องการเพิ่มเติม/).fill('โปรดระบุระยะทางจากวัดโดยประมาณ');
    await o.getByRole('button', { name: 'ส่งคำถาม' }).click();
    assert.match(await o.locator('.flash').innerText(), /ส่งคำถามถึงผู้ยื่นแล้ว/);

    // the citizen answers on the tracking page
    await c.goto(`${b.base}/e-service/track`);
    await expectAccessible(c);
    await c.getByLabel(/^รหัสติดตามคำขอ/).fill(code.toLowerCase());
    await c.getByRole('button', { name: 'ดูสถานะ' }).click();
    assert.match(await c.locator('main').innerText(), /โปรดระบุระยะทางจากวัดโดยประมาณ/);
    await expectAccessible(c);
    await c.getByLabel(/^คำตอบของท่าน/).fill('ห่างจากประตูวัดประมาณ 50 เมตร');
    await c.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    assert.match(await c.locator('.flash').innerText(), /ส่งคำตอบแล้ว/);

    // the officer moves it through every step and completes it
    await o.reload();
    assert.match(await o.locator('main').innerText(), /ห่างจากประตูวัดประมาณ 50 เมตร/);
    await o.getByRole('button', { name: /^เสร็จขั้นตอนนี้ ไปขั้นตอนถัดไป: ประเมินความเสียหาย/ }).click();
    assert.match(await o.locator('.flash').innerText(), /เริ่มขั้นตอนถัดไปแล้ว/);
    await o.getByRole('button', { name: /^เสร็จขั้นตอนนี้ ไปขั้นตอนถัดไป: ดำเนินการซ่อมแซม/ }).click();
    await o.getByLabel(/^ข้อความถึงผู้ยื่น/).fill('ซ่อมหลุมเรียบร้อยแล้ว');
    await o.getByRole('button', { name: 'ดำเนินการแล้วเสร็จ' }).click();
    assert.match(await o.locator('.flash').innerText(), /ปิดคำขอว่าแล้วเสร็จ/);

    // the citizen follows it: every step done, declared against actual time; rates it
    await c.goto(`${b.base}/e-service/track?code=${code}`);
    const tracked = await c.locator('main').innerText();
    assert.match(tracked, /ดำเนินการแล้วเสร็จ/);
    assert.match(tracked, /ซ่อมหลุมเรียบร้อยแล้ว/);
    assert.equal((tracked.match(/เสร็จแล้ว/g) ?? []).length, 3);
    await expectAccessible(c);
    await c.getByLabel('5 — พอใจมากที่สุด').check();
    await c.getByLabel(/^ความคิดเห็นหรือข้อเสนอแนะ/).fill('รวดเร็วมาก');
    await c.getByRole('button', { name: 'ส่งผลการประเมิน' }).click();
    assert.match(await c.locator('main').innerText(), /ท่านให้คะแนน 5 จาก 5/);
    await expectAccessible(c);

    // every change reached the requester by mail, with the code and the step, and the last one the rating link
    const deadline = Date.now() + 5000;
    const mine = () => smtp.messages.filter((m) => m.to.includes('browser@example.test')).map((m) => bodyText(m.raw));
    while (mine().length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mails = mine();
    assert.equal(mails.length, 7, 'received, taken up, question, answer received, two steps, completed');
    assert.ok(mails.every((m) => m.includes(code) && !m.includes('นางสาวทดสอบ')));
    assert.ok(mails.some((m) => m.includes('ดำเนินการซ่อมแซม')));
    assert.match(mails.at(-1)!, /#rate/);

    // counted in the statistics
    assert.equal(await csvTotal(), before + 1);
    await c.goto(`${b.base}/e-service/statistics/${year}`);
    assert.match(await c.locator('main').innerText(), /แจ้งซ่อมแซมถนน/);
    await expectAccessible(c);

    // the other public pages, on a phone and on a desktop
    for (const u of ['/e-service/guide', '/e-service/water-truck', '/e-service/borrow-equipment/request', `/e-service/statistics/${year - 1}?period=h1`]) {
      await c.goto(`${b.base}${u}`);
      await expectAccessible(c);
    }
    await c.goto(`${b.base}/e-service/track?code=AAAA-BBBB-CCCC`);
    assert.match(await c.locator('main').innerText(), /ไม่พบคำขอที่ตรงกับรหัสติดตามนี้/);
    await expectAccessible(c);
    await c.setViewportSize({ width: 1280, height: 900 });
    for (const u of ['/e-service', '/e-service/official-information', `/e-service/statistics/${year}`]) {
      await c.goto(`${b.base}${u}`);
      await expectAccessible(c);
    }
    for (const u of [`/staff/e-service/equality/${year}`, '/staff/e-service', '/staff/e-service?state=closed', '/staff/e-service/new?service=elderly-allowance', '/staff/e-service/services', '/staff/e-service/services/new']) {
      await o.goto(`${b.base}${u}`);
      await expectAccessible(o);
    }
    assert.deepEqual(unexpected([...citizen.problems, ...officer.problems], b.base, [[/^\/e-service\/road-repair\/request/, 422], ['/e-service/track?code=AAAA-BBBB-CCCC', 404]]), [], 'no console errors but the refused form and the unknown code');
  });
});
