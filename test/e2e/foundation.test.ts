// Browser tests: home page, login with 2FA, an admin creates a user, the language switch — with axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';

describe('foundation in the browser', () => {
  const b = browserApp();
  const { newPage, signIn } = b;

  test('home and public pages on a phone: accessible, Thai, no console errors', async () => {
    const { page, problems } = await newPage({ width: 375, height: 740 });
    await page.goto(`${b.base}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'th');
    assert.match(await page.locator('h1').innerText(), /ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนจังหวัดกาฬสินธุ์/);
    await expectAccessible(page);
    // the skip link is the first thing a keyboard reaches
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.className'), 'skip-link');
    for (const [link, heading] of [['โครงสร้างหน่วยงาน', 'โครงสร้างหน่วยงาน'], ['ผู้บริหาร', 'ข้อมูลผู้บริหาร'], ['ติดต่อเรา', 'ติดต่อเรา']]) {
      // on a phone the menu is folded: open it first
      await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByText('เมนู', { exact: true }).click();
      await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: link, exact: true }).click();
      assert.equal(await page.locator('h1').innerText(), heading);
      await expectAccessible(page);
    }
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByText('เมนู', { exact: true }).click();
    const target = await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'หน้าแรก', exact: true }).boundingBox();
    assert.ok(target && target.height >= 44, 'navigation targets are at least 44 px high');
    await page.goto(`${b.base}/no-such-page`);
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, [['/no-such-page', 404]]), [], 'no console errors but the 404 page asked for');
  });

  test('language switch: English is remembered across pages, then back to Thai', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${b.base}/about/executives`);
    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Executives');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Contact us' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Contact us');
    await page.getByRole('link', { name: 'ภาษาไทย' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'th');
    assert.equal(await page.locator('h1').innerText(), 'ติดต่อเรา');
    assert.deepEqual(problems, []);
  });

  test('login with two-step verification', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${b.base}/login`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click(); // empty form: the browser's required check stops it
    await page.getByLabel('ชื่อผู้ใช้').fill('integrity');
    await page.getByLabel('รหัสผ่าน').fill('wrong password');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    assert.match(await page.getByRole('alert').innerText(), /ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง/);
    await expectAccessible(page);
    await signIn(page, 'integrity');
    await page.goto(`${b.base}/account/2fa`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'เปิดใช้งานการยืนยันตัวตนสองขั้นตอน' }).click();
    await expectAccessible(page);
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    // this step's code (the server takes a step either side, so a slow round trip may cross into the next one); the
    // sign-in below uses the next step's, since a step once used is refused
    await page.getByLabel('รหัสยืนยัน').fill(totpCode(secret));
    await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    assert.match(await page.getByRole('status').first().innerText(), /ออกจากระบบแล้ว/);

    await signIn(page, 'integrity');
    assert.match(page.url(), /\/login\/2fa/);
    assert.equal(await page.locator('h1').innerText(), 'ยืนยันตัวตนขั้นที่สอง');
    await expectAccessible(page);
    await page.getByLabel('รหัสยืนยัน').fill('000001');
    await page.getByRole('button', { name: 'ยืนยัน' }).click();
    assert.match(await page.locator('.field-error').innerText(), /รหัสยืนยันไม่ถูกต้อง/);
    await expectAccessible(page);
    await page.getByLabel('รหัสยืนยัน').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'ยืนยัน' }).click();
    assert.match(page.url(), /\/staff$/);
    assert.match(await page.locator('h1').innerText(), /สวัสดี นายคุณธรรม ตรวจสอบ/);
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, [['/login?next=%2Fstaff', 401], ['/login', 401], ['/login/2fa', 401], ['/account/2fa/confirm', 422]]), [], 'no console errors but the refused sign-ins and code asked for');
  });

  test('an admin creates a user, who then signs in and sets a password', async () => {
    const { page, problems } = await newPage();
    await signIn(page, 'admin');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'ผู้ใช้และสิทธิ์' }).first().click();
    assert.equal(await page.locator('h1').innerText(), 'ผู้ใช้และสิทธิ์');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'เพิ่มผู้ใช้' }).click();
    await expectAccessible(page);
    await page.getByLabel('ชื่อผู้ใช้').fill('ผิดรูปแบบ');
    await page.getByLabel('ชื่อที่แสดง').fill('นางสาวใจดี มีสุข');
    await page.getByLabel('อีเมล').fill('jaidee@kalasin-pao.example');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    // the server re-shows the form: error summary first, messages on the fields
    assert.match(await page.locator('.error-summary').innerText(), /ชื่อผู้ใช้: ใช้ได้เฉพาะ a–z/);
    assert.match(await page.locator('.error-summary').innerText(), /บทบาท: เลือกบทบาทอย่างน้อยหนึ่งบทบาท/);
    await expectAccessible(page);
    await page.getByLabel('ชื่อผู้ใช้').fill('jaidee');
    await page.getByLabel('ผู้เผยแพร่ข้อมูล').check();
    await page.getByLabel('ผู้บริหาร', { exact: true }).check();
    await page.getByRole('button', { name: 'บันทึก' }).click();
    assert.match(await page.locator('h1').innerText(), /รหัสผ่านชั่วคราวของ jaidee/);
    await expectAccessible(page);
    const temp = (await page.locator('#temp-password').innerText()).trim();

    const other = await newPage();
    await signIn(other.page, 'jaidee', temp);
    assert.match(other.page.url(), /\/account\/password$/);
    await expectAccessible(other.page);
    await other.page.getByLabel('รหัสผ่านปัจจุบัน').fill(temp);
    await other.page.getByLabel(/^รหัสผ่านใหม่/).fill('ใจดีมีสุข-รหัสใหม่-2570');
    await other.page.getByLabel('ยืนยันรหัสผ่านใหม่').fill('ใจดีมีสุข-รหัสใหม่-2570');
    await other.page.getByRole('button', { name: 'บันทึก' }).click();
    assert.match(await other.page.locator('h1').innerText(), /สวัสดี นางสาวใจดี มีสุข/);
    assert.match(await other.page.locator('main').innerText(), /ผู้เผยแพร่ข้อมูล, ผู้บริหาร/);
    await expectAccessible(other.page);

    await page.goto(`${b.base}/staff/audit`);
    await expectAccessible(page);
    assert.match(await page.locator('table').innerText(), /created jaidee with roles publisher, executive/);
    assert.deepEqual(unexpected([...problems, ...other.problems], b.base, [['/staff/users/new', 422]]), [], 'no console errors but the refused form asked for');
  });
});
