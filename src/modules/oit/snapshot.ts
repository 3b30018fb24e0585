// What one piece of bound evidence is now, as hashes: the content an assessor finds at its URL and each attachment's
// bytes. Evidence on this site is resolved in-process (its provider, the files in storage); an external link is
// fetched by the link check. Used by the daily health check and by the frozen answer sheet's manifest.
import crypto from 'node:crypto';
import type { Platform } from '../../platform/platform.ts';
import { findFile } from '../../platform/files/index.ts';
import { getContent } from '../publishing/index.ts';
import { checkLink, type LinkResult } from './linkcheck.ts';
import type { ResolvedEvidence } from './readiness.ts';
import { sha256 } from '../../platform/crypto.ts';

export interface FileHash {
  url: string;
  /** '' when the file is gone (no row, or no bytes in storage) */
  sha256: string;
}

export interface Snapshot {
  kind: 'internal' | 'external';
  /** the absolute URL the assessor opens */
  url: string;
  /** '' when there is nothing to hash (deleted, unreachable) */
  contentSha256: string;
  files: FileHash[];
  /** external links only */
  link: LinkResult | null;
}

/** JSON with keys in a fixed (sorted) order and no spaces: the same bytes for the same data, every time. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}


async function fileHash(p: Platform, agencyId: number, url: string): Promise<FileHash> {
  const m = /^\/files\/([\w-]{8,40})\//.exec(url);
  const f = m ? await findFile(p.db, agencyId, m[1]!) : undefined;
  if (!f) return { url, sha256: '' };
  const digest = await new Promise<string>((resolve) => {
    const h = crypto.createHash('sha256');
    const s = p.files.stream(f.storage_key);
    s.on('data', (c) => h.update(c));
    s.on('end', () => resolve(h.digest('hex')));
    s.on('error', () => resolve(''));
  });
  return { url, sha256: digest };
}

export const absolute = (base: string, url: string) => (/^https?:\/\//i.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`);

/** Runs at most `n` of the tasks at once, keeping their order. */
export async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

/** The snapshot of one resolved binding; `base` is the agency's public address. */
export async function snapshotOf(p: Platform, agencyId: number, base: string, e: ResolvedEvidence): Promise<Snapshot> {
  if (e.external) {
    const link = await checkLink(e.binding.url, { allowHosts: p.config.linkCheckAllowHosts });
    return { kind: 'external', url: e.binding.url, contentSha256: link.sha256, files: [], link };
  }
  if (!e.evidence) return { kind: 'internal', url: '', contentSha256: '', files: [], link: null };
  const ev = e.evidence;
  const files = await Promise.all(ev.attachments.map((a) => fileHash(p, agencyId, a.url)));
  // the published text of a document, page or news item: what the assessor reads there
  const c = e.binding.provider === 'content' && /^\d+$/.test(e.binding.ref) ? await getContent(p.db, agencyId, Number(e.binding.ref)) : undefined;
  const body = c ? { summary_th: c.summary_th, summary_en: c.summary_en, body_th: c.body_th, body_en: c.body_en, body_html_th: c.body_html_th, body_html_en: c.body_html_en } : null;
  const content = canonical({
    title: ev.title, url: ev.url, fiscalYear: ev.fiscalYear, period: ev.period, body,
    attachments: ev.attachments.map((a, i) => ({ name: a.name, url: a.url, sha256: files[i]!.sha256 })),
  });
  return { kind: 'internal', url: absolute(base, ev.url), contentSha256: sha256(content), files: files.map((f) => ({ url: absolute(base, f.url), sha256: f.sha256 })), link: null };
}

/** Whether evidence recorded when the sheet was frozen is still what it was. */
export function compareFrozen(frozen: { content_sha256: string; files: FileHash[] }, now: Snapshot, present: boolean): 'same' | 'changed' | 'gone' {
  if (!present || !now.contentSha256) return 'gone';
  if (now.link && now.link.kind !== 'ok') return 'gone';
  if (frozen.content_sha256 !== now.contentSha256) return 'changed';
  const before = new Map(frozen.files.map((f) => [f.url, f.sha256]));
  if (before.size !== now.files.length) return 'changed';
  for (const f of now.files) {
    if (!f.sha256) return 'gone';
    if (before.get(f.url) !== f.sha256) return 'changed';
  }
  return 'same';
}
