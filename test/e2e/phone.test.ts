// Browser, phones (issue #13, item 5): the main menu folds into a "เมนู" button without JavaScript, staff and public
// tables become labelled cards, dates, badges and codes never wrap inside; at 1280 px the menu is a plain bar and
// tables are tables. Axe on every page at both widths. SCREENSHOTS=1 also saves docs/screenshots/phone-home.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { browserApp, expectAccessible, screenshot, unexpected } from '../support/browser.ts';

/** The browser globals the evaluate() callbacks use (they run in the page; the project compiles without the DOM library). */
interface Win {
  document: { createRange(): { selectNodeContents(node: unknown): void; getClientRects(): ArrayLike<{ top: number; width: number }> } };
  getComputedStyle(el: unknown, pseudo?: string): { display: string; content: string; outlineStyle: string; outlineWidth: string };
}

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };

/** The names of the links in a menu that a person can see. */
function visibleLinks(nav: Locator): Promise<string[]> {
  return nav.locator('a').evaluateAll((as) => as.filter((a) => a.checkVisibility() && a.getBoundingClientRect().height > 0).map((a) => (a.textContent ?? '').trim()));
}

/** No sideways scrolling: the page is no wider than the screen (WCAG 1.4.10 reflow). */
async function fitsWidth(page: Page): Promise<void> {
  const [scroll, width] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  assert.ok(scroll <= width, `${page.url()} is ${scroll} px wide on a ${width} px screen`);
}

/** How many lines an element's text takes (its text boxes, grouped by their top edge); ::before labels are not counted. */
function lines(el: Locator): Promise<number> {
  return el.evaluate((e) => {
    const r = (globalThis as unknown as Win).document.createRange();
    r.selectNodeContents(e);
    return new Set(Array.from(r.getClientRects()).filter((b) => b.width > 0).map((b) => Math.round(b.top))).size;
  });
}

/** Gives an element's container a narrow width (through the CSSOM, which the page's CSP allows) to see what wraps. */
async function squeeze(el: Locator, width: string): Promise<void> {
  await el.evaluate((e, w) => {
    e.parentElement.style.width = w;
  }, width);
}

describe('phones in the browser', () => {
  const b = browserApp();

  test('public pages on a phone: the menu is folded, opens with the keyboard or a tap, and its links work', async () => {
    const { page, problems } = await b.newPage(PHONE);
    await page.goto(`${b.base}/`);
    const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
    const summary = nav.locator('summary');
    assert.equal((await summary.innerText()).trim(), 'เมนู');
    assert.deepEqual(await visibleLinks(nav), [], 'the menu is folded on a phone');
    const box = (await summary.boundingBox())!;
    assert.ok(box.height >= 44 && box.width >= 44, `the menu button is at least 44 px (${box.width}×${box.height})`);
    await fitsWidth(page);
    await expectAccessible(page);
    await screenshot(page, 'phone-home');

    // the keyboard reaches the button, shows where it is, and opens the menu
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.tagName')) !== 'SUMMARY'; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.tagName'), 'SUMMARY', 'the menu button is in the tab order');
    const focus = (await summary.evaluate((s) => {
      const st = (globalThis as unknown as Win).getComputedStyle(s);
      return [s.matches(':focus-visible'), st.outlineStyle, parseFloat(st.outlineWidth)];
    })) as [boolean, string, number];
    assert.deepEqual(focus, [true, 'solid', 3], 'a visible focus outline on the menu button');
    await page.keyboard.press('Enter');
    const links = await visibleLinks(nav);
    assert.ok(links.includes('หน้าแรก') && links.includes('ติดต่อเรา') && links.includes('ข้อมูลเปิด'), `the opened menu shows its links: ${links.join(', ')}`);
    assert.equal(new Set(links).size, links.length, 'each link once: the wide-screen copy stays hidden');
    const home = (await nav.getByRole('link', { name: 'หน้าแรก', exact: true }).boundingBox())!;
    assert.ok(home.height >= 44 && home.width >= 200, 'menu links are full-width targets at least 44 px high');
    await expectAccessible(page);
    await nav.getByRole('link', { name: 'ติดต่อเรา', exact: true }).click();
    assert.equal(await page.locator('h1').innerText(), 'ติดต่อเรา');
    assert.deepEqual(await visibleLinks(nav), [], 'folded again on the next page');
    await expectAccessible(page);

    // a tap opens it too
    await summary.click();
    await nav.getByRole('link', { name: 'ผู้บริหาร', exact: true }).click();
    assert.equal(await page.locator('h1').innerText(), 'ข้อมูลผู้บริหาร');
    await fitsWidth(page);
    await expectAccessible(page);

    // a public table as cards: the ITA result by year
    await page.goto(`${b.base}/integrity`);
    await fitsWidth(page);
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors');
  });

  test('staff pages on a phone: the folded staff menu, tables as labelled cards, dates and badges on one line', async () => {
    const { page, problems } = await b.newPage(PHONE);
    await b.signIn(page, 'publisher');
    await page.goto(`${b.base}/staff/content`);
    const nav = page.getByRole('navigation', { name: 'เมนูเจ้าหน้าที่' });
    assert.deepEqual(await visibleLinks(nav), [], 'the staff menu is folded on a phone');
    await fitsWidth(page);
    await expectAccessible(page);

    // the table: each row is a card, each value under its column header
    const table = page.locator('main table').first();
    const headers = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => (th.textContent ?? '').trim()));
    assert.deepEqual(headers.slice(0, 3), ['ชื่อเรื่อง (ไทย)', 'ประเภท', 'สถานะ']);
    const row = table.locator('tbody tr').first();
    const cells = await row.locator('td').evaluateAll((tds) =>
      tds.map((td) => ({ display: (globalThis as unknown as Win).getComputedStyle(td).display, label: td.getAttribute('data-label'), before: (globalThis as unknown as Win).getComputedStyle(td, '::before').content, top: td.getBoundingClientRect().top })),
    );
    assert.equal(cells.length, headers.length);
    cells.forEach((c, i) => {
      assert.equal(c.display, 'block', `cell ${i} is a block in the card`);
      assert.equal(c.label, headers[i]);
      assert.equal(c.before, JSON.stringify(headers[i]), `cell ${i} shows its header "${headers[i]}" as a label`);
      if (i) assert.ok(c.top > cells[i - 1]!.top, `cell ${i} is below the one before`);
    });
    assert.ok(((await table.locator('thead').boundingBox())?.height ?? 0) <= 1, 'the header row is only for screen readers');
    // the date (last change) on one line
    assert.equal(await lines(row.locator('td').last()), 1, 'the date does not wrap');

    // opening the menu and following a link
    await nav.locator('summary').click();
    const links = await visibleLinks(nav);
    assert.ok(links.includes('หน้าเจ้าหน้าที่') && links.includes('เอกสาร ข่าว และหน้าเว็บ'), `the opened staff menu shows its links: ${links.join(', ')}`);
    assert.deepEqual(await nav.locator('a[aria-current="page"]').evaluateAll((as) => as.filter((a) => a.checkVisibility()).map((a) => a.textContent)), ['เอกสาร ข่าว และหน้าเว็บ'], 'one current page');
    await expectAccessible(page);

    // badges and codes never wrap inside, even in a narrow place
    await row.locator('td a').first().click();
    const badge = page.locator('main .tag').last();
    const code = page.locator('main code').first();
    await fitsWidth(page);
    await expectAccessible(page);
    assert.equal(await lines(badge), 1, 'the status badge is on one line');
    assert.equal(await lines(code), 1, 'the page address is on one line');
    await squeeze(badge, '3rem');
    assert.equal(await lines(badge), 1, 'the status badge stays on one line in a narrow place');

    await nav.locator('summary').click();
    await nav.getByRole('link', { name: 'หน้าเจ้าหน้าที่', exact: true }).click();
    assert.match(await page.locator('h1').innerText(), /^สวัสดี/);
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors');
  });

  test('the audit trail on a phone: times stay on one line in the cards', async () => {
    const { page, problems } = await b.newPage(PHONE);
    await b.signIn(page, 'admin');
    await page.goto(`${b.base}/staff/audit`);
    await fitsWidth(page);
    await expectAccessible(page);
    const time = page.locator('main table time').first();
    assert.equal(await time.evaluate((t) => (globalThis as unknown as Win).getComputedStyle(t.closest('td')!).display), 'block');
    assert.equal(await lines(time), 1, 'the time does not wrap');
    await squeeze(time, '4rem');
    assert.equal(await lines(time), 1, 'the time stays on one line in a narrow place');
    assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors');
  });

  test('wide screens: the menu is a horizontal bar with no menu button, tables are tables', async () => {
    const { page, problems } = await b.newPage(WIDE);
    await page.goto(`${b.base}/`);
    const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
    assert.equal(await nav.locator('summary').isVisible(), false, 'no menu button on a wide screen');
    const links = await visibleLinks(nav);
    assert.ok(links.length >= 5 && links[0] === 'หน้าแรก', `the menu links are shown: ${links.join(', ')}`);
    assert.equal(new Set(links).size, links.length, 'each link once: the folded copy stays hidden');
    const tops = await nav.locator('a').evaluateAll((as) => as.filter((a) => a.checkVisibility()).slice(0, 4).map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, 'the first links sit side by side');
    await expectAccessible(page);
    await nav.getByRole('link', { name: 'ติดต่อเรา', exact: true }).click();
    assert.equal(await page.locator('h1').innerText(), 'ติดต่อเรา');
    await page.goto(`${b.base}/integrity`);
    await expectAccessible(page);

    await b.signIn(page, 'publisher');
    await page.goto(`${b.base}/staff/content`);
    const staffNav = page.getByRole('navigation', { name: 'เมนูเจ้าหน้าที่' });
    assert.equal(await staffNav.locator('summary').isVisible(), false);
    assert.ok((await visibleLinks(staffNav)).includes('เอกสาร ข่าว และหน้าเว็บ'));
    const table = page.locator('main table').first();
    assert.equal(await table.locator('tbody td').first().evaluate((td) => (globalThis as unknown as Win).getComputedStyle(td).display), 'table-cell');
    assert.equal(await table.locator('tbody td').first().evaluate((td) => (globalThis as unknown as Win).getComputedStyle(td, '::before').content), 'none', 'no labels in a real table');
    assert.ok(((await table.locator('thead').boundingBox())?.height ?? 0) > 20, 'the header row is shown');
    await expectAccessible(page);
    assert.deepEqual(unexpected(problems, b.base, []), [], 'no console errors');
  });
});
