// Documents anyone may ask for (statistics, manuals, posters, reports): the same model is made once and kept, by its
// hash, and documents are made a few at a time, so a flood of requests for generated PDFs cannot take every core.
// Staff documents are made on request (renderPdf, renderDocx): staff are few and signed in.
import crypto from 'node:crypto';
import type { DocModel } from './model.ts';
import { renderPdf } from './pdf.ts';
import { renderDocx } from './docx.ts';
import { documentGate } from './gate.ts';

const KEEP_BYTES = 32 * 1024 * 1024;
const kept = new Map<string, Buffer>();
const making = new Map<string, Promise<Buffer>>();
let keptBytes = 0;

function keep(key: string, out: Buffer): void {
  kept.set(key, out);
  keptBytes += out.length;
  // the oldest first, until the cache fits again
  for (const [k, v] of kept) {
    if (keptBytes <= KEEP_BYTES) break;
    kept.delete(k);
    keptBytes -= v.length;
  }
}

async function made(kind: 'pdf' | 'docx', m: DocModel, render: (m: DocModel) => Promise<Buffer>): Promise<Buffer> {
  const key = crypto.createHash('sha256').update(kind).update('\n').update(JSON.stringify(m)).digest('base64url');
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  // the same document asked for twice at once is made once
  let job = making.get(key);
  if (!job) {
    job = (async () => {
      const release = await documentGate.enter();
      try {
        return await render(m);
      } finally {
        release();
      }
    })();
    making.set(key, job);
    job.then((out) => keep(key, out), () => {}).finally(() => making.delete(key));
  }
  return job;
}

export const renderPublicPdf = (m: DocModel): Promise<Buffer> => made('pdf', m, renderPdf);
export const renderPublicDocx = (m: DocModel): Promise<Buffer> => made('docx', m, renderDocx);
