// Browser: the integrity officer opens an OIT item that is not ready, finds a published document with the picker
// (Thai words), binds it with its required elements ticked in one step and sees the item become ready. Desktop and
// phone; axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';

const CASES = [
  { viewport: { width: 1280, height: 800 }, year: 2568, code: 'O15', words: 'รายงานผล ประจำปี', title: 'รายงานผลการดำเนินงานประจำปี พ.ศ. 2567' },
  { viewport: { width: 390, height: 844 }, year: 2567, code: 'O12', words: 'กำกับติดตาม 6 เดือน', title: 'รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567' },
];

const badge = (page: Page) => page.locator('main .tag').first();
/** the page's window, as far as this test uses it (the test has no DOM types) */
type Styled = { getComputedStyle(el: unknown): { whiteSpace: string } };

describe('OIT evidence picker in the browser', () => {
  const b = browserApp();

  for (const c of CASES) {
    test(`${c.viewport.width}×${c.viewport.height}: search, bind with ticks, and the item is ready`, async () => {
      const { page, problems } = await b.newPage(c.viewport);
      await b.signIn(page, 'integrity');
      await page.goto(`${b.base}/staff/oit/${c.year}/${c.code}`);
      assert.match(await badge(page).innerText(), /ไม่มีหลักฐาน/, 'not ready to begin with');
      assert.equal(await badge(page).evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).whiteSpace), 'nowrap', 'a badge never wraps');
      await expectAccessible(page);

      // any year: what is of another year says why it will not do
      await page.locator('#f-pick-q').fill(c.words);
      await page.getByLabel('ปีงบประมาณของรายการ').selectOption({ label: 'ทุกปี' });
      await page.locator('form.pick-search').getByRole('button', { name: 'ค้นหา' }).click();
      const results = page.locator('li.pick-result');
      assert.ok((await results.count()) > 0, 'something found');
      await expectAccessible(page);

      // the year the item asks for: the document, and what binding it would do
      await page.getByLabel('ปีงบประมาณของรายการ').selectOption({ index: 0 });
      await page.locator('form.pick-search').getByRole('button', { name: 'ค้นหา' }).click();
      assert.equal(await page.locator('#f-pick-q').inputValue(), c.words, 'the words stay in the box');
      const result = results.filter({ has: page.getByRole('heading', { name: c.title, exact: true }) });
      assert.equal(await result.count(), 1, `found: ${c.title}`);
      assert.match(await result.innerText(), /ผูกแล้วข้อนี้จะพร้อม เมื่อทำเครื่องหมายองค์ประกอบครบทุกข้อ/);
      assert.match(await result.innerText(), /ปีงบประมาณ 2567/);
      for (const box of await result.getByRole('checkbox').all()) await box.check();
      await result.getByRole('button', { name: 'ผูกและบันทึกการตรวจ' }).click();

      assert.match(await page.locator('.flash').innerText(), new RegExp(`ผูกหลักฐานกับข้อ ${c.code} .*สถานะตอนนี้: พร้อม`));
      assert.equal(await badge(page).innerText(), '✓ พร้อม');
      assert.equal(await badge(page).getAttribute('class'), 'tag status-ready');
      assert.match(await page.locator('#bindings-title + ul').innerText(), new RegExp(c.title.slice(0, 20)));
      await expectAccessible(page);

      await page.goto(`${b.base}/staff/oit/${c.year}`);
      const row = page.locator('tr').filter({ has: page.getByRole('link', { name: c.code, exact: true }) });
      assert.equal(await row.locator('.tag').innerText(), '✓ พร้อม', 'the year page shows the new status');
      await expectAccessible(page);
      assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors');
    });
  }
});
