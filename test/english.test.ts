// English that reads (issue #13, item 9): in English, every UI string is English; Thai is left only where there is
// no English version (content typed by staff, proper names), and then it is marked lang="th" (WCAG 3.1.2).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { dbTargets } from './support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from './support/app.ts';
import { unmarkedThai } from './support/html.ts';
import { parseCatalogue } from '../src/modules/oit/index.ts';
import { DEFAULT_RULES, levelIn, withEnglish } from '../src/modules/integrity/rules.ts';
import { fiscalYear, formatDate, formatMonth } from '../src/platform/thai/index.ts';

/** The first link on a page whose address matches. */
function firstLink(html: string, re: RegExp): string {
  const href = parse(html).querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').find((h) => re.test(h));
  assert.ok(href, `a link matching ${re}`);
  return href;
}

const SEARCH = `/search?q=${encodeURIComponent('งบประมาณ')}`;
// the complaints module's public pages; statistics of the fiscal year of today (B.E.)
const COMPLAINTS = ['/complaints', '/complaints/new?type=general', '/complaints/new?type=corruption', '/complaints/follow', `/complaints/statistics/${fiscalYear()}`];

const PAGES = [
  '/', '/about/structure', '/about/executives', '/contact', '/documents', '/news', '/open-data', '/oit', '/oit/2568', '/oit/2568/O1',
  '/integrity', '/integrity/2567', '/staff', '/staff/content', '/staff/content/new?kind=document', '/staff/notices', '/staff/oit/years',
  '/staff/oit/2568', '/staff/oit/2568/O1', '/oit/2569', '/oit/2569/O20', '/staff/oit/2570', '/staff/integrity', '/staff/integrity/2570', '/staff/integrity/2570/risks',
  '/staff/integrity/2570/projects', '/staff/integrity/2570/ethics', '/staff/users', '/staff/audit', '/staff/agency', '/account',
  // results with English titles, Thai titles that have none and Thai snippets (checked to have results below)
  SEARCH, ...COMPLAINTS,
];

const CSV = `code,title_th,title_en,indicator,indicator_en,group,group_en,requirements,requirements_en,recency,note
E1,แผนการจัดซื้อจัดจ้างประจำปี,Annual procurement plan,9 การเปิดเผยข้อมูล,9 Disclosure of information,9.3 การจัดซื้อจัดจ้าง,9.3 Procurement,แผนของปีงบประมาณ | ลงนามโดยหัวหน้าหน่วยงาน,Plan of the fiscal year | Signed by the head of the agency,current_fy,
E2,ข้อมูลสถิติ,,9 การเปิดเผยข้อมูล,,9.3 การจัดซื้อจัดจ้าง,,ครบทุกเดือน,,any,
`;

test('the catalogue imports the English of indicators, groups and requirements, one for each Thai requirement', () => {
  const [e1, e2] = parseCatalogue(Buffer.from(CSV), 2570);
  assert.equal(e1!.indicator_en, '9 Disclosure of information');
  assert.equal(e1!.group_en, '9.3 Procurement');
  assert.deepEqual(e1!.requirements_en, ['Plan of the fiscal year', 'Signed by the head of the agency']);
  assert.deepEqual([e2!.indicator_en, e2!.group_en, e2!.requirements_en], ['', '', []]);
  const json = [{ year: 2570, code: 'J1', title_th: 'ก', indicator_en: 'Indicator', group_en: 'Group', requirements: ['ข', 'ค'], requirements_en: ['B', 'C'] }];
  assert.deepEqual(parseCatalogue(Buffer.from(JSON.stringify(json)), 2570)[0]!.requirements_en, ['B', 'C']);
  assert.throws(() => parseCatalogue(Buffer.from(JSON.stringify([{ ...json[0], requirements_en: ['B'] }])), 2570), /item 1 \(2570 J1\), field requirements_en: as many as requirements/);
});

test('levels have English meanings; stored rules without them take the default one, or show the Thai', () => {
  assert.ok(DEFAULT_RULES.levels.every((l) => l.meaning_en && !/[\u0E00-\u0E7F]/.test(l.meaning_en)));
  const good = DEFAULT_RULES.levels[1]!;
  const { meaning_en: _m, ...stored } = good;
  assert.equal(withEnglish([stored])[0]!.meaning_en, good.meaning_en);
  const edited = withEnglish([{ ...stored, meaning_th: 'ความหมายที่หน่วยงานแก้เอง' }])[0]!;
  assert.equal(edited.meaning_en, '');
  assert.deepEqual(levelIn(edited, 'en'), { name: 'Pass, good', meaning: 'ความหมายที่หน่วยงานแก้เอง' });
});

test('English dates count years in the Buddhist era, like the rest of the English pages', () => {
  assert.equal(formatDate('2026-11-26', { lang: 'en' }), '26 November B.E. 2569');
  assert.equal(formatDate('2026-11-26T04:00:00Z', { lang: 'en', style: 'medium', withTime: true }), '26 Nov B.E. 2569, 11:00');
  assert.equal(formatMonth('2026-10', 'en'), 'October B.E. 2569');
});

for (const target of await dbTargets()) {
  describe(`English pages on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let a: Agent;
    before(async () => {
      t = await startApp(target);
      a = t.agent();
      await a.login('admin');
      a.cookies.set('lang', 'en');
    });
    after(() => t.close());

    /** The pages the test reads: the fixed list and a content page, an integrity heading and a measure found by following links. */
    async function pages(): Promise<string[]> {
      const news = (await a.get('/news')).body;
      const staffContent = (await a.get('/staff/content')).body;
      const year = (await a.get('/staff/integrity/2570')).body;
      const heading = firstLink(year, /^\/staff\/integrity\/headings\/\d+$/);
      const measure = firstLink((await a.get(heading)).body, /^\/staff\/integrity\/measures\/\d+$/);
      return [...PAGES, firstLink(news, /^\/news\/[^/?]+$/), firstLink(staffContent, /^\/staff\/content\/\d+$/), heading, measure];
    }

    test('no Thai outside lang="th" on public and staff pages', async () => {
      const problems: string[] = [];
      for (const url of await pages()) {
        const r = await a.get(url);
        assert.equal(r.status, 200, url);
        assert.match(r.body, /<html lang="en">/, url);
        for (const p of unmarkedThai(r.body)) problems.push(`${url} ${p}`);
      }
      assert.deepEqual(problems, []);
    });

    test('search lists each item once, by its English title when it has one, else its Thai marked Thai', async () => {
      const html = (await a.get(SEARCH)).body;
      const titles = parse(html).querySelectorAll('.search-results .item-title a');
      assert.ok(titles.length > 1, 'the search has results');
      const urls = titles.map((x) => x.getAttribute('href'));
      assert.equal(new Set(urls).size, urls.length, 'no item twice');
      const budget = titles.find((x) => x.getAttribute('href') === '/documents/budget-ordinance-2570');
      assert.equal(budget?.text, 'Budget ordinance FY 2570', 'a document with an English title shows it');
      assert.equal(budget?.getAttribute('lang'), undefined);
      assert.ok(titles.some((x) => x.getAttribute('lang') === 'th'), 'items without an English title show the Thai one, marked');
    });

    test('the language switch is marked Thai', async () => {
      const html = (await a.get('/')).body;
      assert.match(html, /<a class="lang-switch" href="[^"]+" lang="th" hreflang="th">ภาษาไทย<\/a>/);
    });

    test('OIT headings come from the catalogue in English', async () => {
      const text = textOf((await a.get('/oit/2568')).body);
      assert.match(text, /Disclosure of information/);
      assert.match(textOf((await a.get('/staff/oit/2568')).body), /Disclosure of information/);
      const item = textOf((await a.get('/oit/2568/O1')).body);
      assert.match(item, /Sub-indicator Basic information/);
      assert.match(item, /Required elements Shows an organisation chart of the agency's divisions/);
      assert.doesNotMatch(item, /โครงสร้าง/);
    });

    test('levels read in English with their meaning', async () => {
      const text = textOf((await a.get('/integrity/2567')).body);
      assert.match(text, /Pass, good/);
      assert.match(text, /The agency works in line with the ITA indicators and criteria to a high degree\./);
      assert.doesNotMatch(text, /ผ่านดี/);
      assert.match(textOf((await a.get('/staff/integrity')).body), /Pass, good/);
    });

    test('an imported catalogue shows its English; what has none shows the Thai marked as Thai; the English must match the Thai', async () => {
      const o = t.agent();
      await o.login('integrity');
      o.cookies.set('lang', 'en');
      await o.get('/staff/oit/years');
      let r = await o.postMultipart('/staff/oit/import', { year: '2570' }, { file: { name: 'oit-2570.csv', data: Buffer.from(CSV), type: 'text/csv' } });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      const index = (await o.get('/oit/2570')).body;
      assert.match(index, /<h2>9 Disclosure of information<\/h2>/);
      assert.match(index, /<h3>9\.3 Procurement<\/h3>/);
      assert.match(index, /<span lang="th">ข้อมูลสถิติ<\/span>/);
      assert.match(textOf((await o.get('/oit/2570/E1')).body), /Required elements Plan of the fiscal year Signed by the head of the agency/);
      assert.match((await o.get('/oit/2570/E2')).body, /<li lang="th">ครบทุกเดือน<\/li>/);
      assert.deepEqual(unmarkedThai((await o.get('/staff/oit/2570/E1')).body), []);
      // ticks are kept against the Thai: the English labels tick the Thai values
      r = await o.post('/staff/oit/2570/E1/ticks', { requirements: ['แผนของปีงบประมาณ'] });
      assert.equal(r.status, 303);
      assert.match(textOf((await o.get('/staff/oit/2570/E1')).body), /1 required elements not checked: Signed by the head of the agency/);
      const edit = { title_th: 'แผนการจัดซื้อจัดจ้างประจำปี', title_en: 'Annual procurement plan', indicator: '9 การเปิดเผยข้อมูล', indicator_en: '9 Disclosure', group_name: '9.3 การจัดซื้อจัดจ้าง', group_en: '9.3 Procurement', requirements: 'แผนของปีงบประมาณ\nลงนามโดยหัวหน้าหน่วยงาน', requirements_en: 'Only one', recency: 'current_fy', sort_order: '0', note: '' };
      r = await o.post('/staff/oit/2570/E1/edit', edit);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /Give 2 lines, one for each Thai element/);
      r = await o.post('/staff/oit/2570/E1/edit', { ...edit, requirements_en: 'The plan of the fiscal year\nSigned by the head' });
      assert.equal(r.status, 303);
      assert.match(textOf((await o.get('/oit/2570/E1')).body), /Indicator 9 Disclosure .*Required elements The plan of the fiscal year Signed by the head/);
      const thai = textOf((await t.agent().get('/oit/2570/E1')).body);
      assert.match(thai, /องค์ประกอบที่ต้องมี แผนของปีงบประมาณ ลงนามโดยหัวหน้าหน่วยงาน/, 'the Thai page is unchanged');
    });

    test('one calendar: dates and years in B.E.', async () => {
      for (const url of ['/news', '/documents', '/integrity/2567', '/staff/audit', '/staff/content', '/staff/integrity/2570', '/staff/integrity/2570/risks', ...COMPLAINTS]) {
        // a receipt's four groups of digits (the follow page's example) are not years
        const text = textOf((await a.get(url)).body).replace(/\b\d{4} \d{4} \d{4} \d{4}\b/g, '');
        assert.doesNotMatch(text, /\b20[0-9]{2}\b/, `${url}: no C.E. year`);
      }
    });
  });
}
