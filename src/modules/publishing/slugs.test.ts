// Finding 12 of the penetration test (information): a generated slug suffix of 24 bits collided once in 7,000
// drafts and surfaced as "slug taken" on an address the user never typed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { makeSlug, slugRandom } from './slugs.ts';

const [sqlite] = await dbTargets();

describe('generated slugs', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!);
  });
  after(() => t.close());

  test('generated slugs are long enough not to collide, and a collision is retried, never shown as "slug taken"', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(makeSlug('document', '', fiscalYear()));
    assert.equal(seen.size, 20000, 'no collision in 20,000 drafts');
    const a = t.agent();
    await a.login('publisher');
    for (let i = 0; i < 3; i++) {
      await a.get('/staff/content/new?kind=news');
      const r = await a.postMultipart('/staff/content/new?kind=news', { title_th: `ข่าวไม่มีชื่ออังกฤษ ${i}`, body_format: 'markdown', fiscal_year: String(fiscalYear()) }, {});
      assert.equal(r.status, 303);
    }
  });
});

for (const target of await dbTargets()) {
  describe(`a generated slug that collides, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('the random part comes out as an existing one: the item gets the next one, no "slug taken"', async () => {
      const fy = fiscalYear();
      const a = t.agent();
      await a.login('publisher');
      const create = async (title: string) => {
        await a.get('/staff/content/new?kind=news');
        return a.postMultipart('/staff/content/new?kind=news', { title_th: title, body_format: 'markdown', fiscal_year: String(fy) }, {});
      };
      const slugOf = async (title: string) => (await t.p.db.k.selectFrom('content').select('slug').where('title_th', '=', title).executeTakeFirstOrThrow()).slug;
      assert.equal((await create('ข่าวฉบับแรก')).status, 303);
      const first = await slugOf('ข่าวฉบับแรก');
      const taken = first.split('-').at(-1)!;
      assert.equal(first, `news-${fy}-${taken}`);
      // the next two draws: the suffix already used, then a free one
      const draws = [taken, 'fresh0k2'];
      const real = slugRandom.suffix;
      slugRandom.suffix = () => draws.shift() ?? real();
      try {
        const r = await create('ข่าวฉบับที่สอง');
        assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
        assert.doesNotMatch(textOf(r.body), /ที่อยู่นี้ถูกใช้แล้ว/);
        assert.deepEqual(draws, [], 'the colliding draw was retried');
      } finally {
        slugRandom.suffix = real;
      }
      assert.equal(await slugOf('ข่าวฉบับที่สอง'), `news-${fy}-fresh0k2`);
      assert.equal(await slugOf('ข่าวฉบับแรก'), first, 'the first item keeps its address');
    });
  });
}
