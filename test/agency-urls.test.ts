// Absolute links come from the agency being served (its host name), not from one global BASE_URL: the sitemap, the
// feed, robots.txt, the search API, open-data descriptions, and links made outside a request (reports, e-mails).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';
import { agencyUrl } from '../src/platform/site.ts';
import { tx } from '../src/platform/db/index.ts';
import { createAgency, firstAgencyId } from '../src/platform/tenant.ts';

const [sqlite] = await dbTargets();

describe('links per agency', () => {
  let t: TestApp;
  let second: number;
  before(async () => {
    t = await startApp(sqlite!, { env: { BASE_URL: 'https://prongsai.example' } });
    const now = new Date().toISOString();
    second = await tx(t.p.db, (x) => createAgency(x, {
      slug: 'second', hostname: 'www.second-pao.example', name_th: 'องค์การบริหารส่วนจังหวัดที่สอง', name_en: 'Second PAO', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '',
      address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now,
    }));
  });
  after(() => t.close());

  const get = (host: string, url: string) => t.app.inject({ method: 'GET', url, headers: { host } });

  test("a request to an agency's host name gets that agency, and links under its own address", async () => {
    const home = await get('www.second-pao.example', '/');
    assert.match(home.payload, /องค์การบริหารส่วนจังหวัดที่สอง/);
    for (const url of ['/robots.txt', '/sitemap.xml', '/feed.xml', '/open-data/documents.jsonld']) {
      const r = await get('www.second-pao.example', url);
      assert.match(r.payload, /https:\/\/www\.second-pao\.example\//, `${url} links to the agency's own address`);
      assert.doesNotMatch(r.payload, /prongsai\.example/, `${url} does not use BASE_URL`);
    }
  });

  test('any other host name gets the first agency under BASE_URL', async () => {
    const r = await get('203.0.113.5', '/robots.txt');
    assert.match(r.payload, /Sitemap: https:\/\/prongsai\.example\/sitemap\.xml/);
    const api = JSON.parse((await get('localhost', '/api/v1/search?q=งบประมาณ')).payload) as { results: Array<{ url: string }> };
    assert.ok(api.results.length > 0 && api.results.every((x) => x.url.startsWith('https://prongsai.example/')), 'the search API gives absolute addresses of the first agency');
  });

  test('work outside a request (reports, reminders, account mails) uses the agency’s address too', async () => {
    assert.equal(await agencyUrl(t.p, second), 'https://www.second-pao.example');
    assert.equal(await agencyUrl(t.p, (await firstAgencyId(t.p.db))!), 'https://prongsai.example');
  });
});
