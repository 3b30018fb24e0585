// Generated documents anyone may ask for: made once per model and kept; made a few at a time, a full queue answers 503.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTS_AT_ONCE, documentGate, renderPublicDocx, renderPublicPdf, type DocModel } from './index.ts';

const model = (n: number): DocModel => ({ title: `สถิติการให้บริการ ${n}`, lang: 'th', blocks: [{ kind: 'paragraph', content: `จำนวนคำขอ ${n} เรื่อง` }] });

test('the same model is made once, also when asked for ten times at once; another model is made anew', async () => {
  const first = await renderPublicPdf(model(1));
  assert.equal(first.subarray(0, 5).toString(), '%PDF-');
  assert.equal(await renderPublicPdf(model(1)), first, 'kept');
  const many = await Promise.all(Array.from({ length: 10 }, () => renderPublicDocx(model(2))));
  assert.ok(many.every((b) => b === many[0]), 'made once for all ten');
  assert.notEqual(await renderPublicPdf(model(3)), first);
});

test('with the queue full a new document is refused with 503 (retry), a kept one is still served', async () => {
  const kept = await renderPublicPdf(model(4));
  const held = await Promise.all(Array.from({ length: DOCUMENTS_AT_ONCE.atOnce }, () => documentGate.enter()));
  const queued = Array.from({ length: DOCUMENTS_AT_ONCE.waiting }, () => documentGate.enter());
  await assert.rejects(renderPublicPdf(model(5)), (e: { status?: number; message?: string }) => e.status === 503);
  assert.equal(await renderPublicPdf(model(4)), kept);
  for (const release of held) release();
  await Promise.all(queued.map((q) => q.then((release) => release())));
  assert.equal((await renderPublicPdf(model(5))).subarray(0, 5).toString(), '%PDF-', 'made once there is room');
});
