// Finding 7 of the penetration test: attachments of drafts, of scheduled items before their time and removed
// attachments downloaded anonymously with Cache-Control: public; service and complaint officers could read drafts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type Agent, type TestApp } from '../../../test/support/app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const target of await dbTargets()) {
  describe(`who may read a file, decided when it is served, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let pub: Agent;
    let boss: Agent;
    before(async () => {
      t = await startApp(target);
      pub = t.agent();
      await pub.login('publisher');
      boss = t.agent();
      await boss.login('executive');
    });
    after(() => t.close());

    async function itemWithFile(slug: string): Promise<{ id: number; href: string }> {
      await pub.get('/staff/content/new?kind=document');
      const r = await pub.postMultipart('/staff/content/new?kind=document', { title_th: `ไฟล์ทดสอบ ${slug}`, category: 'announcement', fiscal_year: '2570', body_format: 'markdown', slug }, {});
      const id = Number(/(\d+)$/.exec(r.location!)![1]);
      await pub.get(`/staff/content/${id}`);
      await pub.postMultipart(`/staff/content/${id}/attachments`, { label: 'แนบ' }, { file: { name: 'แนบ.pdf', data: PDF } });
      const href = /<a href="(\/files\/[^"]+)">แนบ<\/a>/.exec((await pub.get(`/staff/content/${id}`)).body)![1]!;
      return { id, href };
    }
    const approve = async (id: number, publishAt: Record<string, string> = { publish_at: '' }) => {
      const rev = /name="revision" value="(\d+)"/.exec((await boss.get(`/staff/content/${id}/approve`)).body)![1]!;
      return boss.post(`/staff/content/${id}/approve`, { ...publishAt, revision: rev });
    };

    test("a draft's attachment: not public; its editors get it with private, no-store", async () => {
      const { href } = await itemWithFile('file-draft');
      assert.equal((await t.agent().get(href)).status, 404);
      const own = await pub.get(href);
      assert.equal(own.status, 200);
      assert.equal(own.headers['cache-control'], 'private, no-store');
    });

    test('a scheduled item: its file is public only from its time; then it is cacheable for a short while', async () => {
      const { id, href } = await itemWithFile('file-scheduled');
      await pub.post(`/staff/content/${id}/submit`, {});
      assert.equal((await approve(id, { 'publish_at-day': '1', 'publish_at-month': 'มกราคม', 'publish_at-year': '2642', 'publish_at-time': '08:00' })).status, 303);
      assert.equal((await t.agent().get(href)).status, 404, 'before its time');
      await t.p.db.k.updateTable('content').set({ published_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      const r = await t.agent().get(href);
      assert.equal(r.status, 200, 'once its time has come');
      assert.equal(r.headers['cache-control'], 'public, max-age=300');
      const again = await t.agent().request('GET', href, { headers: { 'if-none-match': String(r.headers.etag) } });
      assert.equal(again.status, 304);
    });

    test('a removed attachment is no longer public', async () => {
      const { id, href } = await itemWithFile('file-removed');
      const page = await pub.get(`/staff/content/${id}`);
      const remove = /href="(\/staff\/content\/\d+\/attachments\/\d+\/remove)"/.exec(page.body)![1]!;
      await pub.post(remove, {});
      await pub.post(`/staff/content/${id}/submit`, {});
      await approve(id);
      assert.equal((await t.agent().get(href)).status, 404);
    });

    test('service and complaint officers read neither drafts, previews nor their files', async () => {
      const { id, href } = await itemWithFile('file-roles');
      for (const who of ['service', 'complaint', 'asset']) {
        const a = t.agent();
        await a.login(who);
        assert.equal((await a.get(`/staff/content/${id}`)).status, 403, `${who}: the draft`);
        assert.equal((await a.get(`/staff/content/${id}/preview`)).status, 403, `${who}: the preview`);
        assert.equal((await a.get('/staff/content')).status, 403, `${who}: the list`);
        assert.equal((await a.get(href)).status, 404, `${who}: the file`);
      }
    });

    test('published files, portraits and the published report stay public', async () => {
      const home = await t.agent().get('/about/executives');
      const portrait = /<img src="(\/files\/[^"]+)"/.exec(home.body)![1]!;
      assert.equal((await t.agent().get(portrait)).status, 200);
      const report = await t.agent().get('/integrity/2567/report.pdf');
      assert.equal(report.status, 200);
      assert.equal(report.headers['cache-control'], 'public, max-age=300');
    });
  });
}
