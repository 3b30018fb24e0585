// A new case: checked, its files cleaned (images re-encoded without EXIF or GPS), everything sealed under a new case
// key, the key sealed to the officers, the recovery key and the receipt; committed before the receipt is shown.
import sharp from 'sharp';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, holdersOf, type CurrentUser } from '../../platform/auth/users.ts';
import { isUniqueViolation, lockRow, tx, type Tx } from '../../platform/db/index.ts';
import { cleanFileName, readPart, type FileKind, type StoredFile, type UploadPart } from '../../platform/files/index.ts';
import { HttpError, ValidationError } from '../../platform/http/errors.ts';
import { Gate } from '../../platform/http/multipart.ts';
import { randomBytes } from '../../platform/vault/box.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { HANDLE, intakeReady, sealToReaders } from './access.ts';
import { newCaseKey, newReceipt, place, receiptLookup, sealBytes, sealForReceipt, sealJson } from './crypto.ts';
import type { Channel, Lane } from './kinds.ts';

export interface Report {
  subject: string;
  who: string;
  /** the day it happened, if known ('YYYY-MM-DD') */
  when: string | null;
  where: string;
  description: string;
}

export interface Identity {
  name: string;
  national_id: string;
  phone: string;
  email: string;
  address: string;
}

export interface NewCase {
  lane: Lane;
  category: string;
  channel: Channel;
  report: Report;
  /** null: anonymous */
  identity: Identity | null;
}

const FILE_TYPES: FileKind[] = ['pdf', 'png', 'jpg', 'webp'];
export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one form together: held in memory until sealed, so less than MAX_FILES × MAX_FILE_BYTES (the form says so). */
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
/** 25 megapixels: a phone photo fits; a decompression bomb does not. */
const MAX_PIXELS = 25_000_000;
// sharp's own thread pool and cache are kept small: image work must not starve sign-in's Argon2 and file I/O
sharp.concurrency(1);
sharp.cache(false);
const imageGate = new Gate(1, 8, 20_000);

export interface CleanFile {
  bytes: Buffer;
  meta: { name: string; ext: string; mime: string; size: number; ref: string };
}

/** Checks a file by its content and strips what could identify its author: images are re-encoded without metadata. */
export async function cleanFile(p: Platform, part: UploadPart): Promise<CleanFile> {
  if (part.overTotal) throw new ValidationError({ [part.field]: { key: 'complaints.err.filesTotal', vars: { total: MAX_TOTAL_BYTES / 1024 / 1024 } } });
  const { ext, mime } = await p.files.inspect(part, FILE_TYPES, MAX_FILE_BYTES);
  const raw = (await readPart(part, MAX_FILE_BYTES))!;
  let bytes = raw;
  if (ext !== 'pdf') {
    // decoding is where a small file becomes a large bitmap: the size is read from the header first, and images
    // are decoded one at a time in this process (others wait, then are told to retry)
    const release = await imageGate.enter();
    try {
      const meta = await sharp(raw).metadata().catch(() => null);
      if (!meta?.width || !meta.height) throw new ValidationError({ [part.field]: 'complaints.err.badImage' });
      if (meta.width * meta.height > MAX_PIXELS) throw new ValidationError({ [part.field]: { key: 'complaints.err.imageTooLarge', vars: { mp: MAX_PIXELS / 1_000_000 } } });
      // rotate() applies the EXIF orientation before the metadata is dropped; sharp keeps none unless asked
      const img = sharp(raw, { failOn: 'error', limitInputPixels: MAX_PIXELS, sequentialRead: true }).rotate();
      bytes = await (ext === 'png' ? img.png() : ext === 'webp' ? img.webp() : img.jpeg({ quality: 90 })).toBuffer();
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError({ [part.field]: 'complaints.err.badImage' });
    } finally {
      release();
    }
  }
  return { bytes, meta: { name: cleanFileName(part.filename || `file.${ext}`, ext), ext, mime, size: bytes.length, ref: randomBytes(12).toString('base64url') } };
}

/** Seals cleaned files under the case key and stores them (before the transaction, like every file). */
export async function storeSealed(p: Platform, key: Buffer, files: CleanFile[]): Promise<Array<{ stored: StoredFile; file: CleanFile }>> {
  const out = [];
  for (const f of files) out.push({ stored: await p.files.putSealed(sealBytes(key, f.bytes, place.fileBytes(f.meta.ref))), file: f });
  return out;
}

/** Records stored sealed files for a case (inside its transaction). */
export async function recordFiles(p: Platform, t: Tx, c: { id: number; agency_id: number }, key: Buffer, files: Array<{ stored: StoredFile; file: CleanFile }>, author: string, messageId: number | null, by: number | null): Promise<void> {
  for (const f of files) {
    const rec = await p.files.record(t, f.stored, { agencyId: c.agency_id, owner: 'complaint', createdBy: by });
    const row = await t.k.insertInto('complaint_file').values({ complaint_id: c.id, message_id: messageId, file_id: rec.id, author, meta_sealed: '', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await t.k.updateTable('complaint_file').set({ meta_sealed: sealJson(key, f.file.meta, place.fileMeta(c.id, row.id)) }).where('id', '=', row.id).execute();
  }
}

const days = (n: number) => n * 86_400_000;

/** The next case number of the fiscal year, under a lock on the agency (two cases at once never share one). */
async function nextSeq(t: Tx, agencyId: number, fy: number): Promise<number> {
  await lockRow(t, 'agency', agencyId);
  const r = await t.k.selectFrom('complaint').select((eb) => eb.fn.max('seq').as('n')).where('agency_id', '=', agencyId).where('fiscal_year', '=', fy).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/**
 * Takes a case in: from the web form (`recorder` null, an anonymous actor in the audit log) or recorded by an officer
 * from a call, a letter or a visit. Returns the receipt, which exists nowhere else once this returns.
 */
export async function submitCase(p: Platform, agencyId: number, input: NewCase, parts: UploadPart[], recorder: CurrentUser | null, receivedAt = new Date()): Promise<{ id: number; number: string; receipt: string; at: string }> {
  if (!(await intakeReady(p.db, agencyId))) throw new HttpError(503, 'complaints.err.notReadyTitle', 'complaints.err.notReady');
  if (parts.length > MAX_FILES) throw new ValidationError({ file1: { key: 'complaints.err.tooManyFiles', vars: { n: MAX_FILES } } });
  const files: CleanFile[] = [];
  for (const part of parts) files.push(await cleanFile(p, part));
  const key = newCaseKey();
  const receipt = newReceipt();
  const digits = receipt.replace(/ /g, '');
  const wrap = await sealForReceipt(key, digits);
  const stored = await storeSealed(p, key, files);
  const now = receivedAt;
  const fy = fiscalYear(now);
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await tx(p.db, async (t) => {
        const seq = await nextSeq(t, agencyId, fy);
        const at = now.toISOString();
        const row = await t.k.insertInto('complaint').values({
          agency_id: agencyId, fiscal_year: fy, seq, lane: input.lane, category: input.category, channel: input.channel, status: 'received', forwarded_to: '',
          is_identified: input.identity !== null, receipt_lookup: receiptLookup(p.keys, digits), ...wrap, content_sealed: null, identity_sealed: null,
          assigned_user_id: null, assigned_division_id: null, received_at: at,
          ack_due: new Date(now.getTime() + days(p.config.complaints.ackDays)).toISOString(), conclude_due: new Date(now.getTime() + days(p.config.complaints.concludeDays)).toISOString(),
          acknowledged_at: null, concluded_at: null, closed_at: null, purged_at: null, updated_at: at,
        }).returning(['id']).executeTakeFirstOrThrow();
        await t.k.updateTable('complaint').set({
          content_sealed: sealJson(key, input.report, place.content(row.id)),
          identity_sealed: input.identity ? sealJson(key, input.identity, place.identity(row.id)) : null,
        }).where('id', '=', row.id).execute();
        await t.k.insertInto('complaint_status').values({ complaint_id: row.id, status: 'received', at }).execute();
        await sealToReaders(t, agencyId, row.id, key);
        await recordFiles(p, t, { id: row.id, agency_id: agencyId }, key, stored, recorder ? 'officer' : 'complainant', null, recorder?.id ?? null);
        const number = `${fy}-${String(seq).padStart(4, '0')}`;
        const actor = recorder ? actorOf(recorder) : { id: null, label: 'anonymous' };
        // what arrived, never what it says or who sent it
        await recordAudit(t, { agencyId, actor, action: 'complaint.receive', targetType: 'complaint', targetId: row.id, summary: `case ${number}, ${input.lane} lane, ${input.channel}, ${files.length} file(s)` });
        return { id: row.id, number };
      });
      await alertOfficers(p, agencyId);
      return { ...r, receipt, at: now.toISOString() };
    } catch (err) {
      // two cases in the same instant on PostgreSQL's first insert of a year: the number is taken, take the next
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** "A new case arrived": no number, lane, subject or name in a mail that may be read on any phone. */
async function alertOfficers(p: Platform, agencyId: number): Promise<void> {
  const officers = await holdersOf(p.db, agencyId, HANDLE);
  for (const o of officers.filter((x) => x.email)) {
    await p.mail.send({ to: o.email, subject: 'มีเรื่องร้องเรียนใหม่ / A new case arrived', text: 'มีเรื่องร้องเรียนใหม่ในระบบ กรุณาเข้าสู่ระบบเพื่อดูรายละเอียด\n\nA new case arrived. Sign in to see it.' }).catch(() => {});
  }
}
