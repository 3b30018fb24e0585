// The example module of docs/modules.md, added to a bare installation: its declaration alone puts it everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../support/db.ts';
import { startApp, textOf, type TestApp } from '../support/app.ts';
import { FIXTURE_PASSWORD, staff } from '../support/fixtures.ts';
import { MODULES } from '../../src/server.ts';
import { demoSteps } from '../../src/platform/module.ts';
import { evidenceProvider } from '../../src/platform/evidence.ts';
import { faqModule } from './module.ts';
import { firstAgencyId } from '../../src/platform/tenant.ts';

for (const target of await dbTargets()) {
  describe(`an example module on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target, { demo: false, modules: [...MODULES, faqModule] });
    });
    after(() => t.close());

    test('its migration, routes, navigation, form, permission, search, open data, sitemap, evidence and demo step work', async () => {
      const anon = t.agent();
      const page = await anon.get('/faq');
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), /ยังไม่มีคำถาม/);
      assert.match(page.body, /href="\/faq"/, 'its navigation entry');
      await staff(t.p, ['publisher'], 'faq-writer');
      const a = t.agent();
      assert.equal((await a.login('faq-writer', FIXTURE_PASSWORD)).status, 303);
      await a.get('/faq');
      const bad = await a.post('/faq', { question: 'ไม่ใช่คำถาม', answer: 'x' });
      assert.equal(bad.status, 422, 'a broken rule comes back on the form');
      assert.match(textOf(bad.body), /คำถามต้องลงท้ายด้วย/);
      assert.match(bad.body, /value="ไม่ใช่คำถาม"/, 'what was typed is kept');
      assert.equal((await a.post('/faq', { question: 'เปิดทำการวันเสาร์ไหม', answer: 'ไม่เปิด' })).status, 303);
      assert.match(textOf((await anon.get('/faq')).body), /เปิดทำการวันเสาร์ไหม/);
      assert.equal((await anon.post('/faq', { question: 'x?', answer: 'y' })).status, 403, 'forms need their CSRF token, and a permission');
      assert.match((await anon.get('/api/v1/search?q=วันเสาร์')).body, /"type":"faq"/);
      assert.match((await anon.get('/open-data/faq.csv')).body, /เปิดทำการวันเสาร์ไหม/);
      assert.match((await anon.get('/sitemap.xml')).body, /\/faq</);
      assert.equal((await evidenceProvider('faq')!.resolve(t.p.db, (await firstAgencyId(t.p.db))!, 'page'))?.url, '/faq', 'offered as OIT evidence');
      assert.ok(demoSteps(t.p.modules).some((s) => s.order === 50), 'its demo step runs with the others, in order');
    });
  });
}
