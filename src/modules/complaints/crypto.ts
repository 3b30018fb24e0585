// The sealing of a case. Each case has its own random key; everything written in it (the report, the identity,
// messages, files) is sealed under that key with its place as associated data. The key itself is kept only sealed:
// to each officer who may read the case (their vault public key), to the agency's recovery key, and under a key
// derived from the complainant's receipt (Argon2id). The database and upload folder alone therefore open nothing.
import crypto from 'node:crypto';
import { hmac, type Keys } from '../../platform/crypto.ts';
import { deriveKey, KDF_INTERACTIVE, open, openSealed, randomBytes, randomKey, SALT_BYTES, seal, sealTo, wipe } from '../../platform/vault/box.ts';

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

/** 16 random digits, as the complainant sees them: four groups of four. */
export function newReceipt(): string {
  const digits = Array.from({ length: 16 }, () => crypto.randomInt(0, 10)).join('');
  return formatReceipt(digits);
}

export const formatReceipt = (digits: string) => digits.match(/\d{4}/g)!.join(' ');

/** The digits of a receipt as typed (spaces, dashes and Thai digits allowed), or null when it cannot be one. */
export function receiptDigits(typed: string): string | null {
  const d = typed.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/[\s-]/g, '');
  return /^\d{16}$/.test(d) ? d : null;
}

/**
 * What the database keeps to find a case by its receipt: an HMAC of its first six digits only. The other ten go only
 * through Argon2id (the case key's wrap), so a thief holding the database and SECRET_KEY must run Argon2id ten
 * billion times per case, not sweep the receipts with a fast hash. A few cases may share a lookup; each is tried.
 */
export const LOOKUP_DIGITS = 6;
export const receiptLookup = (keys: Keys, digits: string) => hmac(keys, `complaint-receipt:${digits.slice(0, LOOKUP_DIGITS)}`);

const RECEIPT_CONTEXT = 'complaint-receipt';

/** A new case key, sealed under the receipt: what the complainant can open again. */
export async function sealForReceipt(key: Buffer, digits: string): Promise<{ receipt_salt: string; receipt_wrap: string }> {
  const salt = randomBytes(SALT_BYTES);
  const k = await deriveKey(digits, salt, KDF_INTERACTIVE);
  try {
    return { receipt_salt: b64(salt), receipt_wrap: b64(seal(k, key, RECEIPT_CONTEXT)) };
  } finally {
    wipe(k);
  }
}

/** The case key from the receipt, or null when the receipt does not open it. */
export async function openWithReceipt(row: { receipt_salt: string; receipt_wrap: string }, digits: string): Promise<Buffer | null> {
  const k = await deriveKey(digits, unb64(row.receipt_salt), KDF_INTERACTIVE);
  try {
    return open(k, unb64(row.receipt_wrap), RECEIPT_CONTEXT);
  } catch {
    return null;
  } finally {
    wipe(k);
  }
}

export const newCaseKey = randomKey;

export const sealKeyTo = (publicKey: Buffer, key: Buffer) => b64(sealTo(publicKey, key));

export function openKeyWith(pair: { publicKey: Buffer; secretKey: Buffer }, sealed: string): Buffer | null {
  try {
    return openSealed(pair.publicKey, pair.secretKey, unb64(sealed));
  } catch {
    return null;
  }
}

/** Places inside a case: a sealed value moved to another place does not open. */
export const place = {
  content: (id: number) => `complaint:${id}:content`,
  identity: (id: number) => `complaint:${id}:identity`,
  message: (id: number, messageId: number) => `complaint:${id}:message:${messageId}`,
  fileMeta: (id: number, fileRowId: number) => `complaint:${id}:file-meta:${fileRowId}`,
  /** a file's bytes are stored before their row exists: bound to a random reference kept in the sealed meta */
  fileBytes: (ref: string) => `complaint-file:${ref}`,
  visit: (visitId: string) => `complaint-visit:${visitId}`,
};

export const sealJson = (key: Buffer, value: unknown, where: string) => b64(seal(key, Buffer.from(JSON.stringify(value)), where));
export const openJson = <T>(key: Buffer, sealed: string, where: string): T => JSON.parse(open(key, unb64(sealed), where).toString('utf8')) as T;
export const sealBytes = (key: Buffer, bytes: Buffer, where: string) => seal(key, bytes, where);
export const openBytes = (key: Buffer, sealed: Buffer, where: string) => open(key, sealed, where);
export const sealText = (key: Buffer, value: Buffer, where: string) => b64(seal(key, value, where));
export const openText = (key: Buffer, sealed: string, where: string) => open(key, unb64(sealed), where);
