// Finding 12 of the penetration test (information): a generated slug suffix of 24 bits collided once in 7,000
// drafts and surfaced as "slug taken" on an address the user never typed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { makeSlug } from './slugs.ts';

const [sqlite] = await dbTargets();

describe('generated slugs', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!);
  });
  after(() => t.close());

  test('generated slugs are long enough not to collide, and a collision is retried, never shown as "slug taken"', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(makeSlug('document', '', 2570));
    assert.equal(seen.size, 20000, 'no collision in 20,000 drafts');
    const a = t.agent();
    await a.login('publisher');
    for (let i = 0; i < 3; i++) {
      await a.get('/staff/content/new?kind=news');
      const r = await a.postMultipart('/staff/content/new?kind=news', { title_th: `ข่าวไม่มีชื่ออังกฤษ ${i}`, body_format: 'markdown', fiscal_year: '2570' }, {});
      assert.equal(r.status, 303);
    }
  });
});
