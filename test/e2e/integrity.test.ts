// Browser: the integrity officer records FY 2570's result, adds a recommendation and a measure with evidence (its
// dates typed in B.E. and shown back), marks it done and downloads a report that contains it. On a phone (390 px)
// and a desktop (1280 px), each on its own copy of the demo. Axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserApp, dateShown, expectAccessible, fillDate, unexpected } from '../support/browser.ts';

const MEASURE = 'จัดทำคู่มือการเบิกจ่ายเงินฉบับประชาชนและเผยแพร่บนเว็บไซต์';

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) describe(`integrity management in the browser, ${viewport.width}×${viewport.height}`, () => {
  const b = browserApp();

  test('result, recommendation, measure with evidence, done, and a report that contains it', async () => {
    const { page, problems } = await b.newPage(viewport);
    await b.signIn(page, 'integrity');

    await page.goto(`${b.base}/staff/integrity`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'ปีงบประมาณ 2570' }).first().click();
    assert.match(await page.locator('main').innerText(), /ผลการประเมิน ITA ของปี 2570/, 'the report says the result is missing');
    await expectAccessible(page);

    // a wrong score is refused on its field; then the result is recorded
    await page.getByLabel(/^IIT/).fill('192.5');
    await page.getByLabel(/^EIT/).fill('88');
    await page.getByLabel(/^OIT/).fill('90');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).first().click();
    assert.match(await page.locator('.error-summary').innerText(), /คะแนนต้องอยู่ระหว่าง 0 ถึง 100/);
    await expectAccessible(page);
    await page.getByLabel(/^IIT/).fill('92.5');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).first().click();
    // 0.3·92.5 + 0.3·88 + 0.4·90 = 90.15
    assert.match(await page.locator('.flash').innerText(), /บันทึกผลการประเมินแล้ว: 90\.15 คะแนน/);

    // a recommendation under heading 2
    await page.getByRole('link', { name: /^2\. / }).click();
    await expectAccessible(page);
    await page.getByLabel(/^ข้อเสนอแนะของผู้ประเมิน/).fill('หน่วยงานควรเผยแพร่คู่มือการเบิกจ่ายเงินที่ประชาชนเข้าใจง่าย');
    await page.getByRole('button', { name: 'เพิ่มข้อเสนอแนะ' }).click();
    assert.match(await page.locator('.flash').innerText(), /เพิ่มข้อเสนอแนะแล้ว/);
    const headingUrl = page.url();

    // a measure: first without an owner, then with one
    await page.getByRole('link', { name: 'เพิ่มมาตรการ' }).click();
    await expectAccessible(page);
    await page.getByLabel(/^มาตรการ\/กิจกรรม\/โครงการ/).fill(MEASURE);
    await page.getByLabel(/^ตอบข้อเสนอแนะ/).selectOption({ label: 'หน่วยงานควรเผยแพร่คู่มือการเบิกจ่ายเงินที่ประชาชนเข้าใจง่าย' });
    // dates typed as Thai officers type them: B.E. years, a month by name, Thai digits
    await fillDate(page, /^วันเริ่ม/, { day: '01', month: '12', year: '2569' });
    await fillDate(page, /^กำหนดเสร็จ/, { day: '๒๘', month: 'ก.พ.', year: '2570' });
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    assert.match(await page.locator('.error-summary').innerText(), /ระบุผู้รับผิดชอบหรือหน่วยงานรับผิดชอบ/);
    await expectAccessible(page);
    await page.getByLabel(/^หน่วยงานรับผิดชอบ/).selectOption({ label: 'กองคลัง' });
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    assert.match(await page.locator('.flash').innerText(), /บันทึกมาตรการแล้ว/);
    assert.deepEqual(await dateShown(page, /^วันเริ่ม/), ['1', '12', '2569'], 'the same dates come back, in B.E.');
    assert.deepEqual(await dateShown(page, /^กำหนดเสร็จ/), ['28', '2', '2570']);
    await expectAccessible(page);

    // progress, then done with its summary
    await fillDate(page, /^วันที่/, { day: '15', month: 'ธันวาคม', year: '2569' });
    await page.locator('#f-ms-note').fill('ร่างคู่มือเสร็จ เสนอผู้อำนวยการกองคลัง');
    await page.locator('#f-ms-percent').fill('60');
    await page.getByRole('button', { name: 'บันทึกความคืบหน้า' }).click();
    assert.match(await page.locator('.timeline').innerText(), /15 ธันวาคม 2569 — ร่างคู่มือเสร็จ/);
    await page.getByLabel(/^สถานะ/).selectOption({ label: 'ดำเนินการแล้ว' });
    await page.getByLabel(/^สรุปผลการดำเนินการ/).fill('เผยแพร่คู่มือการเบิกจ่ายเงินฉบับประชาชนบนเว็บไซต์แล้ว');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).first().click();
    assert.match(await page.locator('.flash').innerText(), /บันทึกมาตรการแล้ว/);

    // the outcome and its evidence: a published document of the agency
    await page.goto(headingUrl);
    await page.getByLabel(/^ผลลัพธ์\/ความสำเร็จ/).fill('ประชาชนเข้าถึงคู่มือการเบิกจ่ายเงินได้ทางเว็บไซต์');
    await page.getByRole('button', { name: 'เพิ่มผลลัพธ์' }).click();
    await page.getByLabel(/^ชื่อหลักฐาน/).fill('ข้อบัญญัติงบประมาณรายจ่ายประจำปี');
    await page.getByLabel(/^หน้ารายการ OIT/).fill('2567/O11');
    await page.getByRole('button', { name: 'เพิ่มหลักฐาน' }).click();
    assert.match(await page.locator('.flash').innerText(), /เพิ่มหลักฐานแล้ว/);
    assert.match(await page.locator('main').innerText(), new RegExp(`${MEASURE} ดำเนินการแล้ว`));
    await expectAccessible(page);

    // the report preview contains all of it
    await page.getByRole('link', { name: 'ปีงบประมาณ 2570' }).click();
    const href = await page.getByRole('link', { name: 'ดูตัวอย่าง PDF' }).first().getAttribute('href');
    const res = await page.context().request.get(`${b.base}${href}`);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-e2e-')), 'report.pdf');
    fs.writeFileSync(file, await res.body());
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    fs.rmSync(path.dirname(file), { recursive: true });
    for (const s of [MEASURE, 'เผยแพร่คู่มือการเบิกจ่ายเงินฉบับประชาชนบนเว็บไซต์แล้ว', 'ประชาชนเข้าถึงคู่มือการเบิกจ่ายเงินได้ทางเว็บไซต์', `${b.t.config.baseUrl}/oit/2567/O11`, '90.15']) {
      assert.ok(text.includes(s.replace(/\s+/g, '')), `report has: ${s}`);
    }
    await expectAccessible(page);
    for (const u of ['/staff/integrity/2570/risks', '/staff/integrity/2570/projects', '/staff/integrity/2570/ethics', '/integrity', '/integrity/2567', '/integrity/2570/report.pdf']) {
      await page.goto(`${b.base}${u}`);
      await expectAccessible(page);
    }
    assert.deepEqual(unexpected(problems, b.base, [['/integrity/2570/report.pdf', 404], ['/staff/integrity/2570/result', 422], [/^\/staff\/integrity\/headings\/\d+\/measures\/new$/, 422]]), [], 'no console errors but the unpublished report and the refused forms asked for');
  });
});
