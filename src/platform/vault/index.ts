// The key vault. Each person who reads sealed data holds an X25519 key pair; the private key is stored wrapped under a
// key derived from their password (Argon2id), so the database alone never yields it. Signing in unwraps it and wraps
// it again under a fresh random key that only the person's browser keeps (the key cookie), for the session: a request
// with both the session and that cookie can use it, nothing else can. Who holds keys is declared by the modules
// (`keyHolders`: permissions). See SECURITY.md for what this protects against and what it cannot.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type HasRoles } from '../auth/roles.ts';
import type { DbLike } from '../db/index.ts';
import type { Platform } from '../platform.ts';
import { deriveKey, KDF_INTERACTIVE, keyPair, open, publicKeyOf, randomBytes, randomKey, SALT_BYTES, seal, wipe, type KdfCost } from './box.ts';

export const KEY_COOKIE = 'pkey';

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

/** Binds a stored public key to its owner under a key from SECRET_KEY (the platform's audit key, another context). */
function keyMac(db: DbLike, owner: string, publicKey: string): string {
  if (!db.auditKey) throw new Error('the vault needs SECRET_KEY (the platform sets it)');
  return crypto.createHmac('sha256', db.auditKey).update(`vault-public-key\n${owner}\n${publicKey}`).digest('base64');
}

function macHolds(db: DbLike, owner: string, publicKey: string, mac: string): boolean {
  const want = Buffer.from(keyMac(db, owner, publicKey));
  const got = Buffer.from(mac);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

/** Does this person hold a key pair (a module declared one of their permissions as needing it)? */
export function holdsKeys(p: Platform, user: HasRoles): boolean {
  return p.modules.some((m) => (m.keyHolders ?? []).some((perm) => can(user, perm)));
}

async function kek(password: string, row: { kdf_salt: string; kdf_ops: number; kdf_mem: number }): Promise<Buffer> {
  return deriveKey(password, unb64(row.kdf_salt), { ops: row.kdf_ops, mem: row.kdf_mem });
}

async function wrapForPassword(secretKey: Buffer, password: string, userId: number, cost: KdfCost) {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, cost);
  try {
    return { wrapped_private: b64(seal(key, secretKey, `user-key:${userId}`)), kdf_salt: b64(salt), kdf_ops: cost.ops, kdf_mem: cost.mem };
  } finally {
    wipe(key);
  }
}

/** The person's key pair, made now (wrapped under this password) when they have none yet. */
export async function ensureKeyPair(p: Platform, user: { id: number; agencyId: number }, password: string) {
  const existing = await p.db.k.selectFrom('user_key').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  if (existing) return existing;
  const now = new Date().toISOString();
  const pair = keyPair();
  try {
    const wrapped = await wrapForPassword(pair.secretKey, password, user.id, KDF_INTERACTIVE);
    // two sign-ins at once: the first key pair stays
    const publicKey = b64(pair.publicKey);
    await p.db.k.insertInto('user_key').values({ user_id: user.id, agency_id: user.agencyId, public_key: publicKey, key_mac: keyMac(p.db, `user:${user.id}`, publicKey), ...wrapped, created_at: now, updated_at: now }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  } finally {
    wipe(pair.secretKey);
  }
  return p.db.k.selectFrom('user_key').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
}

/**
 * At sign-in, with the password just verified: unwraps (or first makes) the person's key pair and leaves it for the
 * session under a key that goes to the browser only. Returns the cookie value, or null for people who hold no keys.
 */
export async function openAtSignIn(p: Platform, user: HasRoles & { id: number; agencyId: number }, password: string, hours: number): Promise<string | null> {
  if (!holdsKeys(p, user)) return null;
  const now = new Date().toISOString();
  const row = await ensureKeyPair(p, user, password);
  let secretKey: Buffer;
  const key = await kek(password, row);
  try {
    secretKey = open(key, unb64(row.wrapped_private), `user-key:${user.id}`);
  } finally {
    wipe(key);
  }
  // the private key the password opens is the truth: a public key swapped in, or MACed under an old SECRET_KEY, is
  // put right at the person's sign-in
  const publicKey = b64(publicKeyOf(secretKey));
  if (publicKey !== row.public_key || !macHolds(p.db, `user:${user.id}`, row.public_key, row.key_mac)) {
    await p.db.k.updateTable('user_key').set({ public_key: publicKey, key_mac: keyMac(p.db, `user:${user.id}`, publicKey), updated_at: now }).where('user_id', '=', user.id).execute();
  }
  const id = randomBytes(16).toString('base64url');
  const browserKey = randomKey();
  try {
    const expires = new Date(Date.now() + hours * 3600_000).toISOString();
    await p.db.k.deleteFrom('session_key').where('expires_at', '<', now).execute();
    await p.db.k.insertInto('session_key').values({ id, user_id: user.id, wrapped_private: b64(seal(browserKey, secretKey, `session-key:${id}`)), expires_at: expires }).execute();
    return `${id}.${browserKey.toString('base64url')}`;
  } finally {
    wipe(secretKey, browserKey);
  }
}

/** The signed-in person's private key for this request (the caller wipes it), or null without a usable key cookie. */
export async function privateKeyOf(p: Platform, req: FastifyRequest): Promise<{ publicKey: Buffer; secretKey: Buffer } | null> {
  const user = req.user;
  const cookie = req.cookies[KEY_COOKIE];
  if (!user || !cookie) return null;
  const [id, k] = cookie.split('.');
  if (!id || !k) return null;
  const row = await p.db.k
    .selectFrom('session_key')
    .innerJoin('user_key', 'user_key.user_id', 'session_key.user_id')
    .select(['session_key.wrapped_private', 'session_key.expires_at', 'user_key.public_key'])
    .where('session_key.id', '=', id)
    .where('session_key.user_id', '=', user.id)
    .executeTakeFirst();
  if (!row || row.expires_at < new Date().toISOString()) return null;
  const browserKey = Buffer.from(k, 'base64url');
  try {
    const secretKey = open(browserKey, unb64(row.wrapped_private), `session-key:${id}`);
    const publicKey = unb64(row.public_key);
    // a key pair replaced since (a password reset) leaves this session's copy stale
    if (!publicKeyOf(secretKey).equals(publicKey)) return wipe(secretKey), null;
    return { publicKey, secretKey };
  } catch {
    return null;
  } finally {
    wipe(browserKey);
  }
}

export function setKeyCookie(p: Platform, reply: FastifyReply, value: string): void {
  reply.setCookie(KEY_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: p.config.baseUrl.startsWith('https://') });
}

/** Signing out forgets the session's copy; the cookie goes too. */
export async function closeAtSignOut(p: Platform, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = req.cookies[KEY_COOKIE]?.split('.')[0];
  if (id) await p.db.k.deleteFrom('session_key').where('id', '=', id).execute();
  reply.clearCookie(KEY_COOKIE, { path: '/' });
}

/** A new password wraps the same key pair again (the old password is known here: the person typed it). */
export async function rewrapForPassword(p: Platform, db: DbLike, userId: number, oldPassword: string, newPassword: string): Promise<void> {
  const row = await db.k.selectFrom('user_key').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return;
  const key = await kek(oldPassword, row);
  let secretKey: Buffer | null = null;
  try {
    secretKey = open(key, unb64(row.wrapped_private), `user-key:${userId}`);
    const wrapped = await wrapForPassword(secretKey, newPassword, userId, KDF_INTERACTIVE);
    await db.k.updateTable('user_key').set({ ...wrapped, updated_at: new Date().toISOString() }).where('user_id', '=', userId).execute();
  } catch {
    // a key that no longer opens with the old password (it never should) is replaced at the next sign-in
    await dropKeys(db, userId);
  } finally {
    wipe(key, secretKey);
  }
}

/**
 * A password set by someone else (an admin's reset, the demo's) cannot unwrap the old key: the key pair is dropped and
 * a new one is made at the next sign-in. Sealed data must be granted to it again by a colleague or the recovery key.
 */
export async function dropKeys(db: DbLike, userId: number): Promise<void> {
  await db.k.deleteFrom('session_key').where('user_id', '=', userId).execute();
  await db.k.deleteFrom('user_key').where('user_id', '=', userId).execute();
}

/** Public keys of these people (those who have signed in since holding keys). */
export async function publicKeysOf(db: DbLike, agencyId: number, userIds?: number[]): Promise<Map<number, Buffer>> {
  let q = db.k.selectFrom('user_key').select(['user_id', 'public_key', 'key_mac']).where('agency_id', '=', agencyId);
  if (userIds) {
    if (userIds.length === 0) return new Map();
    q = q.where('user_id', 'in', userIds);
  }
  // a key whose MAC does not hold was not made here: nothing is sealed to it
  const rows = (await q.execute()).filter((r) => macHolds(db, `user:${r.user_id}`, r.public_key, r.key_mac));
  return new Map(rows.map((r) => [r.user_id, unb64(r.public_key)]));
}

/** The agency's recovery public key, if one was made. */
export async function recoveryPublicKey(db: DbLike, agencyId: number): Promise<Buffer | null> {
  const r = await db.k.selectFrom('recovery_key').select(['public_key', 'key_mac']).where('agency_id', '=', agencyId).executeTakeFirst();
  return r && macHolds(db, `recovery:${agencyId}`, r.public_key, r.key_mac) ? unb64(r.public_key) : null;
}

/**
 * Makes the agency's recovery key pair: the public key is kept, the private key is returned once, to be printed and
 * kept offline (a safe). Refuses when one exists, unless replacing it (what was sealed to the old one stays so).
 */
export async function createRecoveryKey(db: DbLike, agencyId: number, replace = false): Promise<string> {
  const existing = await recoveryPublicKey(db, agencyId);
  if (existing && !replace) throw new Error('this agency already has a recovery key; replace it explicitly');
  const pair = keyPair();
  const publicKey = b64(pair.publicKey);
  const row = { agency_id: agencyId, public_key: publicKey, key_mac: keyMac(db, `recovery:${agencyId}`, publicKey), created_at: new Date().toISOString() };
  await db.k.insertInto('recovery_key').values(row).onConflict((oc) => oc.column('agency_id').doUpdateSet({ public_key: row.public_key, key_mac: row.key_mac, created_at: row.created_at })).execute();
  const text = formatRecoveryKey(pair.secretKey);
  wipe(pair.secretKey);
  return text;
}

/** A recovery key as people copy it: 64 hexadecimal digits in groups of 8. */
export function formatRecoveryKey(secretKey: Buffer): string {
  return secretKey.toString('hex').toUpperCase().match(/.{8}/g)!.join('-');
}

/** A recovery key typed back (spaces and dashes ignored), checked against the agency's public key. */
export async function parseRecoveryKey(db: DbLike, agencyId: number, text: string): Promise<{ publicKey: Buffer; secretKey: Buffer } | null> {
  const hex = text.replace(/[\s-]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  const secretKey = Buffer.from(hex, 'hex');
  const publicKey = await recoveryPublicKey(db, agencyId);
  if (!publicKey || !publicKeyOf(secretKey).equals(publicKey)) return wipe(secretKey), null;
  return { publicKey, secretKey };
}
