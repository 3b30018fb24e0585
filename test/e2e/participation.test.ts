// Browser, a consultation from start to report: a member of staff creates an online consultation (Thai date inputs,
// closing date and time) and publishes it; a citizen on a phone finds it on /participation, first forgets the consent
// (refused with a message, the text kept), then comments anonymously and gets the confirmation; staff approve the
// comment and record what was proposed with the agency's response; the citizen sees the comment and the "you said,
// we did" section, and the yearly report lists it. Axe on every page, public pages at 390 and 1280 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, fillDate, unexpected } from '../support/browser.ts';
import { fiscalYear } from '../../src/platform/thai/index.ts';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const TITLE = 'รับฟังความคิดเห็นโครงการปรับปรุงสวนสาธารณะหนองน้ำใหญ่';
const COMMENT = 'ขอให้เพิ่มทางลาดสำหรับรถเข็นและไฟส่องสว่างรอบสวน';
const RESPONSE = 'เพิ่มทางลาดสามจุดและไฟส่องสว่างในแบบก่อสร้างแล้ว';

/** A Bangkok day some days from now, as day, month and B.E. year. */
function bangkokParts(days: number): { day: string; month: string; year: string } {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear() + 543) };
}

describe('a participation consultation in the browser', () => {
  const b = browserApp();

  test('published by staff, commented on by a citizen, moderated, answered ("you said, we did") and reported; axe finds nothing', async () => {
    const { page: s, problems: staffProblems } = await b.newPage(WIDE);
    await b.signIn(s, 'integrity');
    await s.goto(`${b.base}/staff/participation`);
    await expectAccessible(s);
    await s.getByRole('link', { name: 'เพิ่มกิจกรรม' }).click();
    await expectAccessible(s);
    await s.getByLabel(/^รูปแบบกิจกรรม/).selectOption({ label: 'การรับฟังความคิดเห็น' });
    await s.getByLabel(/^ชื่อกิจกรรม \(จำเป็น\)/).fill(TITLE);
    await s.getByLabel(/^แผนหรือโครงการที่เกี่ยวข้อง\s*$/).fill('โครงการปรับปรุงสวนสาธารณะหนองน้ำใหญ่ ปีงบประมาณ พ.ศ. 2570');
    await s.getByLabel(/^รายละเอียด\s*$/).fill('ขอรับฟังความคิดเห็นต่อแบบปรับปรุงสวนสาธารณะ ก่อนจัดทำรายละเอียดโครงการ');
    await fillDate(s, /^วันที่จัดหรือวันที่เริ่มรับฟัง/, bangkokParts(-1));
    await s.getByLabel(/^สถานที่\s*$/).fill('ออนไลน์ ทางเว็บไซต์');
    await s.getByLabel(/^รับความคิดเห็นทางเว็บไซต์/).check();
    await fillDate(s, /^ปิดรับความคิดเห็น/, { ...bangkokParts(7), time: '16:30' });
    await s.getByLabel(/^สถานะ/).selectOption({ label: 'เปิดรับฟังความคิดเห็น' });
    await s.getByRole('button', { name: 'สร้างกิจกรรม' }).click();
    assert.match(await s.locator('.flash').innerText(), /สร้างกิจกรรมแล้ว/);
    await expectAccessible(s);
    await s.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
    assert.match(await s.locator('.flash').innerText(), /เผยแพร่กิจกรรมแล้ว/);
    const activityUrl = s.url();

    // a citizen on a phone
    const { page: c, problems: citizenProblems } = await b.newPage(PHONE);
    await c.goto(`${b.base}/participation`);
    await expectAccessible(c);
    await c.getByRole('link', { name: TITLE }).click();
    assert.match(await c.locator('h1').innerText(), new RegExp(TITLE));
    assert.match(await c.locator('#comments').locator('..').innerText(), /เปิดรับความคิดเห็นถึง \d{1,2} \S+ 25\d\d/);
    await expectAccessible(c);
    const slugPath = new URL(c.url()).pathname;
    await c.getByLabel(/^ความคิดเห็นหรือข้อเสนอ/).fill(COMMENT);
    await c.getByRole('button', { name: 'ส่งความคิดเห็น' }).click();
    assert.match(await c.locator('.error-summary').innerText(), /ทำเครื่องหมายยินยอมก่อนส่ง/);
    assert.equal(await c.getByLabel(/^ความคิดเห็นหรือข้อเสนอ/).inputValue(), COMMENT, 'what was typed stays');
    await expectAccessible(c);
    await c.getByLabel(/^ข้าพเจ้าได้อ่านและยินยอม/).check();
    await c.getByRole('button', { name: 'ส่งความคิดเห็น' }).click();
    assert.match(await c.locator('h1').innerText(), /ได้รับความคิดเห็นของท่านแล้ว/);
    await expectAccessible(c);
    await c.goto(`${b.base}${slugPath}`);
    assert.doesNotMatch(await c.locator('main').innerText(), new RegExp(COMMENT), 'not shown before moderation');

    // staff approve it and answer the proposal
    await s.goto(activityUrl);
    await s.getByRole('link', { name: /^ความคิดเห็นรอตรวจ \(1\)$/ }).click();
    await expectAccessible(s);
    const card = s.locator('li.card').filter({ hasText: COMMENT });
    assert.match(await card.innerText(), /ไม่ประสงค์ออกนาม/);
    await card.getByRole('button', { name: 'อนุมัติให้แสดง' }).click();
    assert.match(await s.locator('.flash').innerText(), /บันทึกผลการตรวจแล้ว/);
    await s.goto(activityUrl);
    await s.getByLabel(/^ข้อเสนอของผู้เข้าร่วม/).fill('เพิ่มทางลาดสำหรับรถเข็นและไฟส่องสว่างรอบสวน');
    await s.getByLabel(/^ผู้เสนอ\s*$/).fill('ความคิดเห็นทางเว็บไซต์');
    await s.getByLabel(/^การดำเนินการ/).selectOption({ label: 'ดำเนินการแล้ว' });
    await s.getByLabel(/^สิ่งที่หน่วยงานดำเนินการ/).fill(RESPONSE);
    await s.getByRole('button', { name: 'บันทึกข้อเสนอ' }).click();
    assert.match(await s.locator('.flash').innerText(), /บันทึกข้อเสนอแล้ว/);
    assert.match(await s.locator('section[aria-labelledby="said-did"]').innerText(), new RegExp(RESPONSE));
    await expectAccessible(s);

    // what the public sees, on a phone and on a wide screen, in Thai and in English
    const year = fiscalYear();
    for (const viewport of [PHONE, WIDE]) {
      const { page: pub, problems } = await b.newPage(viewport);
      await pub.goto(`${b.base}${slugPath}`);
      const main = await pub.locator('main').innerText();
      assert.match(main, new RegExp(COMMENT), 'the approved comment');
      const saidDid = await pub.locator('section[aria-labelledby="said-did"]').innerText();
      assert.match(saidDid, /ท่านเสนอ — เราดำเนินการ/);
      assert.match(saidDid, /ดำเนินการแล้ว/);
      assert.match(saidDid, new RegExp(RESPONSE));
      await expectAccessible(pub);
      await pub.goto(`${b.base}/participation`);
      await expectAccessible(pub);
      await pub.getByRole('link', { name: `รายงานผลการเปิดโอกาสให้มีส่วนร่วม ประจำปีงบประมาณ พ.ศ. ${year}` }).click();
      const report = await pub.locator('main').innerText();
      assert.match(report, new RegExp(TITLE));
      assert.match(report, new RegExp(RESPONSE));
      await expectAccessible(pub);
      await pub.goto(`${b.base}/participation/local-development-plan-forum-2569`);
      await expectAccessible(pub);
      await pub.goto(`${b.base}/lang/en?next=${encodeURIComponent(slugPath)}`);
      assert.match(await pub.locator('section[aria-labelledby="said-did"]').innerText(), /You said, we did/);
      await expectAccessible(pub);
      await pub.goto(`${b.base}/participation`);
      await expectAccessible(pub);
      assert.deepEqual(unexpected(problems, b.base, []), []);
    }
    assert.deepEqual(unexpected(citizenProblems, b.base, [[slugPath + '/comments', 422]]), [], 'no console errors but the refused form');
    assert.deepEqual(unexpected(staffProblems, b.base, []), []);
  });
});
