// Browser: the demo's survey window covers today. The public EIT page, the home page's block and the A4 poster (its
// QR code large when printed, the screen-only help hidden) at 390 and 1280 px, in Thai and English; a member of
// staff's IIT page with its QR code; the settings form refusing an http link; and the pre-assessment answered on a
// phone, first with a question left out. Axe on every page; no console errors (a CSP violation would be one).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';
import { fiscalYear } from '../../src/platform/thai/index.ts';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };

describe('ITA surveys in the browser', () => {
  const b = browserApp();

  test('the public EIT page, the home block and the poster pass axe at 390 and 1280 px; the printed QR code is large', async () => {
    for (const viewport of [PHONE, WIDE]) {
      const { page, problems } = await b.newPage(viewport);
      await page.goto(`${b.base}/`);
      assert.match(await page.locator('#home-ita-survey').innerText(), /ร่วมประเมินคุณธรรมและความโปร่งใสของหน่วยงาน \(ITA\)/);
      await expectAccessible(page);

      await page.goto(`${b.base}/ita-survey`);
      assert.match(await page.locator('h1').innerText(), /แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก \(EIT\)/);
      const qr = page.getByRole('img', { name: 'คิวอาร์โค้ดเปิดแบบวัด EIT ของสำนักงาน ป.ป.ช.' });
      const box = (await qr.boundingBox())!;
      assert.ok(box.width >= 200 && box.width <= viewport.width, `the QR code is drawn and fits: ${box.width}px`);
      assert.equal(await page.getByRole('link', { name: 'ตอบแบบวัด EIT' }).getAttribute('href'), 'https://itas.nacc.go.th/go/eit/7QK4MD');
      await expectAccessible(page);

      await page.goto(`${b.base}/ita-survey/poster`);
      assert.match(await page.locator('.poster h1').innerText(), /ขอเชิญร่วมตอบแบบวัด/);
      assert.ok(await page.locator('.poster-help').isVisible(), 'the help shows on screen');
      await expectAccessible(page);
      await page.emulateMedia({ media: 'print' });
      const printed = (await page.locator('svg.poster-qr').boundingBox())!;
      // 105 mm at 96 px per inch is about 397 px: a code that reads from across a counter
      assert.ok(printed.width > 380 && printed.width < 420, `printed QR code ${printed.width}px`);
      assert.ok(!(await page.locator('.poster-help').isVisible()), 'the help is not printed');
      await page.emulateMedia({ media: 'screen' });

      // English: the page in English, the poster still Thai
      await page.goto(`${b.base}/lang/en?next=/ita-survey`);
      assert.match(await page.locator('h1').innerText(), /Answer the external stakeholder survey \(EIT\), fiscal year B\.E\. \d{4}/);
      await expectAccessible(page);
      await page.goto(`${b.base}/ita-survey/poster`);
      assert.equal(await page.locator('.poster').getAttribute('lang'), 'th');
      await expectAccessible(page);
      assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors (no CSP violation)');
    }
  });

  test('staff: the IIT page, the settings form, the rounds and their results, and the pre-assessment answered on a phone', async () => {
    const year = fiscalYear();
    const { page, problems } = await b.newPage(PHONE);
    await b.signIn(page, 'admin');
    await page.goto(`${b.base}/staff`);
    await page.getByRole('link', { name: /ตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน \(IIT\).*รหัสเข้าตอบ 7QK4MD/ }).click();
    assert.ok(await page.getByRole('img', { name: 'คิวอาร์โค้ดเปิดแบบวัด IIT ของสำนักงาน ป.ป.ช.' }).isVisible());
    await expectAccessible(page);

    await page.goto(`${b.base}/staff/surveys/settings/${year}`);
    await expectAccessible(page);
    await page.getByLabel(/^ลิงก์แบบวัด EIT/).fill('http://itas.nacc.go.th/go/eit/7QK4MD');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /ลิงก์แบบวัด EIT: ลิงก์ต้องขึ้นต้นด้วย https:\/\//);
    await expectAccessible(page);

    await page.goto(`${b.base}/staff/surveys/rounds`);
    await expectAccessible(page);
    await page.getByRole('link', { name: new RegExp(`ปีงบประมาณ พ\\.ศ\\. ${year} รอบที่ 1`) }).click();
    assert.match(await page.locator('main').innerText(), /การใช้ทรัพย์สินของราชการ\s+78\.89\s+มีแนวโน้มได้คะแนนต่ำ/);
    await expectAccessible(page);

    // a new round, answered on the phone
    await page.goto(`${b.base}/staff/surveys/rounds`);
    await page.getByRole('button', { name: 'เปิดรอบการประเมิน' }).click();
    assert.match(await page.locator('.flash').innerText(), /เปิดรอบการประเมินตนเองแล้ว/);
    await page.goto(`${b.base}/staff/surveys`);
    await page.getByRole('link', { name: /^ตอบแบบประเมินตนเองภายใน/ }).click();
    await expectAccessible(page);
    const firstChoices = page.locator('fieldset div.check:first-of-type input[type="radio"]');
    assert.equal(await firstChoices.count(), 30);
    for (let i = 0; i < 30; i++) if (i !== 6) await firstChoices.nth(i).check();
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /ข้อ 7: กรุณาเลือกคำตอบ/);
    await expectAccessible(page);
    await page.locator('.error-summary a').first().click();
    await page.getByRole('group', { name: /^7\. / }).getByLabel('น้อย', { exact: true }).check();
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    assert.match(await page.locator('.flash').innerText(), /ส่งคำตอบแล้ว ขอบคุณ/);
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, [['/staff/surveys/settings/' + year, 422], ['/staff/surveys/pre-assessment', 422]]), []);
  });
});
