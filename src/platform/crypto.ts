// Keys derived from SECRET_KEY, authenticated encryption at rest, HMACs and random public codes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Keys {
  cookieSecret: string;
  encKey: Buffer;
  hmacKey: Buffer;
  /** keys the audit chain's MACs */
  auditKey: Buffer;
}

export function deriveKeys(secretKey: string): Keys {
  const ikm = Buffer.from(secretKey, 'utf8');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', ikm, 'prongsai', info, 32));
  return {
    cookieSecret: derive('cookie').toString('base64url'),
    encKey: derive('encrypt'),
    hmacKey: derive('hmac'),
    auditKey: derive('audit-chain'),
  };
}

/** SECRET_KEY from the environment; in demo mode one is generated once and kept in DATA_DIR. */
export function resolveSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const key = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export function encrypt(keys: Keys, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', keys.encKey, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

export function decrypt(keys: Keys, sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const d = crypto.createDecipheriv('aes-256-gcm', keys.encKey, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

export function hmac(keys: Keys, value: string): string {
  return crypto.createHmac('sha256', keys.hmacKey).update(value).digest('hex');
}

export function sha256(value: string | Buffer): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

// Crockford base32 without I, L, O, U: easy to read aloud and to type from paper
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random code such as 'K7QF-2M9X-T4BD', for receipts, tracking and recovery codes. */
export function randomCode(groups = 3, groupSize = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let s = '';
    for (let i = 0; i < groupSize; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
    parts.push(s);
  }
  return parts.join('-');
}

/** Upper-cases and maps look-alikes (O→0, I/L→1) so a code typed from paper still matches. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function timingSafeEqualStr(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
