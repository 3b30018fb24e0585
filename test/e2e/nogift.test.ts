// Browser: a member of staff declares a gift on a phone (390 px), first kept over the 3,000-baht limit (refused on its
// field), then handed over; the public No Gift page and the yearly report show it without any name. Axe on every page
// at 390 and 1280 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, fillDate, unexpected } from '../support/browser.ts';
import { bangkokDay, fiscalYear } from '../../src/platform/thai/index.ts';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const GIVER = 'นายผู้ให้ ทดสอบเบราว์เซอร์';
const OCCASION = 'งานเลี้ยงขอบคุณผู้ประสานงานโครงการ';

describe('No Gift Policy in the browser', () => {
  const b = browserApp();

  test('a member of staff declares a gift at 390 px; the public page and the report pass axe at 390 and 1280 px', async () => {
    const { page, problems } = await b.newPage(PHONE);
    await b.signIn(page, 'service');
    await page.goto(`${b.base}/staff/no-gift`);
    await expectAccessible(page);

    // today, as a Thai officer types it: day, month by name, B.E. year
    const [y, m, d] = bangkokDay().split('-').map(Number) as [number, number, number];
    await fillDate(page, /^วันที่ได้รับ/, { day: String(d), month: String(m), year: String(y + 543) });
    await page.getByLabel(/^ผู้ให้เป็น/).selectOption({ label: 'บุคคลทั่วไป (ไม่ใช่ญาติ)' });
    await page.getByLabel(/^ชื่อผู้ให้/).fill(GIVER);
    await page.getByLabel(/^มูลค่าโดยประมาณ/).fill('3,500');
    await page.getByLabel(/^โอกาสที่ได้รับ/).fill(OCCASION);
    await page.getByLabel(/^สิ่งที่ทำกับของนั้น/).selectOption({ label: 'เก็บไว้ (อยู่ในหลักเกณฑ์)' });
    await page.getByRole('button', { name: 'ส่งการแจ้ง' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /มูลค่าเกิน 3,000 บาท เก็บไว้เองไม่ได้/);
    assert.equal(await page.getByLabel(/^ชื่อผู้ให้/).inputValue(), GIVER, 'what was typed comes back');
    await expectAccessible(page);

    await page.getByLabel(/^สิ่งที่ทำกับของนั้น/).selectOption({ label: 'ส่งคืนผู้ให้' });
    await page.getByRole('button', { name: 'ส่งการแจ้ง' }).click();
    assert.match(await page.locator('.flash').innerText(), /บันทึกการแจ้งรับของขวัญแล้ว/);
    assert.match(await page.locator('section[aria-labelledby="mine"]').innerText(), new RegExp(OCCASION));
    await expectAccessible(page);

    const year = fiscalYear();
    for (const viewport of [PHONE, WIDE]) {
      const { page: pub, problems: pubProblems } = await b.newPage(viewport);
      await pub.goto(`${b.base}/no-gift`);
      assert.match(await pub.locator('h1').innerText(), /No Gift Policy/);
      await expectAccessible(pub);
      await pub.goto(`${b.base}/no-gift/report/${year}`);
      const main = await pub.locator('main').innerText();
      assert.match(main, new RegExp(OCCASION));
      assert.ok(!main.includes(GIVER), 'never the giver’s name');
      assert.ok(!main.includes('นายบริการ ฉับไว'), 'never the declarer’s name');
      await expectAccessible(pub);
      await pub.goto(`${b.base}/no-gift/report/2568`);
      assert.match(await pub.locator('main').innerText(), /ไม่มีการรับของขวัญ/);
      await expectAccessible(pub);
      // the English page too
      await pub.goto(`${b.base}/lang/en?next=/no-gift`);
      assert.match(await pub.locator('h1').innerText(), /No Gift Policy/);
      await expectAccessible(pub);
      await pub.goto(`${b.base}/no-gift/report/${year}`);
      assert.match(await pub.locator('h1').innerText(), /Report on property and benefits received/);
      await expectAccessible(pub);
      assert.deepEqual(unexpected(pubProblems, b.base, []), []);
    }
    // the integrity officer's page of the year: the declaration form and every declaration, with names
    const { page: officer, problems: officerProblems } = await b.newPage(PHONE);
    await b.signIn(officer, 'integrity');
    await officer.goto(`${b.base}/staff/no-gift/${year}`);
    assert.match(await officer.locator('main').innerText(), new RegExp(GIVER));
    await expectAccessible(officer);
    assert.deepEqual(unexpected(officerProblems, b.base, []), []);
    assert.deepEqual(unexpected(problems, b.base, [['/staff/no-gift', 422]]), [], 'no console errors but the refused form');
  });
});
