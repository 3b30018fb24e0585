// Browser, the whole story: an anonymous corruption complaint on a phone → receipt → the officer sees it on the
// to-do home and replies → the complainant follows with the receipt, reads the reply, adds a file → the officer
// closes it → the statistics count it. Axe on every public complaint page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';
import { fiscalYear } from '../../src/platform/thai/index.ts';

/** The fiscal year the case lands in: today's (1 October starts the next). */
const FY = fiscalYear();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('a confidential complaint in the browser', () => {
  const b = browserApp();

  test('complaint, receipt, reply, follow-up with a file, closed, counted', async () => {
    const citizen = await b.newPage({ width: 390, height: 844 });
    const c = citizen.page;
    await c.goto(`${b.base}/complaints`);
    await expectAccessible(c);
    await c.getByRole('link', { name: /^เริ่มแจ้งเรื่อง: ร้องเรียนการทุจริตและประพฤติมิชอบ$/ }).click();
    assert.match(await c.locator('h1').innerText(), /แจ้งเรื่อง: ร้องเรียนการทุจริตและประพฤติมิชอบ/);
    await expectAccessible(c);

    // the first try misses the consent; the message says so and what was typed stays
    await c.getByLabel(/^เรื่องเกี่ยวกับ/).selectOption({ label: 'การจัดซื้อจัดจ้าง' });
    await c.getByLabel(/^เรื่อง \(จำเป็น\)/).fill('ฮั้วประมูลโครงการก่อสร้างถนนลาดยาง');
    await c.getByLabel(/^รายละเอียด/).fill('ผู้เสนอราคาสามรายเป็นเครือญาติกัน และเสนอราคาห่างกันไม่ถึงร้อยละหนึ่ง');
    await c.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    assert.match(await c.locator('.error-summary').innerText(), /กรุณายืนยันว่าอ่านการคุ้มครองข้อมูลส่วนบุคคลแล้ว/);
    assert.equal(await c.getByLabel(/^เรื่อง \(จำเป็น\)/).inputValue(), 'ฮั้วประมูลโครงการก่อสร้างถนนลาดยาง');
    await expectAccessible(c);
    await c.getByLabel(/^ข้าพเจ้าอ่านการคุ้มครองข้อมูลส่วนบุคคล/).check();
    await c.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    const receipt = await c.locator('.receipt').innerText();
    assert.match(receipt, /^\d{4} \d{4} \d{4} \d{4}$/);
    await expectAccessible(c);

    // the officer finds it on the to-do home and replies
    const officer = await b.newPage();
    const o = officer.page;
    await b.signIn(o, 'complaint');
    await o.goto(`${b.base}/staff`);
    await o.getByRole('link', { name: /^เรื่องร้องเรียนใหม่ที่ยังไม่ได้รับเรื่อง \d+ เรื่อง$/ }).click();
    await o.getByRole('row').filter({ hasText: 'ฮั้วประมูลโครงการก่อสร้างถนนลาดยาง' }).getByRole('link').first().click();
    assert.match(await o.locator('main').innerText(), /เสนอราคาห่างกันไม่ถึงร้อยละหนึ่ง/);
    await expectAccessible(o);
    await o.getByLabel(/^ตอบผู้ร้องเรียน/).fill('รับเรื่องแล้ว ขอทราบชื่อโครงการหรือเลขที่ประกาศ');
    await o.getByRole('button', { name: 'ส่งถึงผู้ร้องเรียน' }).click();
    assert.match(await o.locator('.flash').innerText(), /ส่งข้อความถึงผู้ร้องเรียนแล้ว/);
    await o.getByLabel(/^สถานะใหม่/).selectOption({ label: 'กำลังพิจารณา' });
    await o.getByRole('button', { name: 'เปลี่ยนสถานะ' }).click();
    assert.match(await o.locator('.flash').innerText(), /เปลี่ยนสถานะแล้ว/);

    // the complainant follows with the receipt, reads the reply, and sends a file
    await c.goto(`${b.base}/complaints/follow`);
    await expectAccessible(c);
    await c.getByLabel(/^รหัสรับเรื่อง/).fill(receipt);
    await c.getByRole('button', { name: 'ดูเรื่อง' }).click();
    const mine = await c.locator('main').innerText();
    assert.match(mine, /กำลังพิจารณา/);
    assert.match(mine, /รับเรื่องแล้ว ขอทราบชื่อโครงการหรือเลขที่ประกาศ/);
    await expectAccessible(c);
    await c.getByRole('textbox', { name: 'ข้อความ' }).fill('ประกาศเลขที่ 12/2570');
    await c.locator('#f-file1').setInputFiles({ name: 'ประกาศประกวดราคา.pdf', mimeType: 'application/pdf', buffer: PDF });
    await c.getByRole('button', { name: 'ส่ง', exact: true }).click();
    assert.match(await c.locator('.flash').innerText(), /ส่งข้อความแล้ว/);
    assert.match(await c.locator('main').innerText(), /ประกาศประกวดราคา\.pdf/);

    // the officer reads it and closes the case
    await o.reload();
    assert.match(await o.locator('main').innerText(), /ประกาศเลขที่ 12\/2570/);
    for (const s of ['ดำเนินการแล้ว', 'ปิดเรื่อง']) {
      await o.getByLabel(/^สถานะใหม่/).selectOption({ label: s });
      await o.getByRole('button', { name: 'เปลี่ยนสถานะ' }).click();
      assert.match(await o.locator('.flash').innerText(), /เปลี่ยนสถานะแล้ว/);
    }

    // counted: the officers' statistics of the year, and the public page (axe)
    await o.goto(`${b.base}/staff/complaints/statistics/${FY}`);
    assert.match(await o.locator('main').innerText(), /การจัดซื้อจัดจ้าง\s+1/);
    await expectAccessible(o);
    for (const u of [`/complaints/statistics/${FY}`, `/complaints/statistics/${FY}?period=h1`, '/complaints/guideline']) {
      await c.goto(`${b.base}${u}`);
      await expectAccessible(c);
    }
    await c.setViewportSize({ width: 1280, height: 900 });
    for (const u of ['/complaints', '/complaints/new?type=general', '/complaints/follow']) {
      await c.goto(`${b.base}${u}`);
      await expectAccessible(c);
    }
    assert.deepEqual(unexpected([...citizen.problems, ...officer.problems], b.base, [[/^\/complaints\/new/, 422]]), [], 'no console errors but the refused form');
  });
});
