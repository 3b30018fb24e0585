// Browser: search ranks a title match first (issue #13, item 6, Done when). An older news item has the word in its
// title, a newer one only in its body; a visitor searches at 390 and 1280 px: the title match is listed first, the
// first result fits on the first phone screen, and axe finds nothing.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserApp, expectAccessible, unexpected } from '../support/browser.ts';
import { staff } from '../support/fixtures.ts';
import { approveContent, createContent, submitContent, type ContentInput } from '../../src/modules/publishing/index.ts';
import { fiscalYear } from '../../src/platform/thai/index.ts';

const WORD = 'ผักตบชวา';
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };

describe('search ranking in the browser', () => {
  const b = browserApp();

  before(async () => {
    const writer = await staff(b.t.p, ['publisher']);
    const boss = await staff(b.t.p, ['executive']);
    const fy = fiscalYear(new Date());
    const publish = async (over: Partial<ContentInput>) => {
      const id = await createContent(b.t.p, writer, {
        kind: 'news', slug: '', title_th: '', title_en: '', summary_th: '', summary_en: '', body_format: 'markdown', body_th: '', body_en: '',
        category: 'announcement', fiscal_year: fy, period: null, is_signoff_required: false, signoff_name: '', signoff_position: '', signoff_date: null, ...over,
      });
      const c = await submitContent(b.t.p, writer, id);
      await approveContent(b.t.p, boss, id, null, c.revision);
    };
    // the title match is published first, so it is the older of the two
    await publish({ slug: 'search-rank-title', title_th: `โครงการกำจัด${WORD}ในลำน้ำปาว`, body_th: 'เจ้าหน้าที่ลงพื้นที่ร่วมกับชุมชนริมน้ำ' });
    await publish({ slug: 'search-rank-body', title_th: 'ข่าวกิจกรรมจิตอาสาประจำเดือน', body_th: `อาสาสมัครร่วมเก็บ${WORD}และขยะริมตลิ่ง` });
  });

  for (const viewport of [PHONE, WIDE]) {
    test(`${viewport.width}×${viewport.height}: a title match comes before a newer body match`, async () => {
      const { page, problems } = await b.newPage(viewport);
      await page.goto(`${b.base}/search`);
      await expectAccessible(page);
      await page.getByLabel('คำค้น').fill(WORD);
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      const results = page.locator('.search-results > li');
      assert.deepEqual(await results.locator('.item-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['/news/search-rank-title', '/news/search-rank-body'], 'the older title match first');
      assert.equal(await results.first().locator('.item-title mark').innerText(), WORD, 'the match is marked in the title');
      assert.equal(await results.nth(1).locator('p mark').first().innerText(), WORD, 'and in the snippet of the body match');
      if (viewport === PHONE) {
        const box = await results.first().boundingBox();
        assert.ok(box && box.y + box.height <= PHONE.height, `the first result ends at ${box && box.y + box.height} px, within the first ${PHONE.height} px`);
      }
      await expectAccessible(page);
      assert.deepEqual(unexpected(problems, b.base, []), []);
    });
  }
});
