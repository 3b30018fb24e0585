// Finding 3 of the penetration test: four-eyes review only checked who submitted. An approver could edit an item
// in review and approve their own text, an item changed after the approver looked was approved unseen, and edits
// to a published item went live without review.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const fields = (over: Record<string, string> = {}) => ({
  title_th: 'ประกาศเจตนารมณ์การต่อต้านการทุจริต ประจำปี 2570',
  title_en: '',
  summary_th: '',
  summary_en: '',
  category: 'announcement',
  fiscal_year: '2570',
  period: '',
  body_format: 'markdown',
  body_th: 'ข้าพเจ้าในฐานะผู้บริหารขอประกาศเจตนารมณ์',
  body_en: '',
  slug: '',
  signoff_name: '',
  signoff_position: '',
  signoff_date: '',
  ...over,
});

async function create(a: Agent, over: Record<string, string> = {}): Promise<number> {
  await a.get('/staff/content/new?kind=document');
  const r = await a.postMultipart('/staff/content/new?kind=document', fields(over), {});
  assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
  return Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
}

async function edit(a: Agent, id: number, over: Record<string, string>) {
  await a.get(`/staff/content/${id}/edit`);
  return a.postMultipart(`/staff/content/${id}/edit`, fields(over), {});
}

/** The revision shown on the approver's page when they opened it. */
async function shownRevision(a: Agent, id: number): Promise<string> {
  const page = await a.get(`/staff/content/${id}/approve`);
  const m = /name="revision" value="(\d+)"/.exec(page.body);
  assert.ok(m, 'the approval page names the revision on screen');
  return m[1]!;
}

for (const target of await dbTargets()) {
  describe(`four-eyes review on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let pub: Agent;
    let admin: Agent;
    let boss: Agent;
    before(async () => {
      t = await startApp(target);
      pub = t.agent();
      await pub.login('publisher');
      admin = t.agent();
      await admin.login('admin');
      boss = t.agent();
      await boss.login('executive');
    });
    after(() => t.close());

    const status = async (id: number) => (await t.p.db.k.selectFrom('content').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    test("an admin's edit of an item in review sends it back to draft, and they may not approve the text they wrote", async () => {
      const id = await create(pub, { slug: 'review-own-text' });
      await pub.post(`/staff/content/${id}/submit`, {});
      assert.equal(await status(id), 'in_review');
      assert.equal((await edit(admin, id, { slug: 'review-own-text', body_th: 'ข้อความที่ผู้ดูแลระบบเขียนเอง' })).status, 303);
      assert.equal(await status(id), 'draft', 'what was submitted is no longer what would be approved');
      await pub.post(`/staff/content/${id}/submit`, {});
      const page = textOf((await admin.get(`/staff/content/${id}`)).body);
      assert.match(page, /คุณเป็นผู้เขียนหรือแก้ไขเนื้อหาฉบับนี้ จึงอนุมัติเองไม่ได้/);
      const row = await t.p.db.k.selectFrom('content').select('revision').where('id', '=', id).executeTakeFirstOrThrow();
      const r = await admin.post(`/staff/content/${id}/approve`, { publish_at: '', revision: String(row.revision) });
      assert.equal(r.status, 422);
      assert.equal(await status(id), 'in_review');
      const ok = await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: await shownRevision(boss, id) });
      assert.equal(ok.status, 303, 'another approver may');
      assert.match(textOf((await t.agent().get('/documents/review-own-text')).body), /ข้อความที่ผู้ดูแลระบบเขียนเอง/);
    });

    test('approval names the revision reviewed: a change after the approver opened it is not approved unseen', async () => {
      const id = await create(pub, { slug: 'review-stale' });
      await pub.post(`/staff/content/${id}/submit`, {});
      const seen = await shownRevision(boss, id);
      await edit(pub, id, { slug: 'review-stale', body_th: 'ข้อความที่เปลี่ยนหลังผู้อนุมัติเปิดดู' });
      await pub.post(`/staff/content/${id}/submit`, {});
      const stale = await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: seen });
      assert.equal(stale.status, 422);
      assert.match(textOf(stale.body), /มีการแก้ไขหลังจากที่คุณเปิดดู/);
      assert.equal(await status(id), 'in_review');
      assert.equal((await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: await shownRevision(boss, id) })).status, 303);
    });

    test('an edit of a published item waits as a draft; the published text and files stay until another person approves it', async () => {
      const id = await create(pub, { slug: 'review-live', body_th: 'ฉบับที่เผยแพร่ครั้งแรก' });
      await pub.get(`/staff/content/${id}`);
      await pub.postMultipart(`/staff/content/${id}/attachments`, { label: 'ฉบับเดิม' }, { file: { name: 'old.pdf', data: PDF } });
      await pub.post(`/staff/content/${id}/submit`, {});
      await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: await shownRevision(boss, id) });
      const oldFile = /href="(\/files\/[^"]+)"/.exec((await t.agent().get('/documents/review-live')).body)![1]!;
      assert.equal((await t.agent().get(oldFile)).status, 200);

      assert.equal((await edit(pub, id, { slug: 'review-live', body_th: 'ฉบับแก้ไขที่ยังไม่อนุมัติ' })).status, 303, 'a publisher may propose changes');
      await pub.get(`/staff/content/${id}`);
      await pub.postMultipart(`/staff/content/${id}/attachments`, { label: 'ฉบับใหม่' }, { file: { name: 'new.pdf', data: PDF } });
      let detail = await pub.get(`/staff/content/${id}`);
      const removeOld = /href="(\/staff\/content\/\d+\/attachments\/\d+\/remove)"/.exec(detail.body)![1]!;
      assert.equal((await pub.post(removeOld, {})).status, 303);

      const live = textOf((await t.agent().get('/documents/review-live')).body);
      assert.match(live, /ฉบับที่เผยแพร่ครั้งแรก/, 'the public still sees the approved text');
      assert.doesNotMatch(live, /ฉบับแก้ไขที่ยังไม่อนุมัติ/);
      assert.equal((await t.agent().get(oldFile)).status, 200, 'a file removed in the draft stays public until approval');
      assert.match(textOf((await pub.get(`/staff/content/${id}/preview`)).body), /ฉบับแก้ไขที่ยังไม่อนุมัติ/, 'the preview shows the changes');
      detail = await pub.get(`/staff/content/${id}`);
      assert.match(textOf(detail.body), /การแก้ไขที่รออนุมัติ/);
      const newFile = /<a href="(\/files\/[^"]+)">ฉบับใหม่<\/a>/.exec(detail.body)![1]!;
      assert.equal((await t.agent().get(newFile)).status, 404, "a draft's new file is not public");

      await pub.post(`/staff/content/${id}/submit`, {});
      assert.equal((await pub.post(`/staff/content/${id}/approve`, { publish_at: '', revision: '999' })).status, 403, 'a publisher cannot approve');
      assert.equal((await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: await shownRevision(boss, id) })).status, 303);
      const after = textOf((await t.agent().get('/documents/review-live')).body);
      assert.match(after, /ฉบับแก้ไขที่ยังไม่อนุมัติ/, 'approved changes are public');
      assert.equal((await t.agent().get(newFile)).status, 200);
      assert.equal((await t.agent().get(oldFile)).status, 404, 'the removed file is no longer public');
      assert.equal(await t.p.db.k.selectFrom('content_draft').select('content_id').where('content_id', '=', id).executeTakeFirst(), undefined);
      const events = await t.p.db.k.selectFrom('audit_event').select('action').where('target_id', '=', String(id)).orderBy('id').execute();
      assert.ok(events.some((e) => e.action === 'content.draft.approve'), 'the approval of the changes is audited');
    });

    test("an approver's own changes to a published item need another approver; discarding keeps the published text", async () => {
      const c = await t.p.db.k.selectFrom('content').select(['id', 'title_th', 'category']).where('slug', '=', 'vision').executeTakeFirstOrThrow();
      const page = await admin.get(`/staff/content/${c.id}/edit`);
      const body = /<textarea[^>]*name="body_th"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)?.[1] ?? '';
      const r = await admin.postMultipart(`/staff/content/${c.id}/edit`, { ...fields({ title_th: c.title_th, category: '', slug: 'vision', body_th: `${body}\n\nเพิ่มโดยผู้ดูแลระบบ` }), kind: 'page' }, {});
      assert.equal(r.status, 303);
      assert.doesNotMatch(textOf((await t.agent().get('/pages/vision')).body), /เพิ่มโดยผู้ดูแลระบบ/, 'not live without review');
      await admin.post(`/staff/content/${c.id}/submit`, {});
      const draft = await t.p.db.k.selectFrom('content_draft').select('revision').where('content_id', '=', c.id).executeTakeFirstOrThrow();
      const own = await admin.post(`/staff/content/${c.id}/approve`, { publish_at: '', revision: String(draft.revision) });
      assert.equal(own.status, 422);
      assert.doesNotMatch(textOf((await t.agent().get('/pages/vision')).body), /เพิ่มโดยผู้ดูแลระบบ/);
      assert.equal((await admin.post(`/staff/content/${c.id}/discard`, {})).status, 303);
      assert.equal(await t.p.db.k.selectFrom('content_draft').select('content_id').where('content_id', '=', c.id).executeTakeFirst(), undefined);
      assert.equal((await t.agent().get('/pages/vision')).status, 200);
    });

    test('approvers who do not write content cannot send files or edits: refused before the form is read', async () => {
      const id = await create(pub, { slug: 'review-exec-upload' });
      await boss.get(`/staff/content/${id}`);
      const r = await boss.postMultipart(`/staff/content/${id}/attachments`, { label: 'x' }, { file: { name: 'x.pdf', data: PDF } });
      assert.equal(r.status, 403);
      assert.equal((await boss.postMultipart(`/staff/content/${id}/edit`, fields({ slug: 'review-exec-upload' }), {})).status, 403);
      assert.equal((await boss.post(`/staff/content/${id}/submit`, {})).status, 403);
      assert.equal((await pub.post(`/staff/content/${id}/archive`, {})).status, 403, 'and writers cannot archive');
    });

    test('after changes are discarded, new changes never reuse the revision an approver saw', async () => {
      const id = await create(pub, { slug: 'review-discard', body_th: 'ฉบับแรก' });
      await pub.post(`/staff/content/${id}/submit`, {});
      await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: await shownRevision(boss, id) });
      await edit(pub, id, { slug: 'review-discard', body_th: 'ฉบับที่ผู้อนุมัติเห็น' });
      await pub.post(`/staff/content/${id}/submit`, {});
      const seen = await shownRevision(boss, id);
      await pub.post(`/staff/content/${id}/discard`, {});
      await edit(pub, id, { slug: 'review-discard', body_th: 'ฉบับที่ผู้อนุมัติไม่เคยเห็น' });
      await pub.post(`/staff/content/${id}/submit`, {});
      const r = await boss.post(`/staff/content/${id}/approve`, { publish_at: '', revision: seen });
      assert.equal(r.status, 422, 'the revision seen before the discard does not approve the new text');
      assert.doesNotMatch(textOf((await t.agent().get('/documents/review-discard')).body), /ไม่เคยเห็น/);
    });
  });
}
