// The complainant's side after sending: the receipt opens the case (guessing is throttled per address, and each
// guess costs an Argon2id), then a visit of half an hour keeps the case key under a key only their browser's cookie holds.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { lockRow, tx, type DbLike } from '../../platform/db/index.ts';
import { receiptGate } from './throttle.ts';
import { addressThrottle } from '../../platform/http/address-throttle.ts';
import { open, randomBytes, randomKey, seal, wipe } from '../../platform/vault/box.ts';
import type { UploadPart } from '../../platform/files/index.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { openWithReceipt, place, receiptDigits, receiptLookup, sealForReceipt, sealJson } from './crypto.ts';
import { cleanFile, MAX_FILES, recordFiles, storeSealed, type CleanFile } from './intake.ts';
import type { Complaint } from './store.ts';

export const VISIT_COOKIE = 'cvisit';
const VISIT_MS = 30 * 60_000;

/** Receipts tried per address (or IPv6 /64): 10 in 15 minutes. */
export const FOLLOW_PER_IP = 10;
/** What one case takes from its complainant: messages a day, files in all. */
export const MESSAGES_PER_DAY = 20;
export const FILES_PER_CASE = 30;

export type FollowResult = { ok: true; cookie: string } | { ok: false; reason: 'format' | 'unknown' | 'throttled' | 'busy'; minutes?: number };

let decoyRow: Promise<{ receipt_salt: string; receipt_wrap: string }> | null = null;
const decoy = () => (decoyRow ??= sealForReceipt(randomKey(), '0'.repeat(16)));

export async function openVisit(p: Platform, agencyId: number, typed: string, ip: string): Promise<FollowResult> {
  const digits = receiptDigits(typed);
  if (!digits) return { ok: false, reason: 'format' };
  // per address here; site-wide, the receipt gate below bounds how many are checked at once, with no lock that many
  // addresses could trip to keep real complainants out
  const taken = await addressThrottle(p).take(ip, [{ name: `follow:${agencyId}`, max: FOLLOW_PER_IP, windowMs: 15 * 60_000 }]);
  if (!taken.ok) return { ok: false, reason: 'throttled', minutes: Math.max(1, Math.ceil(taken.waitMs / 60_000)) };
  const candidates = await p.db.k.selectFrom('complaint').select(['id', 'receipt_salt', 'receipt_wrap']).where('agency_id', '=', agencyId).where('receipt_lookup', '=', receiptLookup(p.keys, digits)).where('purged_at', 'is', null).orderBy('id').limit(8).execute();
  let c: (typeof candidates)[number] | undefined;
  let key: Buffer | null = null;
  // globally, a bounded number of receipts are checked at once (each an Argon2id): guessing from many addresses is
  // slowed for everyone instead of locking complainants out
  const release = await receiptGate(p).enter().catch(() => null);
  if (!release) return { ok: false, reason: 'busy' };
  try {
    // first digits that match nothing cost the same Argon2id: the time of the answer tells nothing
    if (!candidates.length) await openWithReceipt(await decoy(), digits);
    for (const x of candidates) {
      key = await openWithReceipt(x, digits);
      if (key) {
        c = x;
        break;
      }
    }
  } finally {
    release();
  }
  if (!c || !key) return { ok: false, reason: 'unknown' };
  const id = randomBytes(16).toString('base64url');
  const browserKey = randomKey();
  try {
    const now = Date.now();
    await p.db.k.deleteFrom('complaint_visit').where('expires_at', '<', new Date(now).toISOString()).execute();
    await p.db.k.insertInto('complaint_visit').values({ id, complaint_id: c.id, sealed_key: seal(browserKey, key, place.visit(id)).toString('base64'), expires_at: new Date(now + VISIT_MS).toISOString() }).execute();
    return { ok: true, cookie: `${id}.${browserKey.toString('base64url')}` };
  } finally {
    wipe(key, browserKey);
  }
}

export function setVisitCookie(p: Platform, reply: FastifyReply, value: string): void {
  reply.setCookie(VISIT_COOKIE, value, { path: '/complaints', httpOnly: true, sameSite: 'strict', secure: p.config.baseUrl.startsWith('https://'), maxAge: VISIT_MS / 1000 });
}

/** The case and its key for this visit, or null (no visit, expired, or the case's content is gone). */
export async function currentVisit(p: Platform, req: FastifyRequest): Promise<{ c: Complaint; key: Buffer; visitId: string } | null> {
  const cookie = req.cookies[VISIT_COOKIE];
  const [id, k] = (cookie ?? '').split('.');
  if (!id || !k) return null;
  const v = await p.db.k.selectFrom('complaint_visit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!v || v.expires_at < new Date().toISOString()) return null;
  const c = await p.db.k.selectFrom('complaint').selectAll().where('id', '=', v.complaint_id).where('agency_id', '=', req.agency.id).executeTakeFirst();
  if (!c || c.purged_at) return null;
  const browserKey = Buffer.from(k, 'base64url');
  try {
    return { c, key: open(browserKey, Buffer.from(v.sealed_key, 'base64'), place.visit(id)), visitId: id };
  } catch {
    return null;
  } finally {
    wipe(browserKey);
  }
}

export async function endVisit(p: Platform, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = req.cookies[VISIT_COOKIE]?.split('.')[0];
  if (id) await p.db.k.deleteFrom('complaint_visit').where('id', '=', id).execute();
  reply.clearCookie(VISIT_COOKIE, { path: '/complaints' });
}

/** A receipt is not a licence to fill the disk: a case takes a bounded number of messages a day and files in all. */
async function withinCaps(db: DbLike, caseId: number, newFiles: number): Promise<void> {
  const day = new Date(Date.now() - 86_400_000).toISOString();
  const [today, held] = await Promise.all([
    db.k.selectFrom('complaint_message').select((eb) => eb.fn.countAll().as('n')).where('complaint_id', '=', caseId).where('author', '=', 'complainant').where('created_at', '>', day).executeTakeFirstOrThrow(),
    db.k.selectFrom('complaint_file').select((eb) => eb.fn.countAll().as('n')).where('complaint_id', '=', caseId).executeTakeFirstOrThrow(),
  ]);
  if (Number(today.n) >= MESSAGES_PER_DAY) throw new ValidationError({ body: { key: 'complaints.err.messagesPerDay', vars: { n: MESSAGES_PER_DAY } } });
  if (Number(held.n) + newFiles > FILES_PER_CASE) throw new ValidationError({ file1: { key: 'complaints.err.filesPerCase', vars: { n: FILES_PER_CASE } } });
}

/** The complainant writes back, with files; the case is not closed to them until it is closed. */
export async function complainantReply(p: Platform, visit: { c: Complaint; key: Buffer }, text: string, parts: UploadPart[]): Promise<void> {
  const { c, key } = visit;
  if (c.status === 'closed') throw new ValidationError({ body: 'complaints.err.closed' });
  if (!text && parts.length === 0) throw new ValidationError({ body: 'complaints.err.emptyReply' });
  await withinCaps(p.db, c.id, parts.length);
  if (parts.length > MAX_FILES) throw new ValidationError({ file1: { key: 'complaints.err.tooManyFiles', vars: { n: MAX_FILES } } });
  const files: CleanFile[] = [];
  for (const part of parts) files.push(await cleanFile(p, part));
  const stored = await storeSealed(p, key, files);
  await tx(p.db, async (t) => {
    // checked again under the case's lock: replies sent at once cannot pass the caps together
    await lockRow(t, 'complaint', c.id);
    await withinCaps(t, c.id, parts.length);
    const now = new Date().toISOString();
    const m = await t.k.insertInto('complaint_message').values({ complaint_id: c.id, author: 'complainant', user_id: null, body_sealed: '', created_at: now }).returning('id').executeTakeFirstOrThrow();
    await t.k.updateTable('complaint_message').set({ body_sealed: sealJson(key, { text }, place.message(c.id, m.id)) }).where('id', '=', m.id).execute();
    await recordFiles(p, t, c, key, stored, 'complainant', m.id, null);
    await t.k.updateTable('complaint').set({ updated_at: now }).where('id', '=', c.id).execute();
    await recordAudit(t, { agencyId: c.agency_id, actor: { id: null, label: 'anonymous' }, action: 'complaint.reply', targetType: 'complaint', targetId: c.id, summary: `the complainant wrote (${files.length} file(s))` });
  });
}
