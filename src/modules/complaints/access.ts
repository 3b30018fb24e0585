// Who can open a case: approved officers holding complaints.handle to whom its key is sealed, minus those excluded.
// An officer who opens a case seals its key to colleagues who have no copy yet (new officers, renewed key pairs),
// and takes it away from anyone excluded since; the recovery key's copy is never removed.
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { holdersOf } from '../../platform/auth/users.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publicKeysOf, privateKeyOf, recoveryPublicKey } from '../../platform/vault/index.ts';
import { wipe } from '../../platform/vault/box.ts';
import { tx, type Db, type DbLike, type Tx } from '../../platform/db/index.ts';
import { sha256 } from '../../platform/crypto.ts';
import { openKeyWith, sealKeyTo } from './crypto.ts';

const fp = (pub: Buffer) => sha256(pub).slice(0, 16);
import { exclusionsOf, type Complaint } from './store.ts';

export const HANDLE = 'complaints.handle';
export const STATS = 'complaints.stats';

/** Officers approved to receive case keys (complaint_reader); the role alone is not enough. */
export async function approvedReaders(db: DbLike, agencyId: number): Promise<number[]> {
  return (await db.k.selectFrom('complaint_reader').select('user_id').where('agency_id', '=', agencyId).execute()).map((r) => r.user_id);
}

/**
 * The officers a case's key goes to: those who hold the permission, are approved readers, have a key pair, and are
 * not excluded.
 */
export async function readersOf(db: DbLike, agencyId: number, excluded: number[]): Promise<Map<number, Buffer>> {
  const approved = new Set(await approvedReaders(db, agencyId));
  const officers = (await holdersOf(db, agencyId, HANDLE)).map((o) => o.id).filter((id) => approved.has(id) && !excluded.includes(id));
  return publicKeysOf(db, agencyId, officers);
}

/** Seals a new case key to its readers and the recovery key. Refuses when nobody at all could ever open it. */
export async function sealToReaders(t: Tx, agencyId: number, complaintId: number, key: Buffer): Promise<number> {
  const readers = await readersOf(t, agencyId, []);
  const recovery = await recoveryPublicKey(t, agencyId);
  if (!recovery && readers.size === 0) throw new Error('no recovery key and no officer key: the case could not be read');
  const rows: Array<{ complaint_id: number; user_id: number | null; sealed_key: string; key_fp: string }> = [...readers].map(([userId, pub]) => ({ complaint_id: complaintId, user_id: userId, sealed_key: sealKeyTo(pub, key), key_fp: fp(pub) }));
  if (recovery) rows.push({ complaint_id: complaintId, user_id: null, sealed_key: sealKeyTo(recovery, key), key_fp: fp(recovery) });
  if (rows.length) await t.k.insertInto('complaint_key').values(rows).execute();
  return readers.size;
}

/** Can a case reach anyone (intake is refused otherwise: nobody could read what is sent)? */
export async function intakeReady(db: DbLike, agencyId: number): Promise<boolean> {
  return (await recoveryPublicKey(db, agencyId)) !== null || (await readersOf(db, agencyId, [])).size > 0;
}

/** The case key for the officer of this request, or null (no copy for them, no key cookie, or excluded). */
export async function officerCaseKey(p: Platform, req: FastifyRequest, c: Complaint): Promise<Buffer | null> {
  if (!req.user) return null;
  if ((await exclusionsOf(p.db, c.id)).includes(req.user.id)) return null;
  const row = await p.db.k.selectFrom('complaint_key').select('sealed_key').where('complaint_id', '=', c.id).where('user_id', '=', req.user.id).executeTakeFirst();
  if (!row) return null;
  const pair = await privateKeyOf(p, req);
  if (!pair) return null;
  try {
    return openKeyWith(pair, row.sealed_key);
  } finally {
    wipe(pair.secretKey);
  }
}

/** Brings the case's copies in line with who may read it now, using the key in hand. Returns how many were added. */
export async function syncReaders(t: Tx, c: Complaint, key: Buffer): Promise<number> {
  const excluded = await exclusionsOf(t, c.id);
  const readers = await readersOf(t, c.agency_id, excluded);
  const held = await t.k.selectFrom('complaint_key').select(['user_id', 'key_fp']).where('complaint_id', '=', c.id).where('user_id', 'is not', null).execute();
  // copies for people who may no longer read it, or sealed to a key pair they no longer have
  const stale = held.filter((h) => readers.get(h.user_id!) === undefined || fp(readers.get(h.user_id!)!) !== h.key_fp).map((h) => h.user_id!);
  if (stale.length) await t.k.deleteFrom('complaint_key').where('complaint_id', '=', c.id).where('user_id', 'in', stale).execute();
  const current = new Set(held.map((h) => h.user_id!).filter((id) => !stale.includes(id)));
  const missing = [...readers].filter(([id]) => !current.has(id));
  if (missing.length) {
    await t.k.insertInto('complaint_key').values(missing.map(([id, pub]) => ({ complaint_id: c.id, user_id: id, sealed_key: sealKeyTo(pub, key), key_fp: fp(pub) })))
      .onConflict((oc) => oc.columns(['complaint_id', 'user_id']).doNothing()).execute();
  }
  return missing.length;
}

/** The keys of several cases for the officer of this request (a list page): one private key, one query. */
export async function officerCaseKeys(p: Platform, req: FastifyRequest, ids: number[]): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  if (!req.user || ids.length === 0) return out;
  const rows = await p.db.k.selectFrom('complaint_key').select(['complaint_id', 'sealed_key']).where('complaint_id', 'in', ids).where('user_id', '=', req.user.id).execute();
  if (!rows.length) return out;
  const pair = await privateKeyOf(p, req);
  if (!pair) return out;
  try {
    for (const r of rows) {
      const k = openKeyWith(pair, r.sealed_key);
      if (k) out.set(r.complaint_id, k);
    }
  } finally {
    wipe(pair.secretKey);
  }
  return out;
}

/**
 * The recovery procedure: with the agency's recovery key (typed at the server, never stored), every case's key is
 * sealed again to the officers who may read it now — after a password reset, or when the last officer has left.
 */
export async function recoverAccess(db: Db, agencyId: number, recovery: { publicKey: Buffer; secretKey: Buffer }): Promise<{ cases: number; copies: number }> {
  const rows = await db.k.selectFrom('complaint_key').innerJoin('complaint', 'complaint.id', 'complaint_key.complaint_id')
    .selectAll('complaint').select('complaint_key.sealed_key')
    .where('complaint.agency_id', '=', agencyId).where('complaint_key.user_id', 'is', null).where('complaint.purged_at', 'is', null).execute();
  let copies = 0;
  for (const r of rows) {
    const key = openKeyWith(recovery, r.sealed_key);
    if (!key) continue;
    try {
      copies += await tx(db, (t) => syncReaders(t, r, key));
    } finally {
      wipe(key);
    }
  }
  await tx(db, (t) => recordAudit(t, { agencyId, actor: { id: null, label: 'command line' }, action: 'complaint.recover', targetType: 'agency', targetId: agencyId, summary: `recovery key used: ${rows.length} cases, ${copies} new copies` }));
  return { cases: rows.length, copies };
}
