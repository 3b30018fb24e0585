// Browser: a publisher drafts, an approver publishes, the document is bound to an OIT item that turns
// from missing to ready, and it shows on the item's public page and in search. Axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserApp, expectAccessible, screenshot, unexpected } from '../support/browser.ts';

const TITLE = 'แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2571 กองช่าง';

describe('publishing and the OIT map in the browser, on PostgreSQL', () => {
  const b = browserApp('postgres');
  async function as(username: string, size?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
    const signedIn = await b.newPage(size);
    await b.signIn(signedIn.page, username);
    return signedIn;
  }

  // the badge's word, without its icon
  const status = async (page: Page) => (await page.locator('main .tag[class*="status-"]').first().innerText()).replace(/^[^\u0E00-\u0E7FA-Za-z]+/, '');

  test('draft, approve, bind, check: the item becomes ready and the document is public, on its item page and in search', async () => {
    // the integrity officer starts FY 2571's map from 2569's, without evidence
    const officer = await as('integrity');
    await officer.page.goto(`${b.base}/staff/oit/years`);
    await expectAccessible(officer.page);
    await officer.page.getByLabel(/^คัดลอกจากปี/).fill('2569');
    await officer.page.getByLabel(/^เป็นปี/).fill('2571');
    await officer.page.getByRole('button', { name: 'เริ่มปีใหม่โดยคัดลอกจากปีก่อน' }).click();
    assert.match(await officer.page.locator('h1').innerText(), /ความพร้อม OIT ปี 2571/);
    await expectAccessible(officer.page);
    await officer.page.goto(`${b.base}/staff/oit/2571/O6`);
    assert.equal(await status(officer.page), 'ไม่มีหลักฐาน');
    await expectAccessible(officer.page);

    // the publisher drafts and submits
    const publisher = await as('publisher');
    // people management: its documents grouped in public, and a new plan started from its template
    await publisher.page.goto(`${b.base}/documents?category=people`);
    await expectAccessible(publisher.page);
    await publisher.page.goto(`${b.base}/staff/content/new?kind=document`);
    await publisher.page.getByLabel(/^แบบร่าง/).selectOption('hr_plan');
    await publisher.page.getByRole('button', { name: 'ใช้แบบร่างนี้' }).click();
    assert.match(await publisher.page.getByLabel(/^เนื้อหา \(ไทย\)/).inputValue(), /## 4\. โครงการและหลักสูตรการพัฒนาบุคลากร/);
    await expectAccessible(publisher.page);
    await publisher.page.goto(`${b.base}/staff/content`);
    await expectAccessible(publisher.page);
    await publisher.page.getByRole('link', { name: 'สร้างเอกสารใหม่' }).click();
    await expectAccessible(publisher.page);
    await publisher.page.getByLabel(/^ชื่อเรื่อง \(ไทย\)/).fill(TITLE);
    await publisher.page.getByLabel(/^หมวดหมู่/).selectOption('plan');
    await publisher.page.locator('#f-fiscal_year').fill('2571');
    await publisher.page.getByLabel(/^เนื้อหา \(ไทย\)/).fill('## โครงการ\n\n- ซ่อมแซมถนนลาดยางสายบ้านโนนสูง\n- ก่อสร้างรางระบายน้ำ');
    await publisher.page.getByLabel(/^ที่อยู่เว็บ/).fill('engineering-plan-2571');
    await publisher.page.getByRole('button', { name: 'บันทึก' }).click();
    assert.match(await publisher.page.locator('.flash').innerText(), /สร้างฉบับร่างแล้ว/);
    await expectAccessible(publisher.page);
    await publisher.page.locator('#f-file').setInputFiles({ name: 'แผนงานกองช่าง 2571.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await publisher.page.getByRole('button', { name: 'แนบไฟล์' }).click();
    assert.match(await publisher.page.locator('.flash').innerText(), /แนบไฟล์แล้ว/);
    // sending shows what is sent first
    await publisher.page.getByRole('link', { name: 'ส่งขออนุมัติเผยแพร่' }).click();
    assert.match(await publisher.page.locator('h1').innerText(), /ตรวจก่อนส่งขออนุมัติ/);
    assert.match(await publisher.page.locator('.summary-list').innerText(), /แผนงานกองช่าง 2571\.pdf/);
    await expectAccessible(publisher.page);
    await publisher.page.getByRole('button', { name: 'ส่งขออนุมัติ', exact: true }).click();
    assert.match(await publisher.page.locator('main').innerText(), /รออนุมัติ/);

    // the executive's to-do home at 1280 px
    const desk = await as('executive');
    await desk.page.goto(`${b.base}/staff`);
    assert.match(await desk.page.locator('.todo').first().innerText(), /รอคุณตรวจและอนุมัติ \d+ รายการ/);
    await expectAccessible(desk.page);
    await screenshot(desk.page, 'todo-home');

    // an executive, on a phone, approves from the to-do home through the confirmation page
    const approver = await as('executive', { width: 390, height: 844 });
    await approver.page.goto(`${b.base}/staff`);
    await expectAccessible(approver.page);
    await approver.page.getByRole('link', { name: /^รอคุณตรวจและอนุมัติ \d+ รายการ$/ }).click();
    await expectAccessible(approver.page);
    await approver.page.getByRole('link', { name: TITLE }).click();
    await approver.page.getByRole('link', { name: 'ตรวจและอนุมัติ', exact: true }).click();
    assert.match(await approver.page.locator('main').innerText(), /ซ่อมแซมถนนลาดยางสายบ้านโนนสูง/, 'the text being approved is shown');
    await expectAccessible(approver.page);
    await approver.page.getByRole('button', { name: /^ยืนยันอนุมัติและเผยแพร่ฉบับที่ \d+$/ }).click();
    assert.match(await approver.page.locator('.flash').innerText(), /อนุมัติเผยแพร่แล้ว/);

    // the officer finds it with the picker, binds it and checks the required elements in one step
    await officer.page.goto(`${b.base}/staff/oit/2571/O6`);
    await officer.page.locator('#f-pick-q').fill('กองช่าง');
    await officer.page.locator('form.pick-search').getByRole('button', { name: 'ค้นหา' }).click();
    const result = officer.page.locator('li.pick-result').filter({ has: officer.page.getByRole('heading', { name: TITLE, exact: true }) });
    assert.equal(await result.count(), 1, 'the new document is offered');
    for (const box of await result.getByRole('checkbox').all()) await box.check();
    await result.getByRole('button', { name: 'ผูกและบันทึกการตรวจ' }).click();
    assert.match(await officer.page.locator('.flash').innerText(), /สถานะตอนนี้: พร้อม/);
    assert.equal(await status(officer.page), 'พร้อม');
    await expectAccessible(officer.page);

    // the public sees it where the assessor looks, and in search
    const { page: visitor, problems } = await b.newPage({ width: 390, height: 800 });
    await visitor.goto(`${b.base}/oit/2571`);
    await expectAccessible(visitor);
    await visitor.getByRole('link', { name: /^O6 / }).click();
    assert.match(await visitor.locator('main').innerText(), new RegExp(TITLE));
    assert.match(await visitor.locator('main').innerText(), /ดาวน์โหลด: แผนงานกองช่าง 2571\.pdf/);
    await expectAccessible(visitor);
    await visitor.getByRole('link', { name: TITLE }).click();
    assert.equal(await visitor.locator('h1').innerText(), TITLE);
    await expectAccessible(visitor);
    await visitor.goto(`${b.base}/search`);
    await visitor.getByLabel('คำค้น').fill('รางระบายน้ำ');
    await visitor.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    assert.match(await visitor.locator('.search-results').innerText(), new RegExp(TITLE));
    assert.equal(await visitor.locator('.search-results mark').first().innerText(), 'รางระบายน้ำ');
    await expectAccessible(visitor);
    await visitor.goto(`${b.base}/oit/2599`);
    await expectAccessible(visitor);
    for (const u of ['/documents', '/news', '/open-data', '/news/spending-plan-briefing-2570', '/documents/budget-ordinance-2567']) {
      await visitor.goto(`${b.base}${u}`);
      await expectAccessible(visitor);
    }
    assert.deepEqual(unexpected([...problems, ...officer.problems, ...publisher.problems, ...approver.problems], b.base, [['/oit/2599', 404]]), [], 'no console errors but the unknown year asked for');
  });
});
