// Freezing a year's answer sheet: the moment it is sent to the ITAS system, the URL, content hash, file hashes and
// time of every piece of bound evidence are recorded, and a manifest of them is signed with the agency's Ed25519 key
// (its private key sealed with the installation's SECRET_KEY; its public key published for anyone to verify). The
// daily check then flags frozen evidence that changed or went; a manifest can be verified against the key and against
// the evidence as it is now.
import crypto from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { toJson, tx, type DbLike } from '../../platform/db/index.ts';
import { HttpError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { Gate } from '../../platform/http/multipart.ts';
import type { Platform } from '../../platform/platform.ts';
import { agencyUrl } from '../../platform/site.ts';
import { getAgency } from '../../platform/tenant.ts';
import { itemReadiness } from './readiness.ts';
import { canonical, compareFrozen, pool, snapshotOf, type FileHash } from './snapshot.ts';
import { listBindings, listItems } from './store.ts';

export const MANIFEST_FORMAT = 'prongsai-oit-manifest/1';

export interface SigningKey {
  keyId: string;
  /** SPKI PEM */
  publicKey: string;
}

const keyIdOf = (publicKeyPem: string) => crypto.createHash('sha256').update(crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

// The public key is never read from the database: it is derived from the sealed private key every time (and cached
// per sealed value). Someone who can write to the database but does not hold SECRET_KEY cannot make a sealed key the
// installation opens, so cannot put their own key in place of the agency's. The table's key_id and public_key columns
// are a record for operators only.
const derived = new WeakMap<object, Map<string, SigningKey & { privateKey: crypto.KeyObject }>>();

function openSealed(p: Platform, sealed: string): SigningKey & { privateKey: crypto.KeyObject } {
  let byKeys = derived.get(p.keys);
  if (!byKeys) derived.set(p.keys, (byKeys = new Map()));
  const have = byKeys.get(sealed);
  if (have) return have;
  const privateKey = crypto.createPrivateKey(decrypt(p.keys, sealed));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the sealed manifest signing key is not an Ed25519 key');
  const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const key = { keyId: keyIdOf(publicKey), publicKey, privateKey };
  byKeys.set(sealed, key);
  return key;
}

async function sealedKey(db: DbLike, agencyId: number): Promise<string | null> {
  const row = await db.k.selectFrom('oit_signing_key').select('private_key_sealed').where('agency_id', '=', agencyId).executeTakeFirst();
  return row?.private_key_sealed ?? null;
}

/** The agency's signing key, made at first use (of two first uses at once, one key is kept). */
async function agencyKey(p: Platform, agencyId: number): Promise<SigningKey & { privateKey: crypto.KeyObject }> {
  const have = await sealedKey(p.db, agencyId);
  if (have) return openSealed(p, have);
  const pair = crypto.generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sealed = encrypt(p.keys, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await p.db.k.insertInto('oit_signing_key').values({ agency_id: agencyId, key_id: keyIdOf(publicKey), public_key: publicKey, private_key_sealed: sealed, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('agency_id').doNothing()).execute();
  return openSealed(p, (await sealedKey(p.db, agencyId))!);
}

/** The agency's signing key (its id and public key), made at first use. */
export async function signingKey(p: Platform, agencyId: number): Promise<SigningKey> {
  const { keyId, publicKey } = await agencyKey(p, agencyId);
  return { keyId, publicKey };
}

/** The agency's public key, if it has one yet: derived from the sealed private key, never read from a column. */
export async function publicSigningKey(p: Platform, agencyId: number): Promise<SigningKey | null> {
  const sealed = await sealedKey(p.db, agencyId);
  if (!sealed) return null;
  const { keyId, publicKey } = openSealed(p, sealed);
  return { keyId, publicKey };
}

async function sign(p: Platform, agencyId: number, bytes: Buffer): Promise<string> {
  return crypto.sign(null, bytes, (await agencyKey(p, agencyId)).privateKey).toString('base64');
}

export interface ManifestEntry {
  item: string;
  title: string;
  kind: 'internal' | 'external';
  url: string;
  contentSha256: string;
  files: FileHash[];
  recordedAt: string;
}

export interface Manifest {
  format: string;
  agency: { name: string; url: string };
  year: number;
  frozenAt: string;
  key: { algorithm: 'Ed25519'; id: string; publicKey: string };
  entries: ManifestEntry[];
}

export interface FreezeInfo {
  year: number;
  frozenAt: string;
  keyId: string;
  entries: number;
}

export async function getFreeze(db: DbLike, agencyId: number, year: number): Promise<FreezeInfo | null> {
  const f = await db.k.selectFrom('oit_freeze').select(['id', 'year', 'frozen_at', 'key_id']).where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (!f) return null;
  const n = await db.k.selectFrom('oit_freeze_entry').select((eb) => eb.fn.countAll<number>().as('n')).where('freeze_id', '=', f.id).executeTakeFirst();
  return { year: f.year, frozenAt: f.frozen_at, keyId: f.key_id, entries: Number(n?.n ?? 0) };
}

/** How many pieces of evidence freezing the year would record (the confirmation page says so). */
export async function bindingCount(db: DbLike, agencyId: number, year: number): Promise<number> {
  const items = await listItems(db, agencyId, year);
  return [...(await listBindings(db, agencyId, items.map((i) => i.id))).values()].reduce((n, b) => n + b.length, 0);
}

/** Freezes the year's answer sheet: records every piece of evidence as it is now and signs the manifest. Once a year. */
export async function freezeYear(p: Platform, actor: CurrentUser, year: number, now = new Date()): Promise<FreezeInfo> {
  requirePermission(actor, 'oit.freeze');
  const agencyId = actor.agencyId;
  const items = await listItems(p.db, agencyId, year);
  if (!items.length) throw new NotFoundError();
  if (await getFreeze(p.db, agencyId, year)) throw new ValidationError({ year: { key: 'oit.err.frozen', vars: { year } } });
  const [base, agency, key] = await Promise.all([agencyUrl(p, agencyId), getAgency(p.db, agencyId), signingKey(p, agencyId)]);
  const rs = await itemReadiness(p.db, agencyId, items);
  const all = rs.flatMap((r) => r.evidence.map((e) => ({ r, e })));
  // the evidence as it is now, outside the transaction (external links are fetched)
  const snaps = await pool(all, 4, ({ e }) => snapshotOf(p, agencyId, base, e));
  const at = now.toISOString();
  const entries: Array<ManifestEntry & { itemId: number; bindingId: number }> = all.map(({ r, e }, i) => ({
    itemId: r.item.id, bindingId: e.binding.id,
    item: r.item.code, title: e.evidence?.title.th ?? e.binding.label, kind: snaps[i]!.kind, url: snaps[i]!.url || e.binding.url,
    contentSha256: snaps[i]!.contentSha256, files: snaps[i]!.files, recordedAt: at,
  }));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    agency: { name: agency?.name_th ?? '', url: base },
    year,
    frozenAt: at,
    key: { algorithm: 'Ed25519', id: key.keyId, publicKey: key.publicKey },
    entries: entries.map(({ itemId: _i, bindingId: _b, ...m }) => m),
  };
  const bytes = canonical(manifest);
  const signature = await sign(p, agencyId, Buffer.from(bytes, 'utf8'));
  await tx(p.db, async (t) => {
    // once a year: of two admins freezing at once, the second is told it is done
    const f = await t.k.insertInto('oit_freeze').values({ agency_id: agencyId, year, frozen_by: actor.id, frozen_at: at, key_id: key.keyId, manifest: bytes, signature })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing()).returning('id').executeTakeFirst();
    if (!f) throw new ValidationError({ year: { key: 'oit.err.frozen', vars: { year } } });
    for (const e of entries) {
      await t.k.insertInto('oit_freeze_entry').values({ freeze_id: f.id, agency_id: agencyId, item_id: e.itemId, binding_id: e.bindingId, code: e.item, kind: e.kind, url: e.url, content_sha256: e.contentSha256, files: toJson(e.files), recorded_at: at }).execute();
    }
    await recordAudit(t, { agencyId, actor: actorOf(actor), action: 'oit.freeze', targetType: 'oit_year', targetId: year, summary: `answer sheet frozen: ${entries.length} pieces of evidence, key ${key.keyId}` });
  });
  return { year, frozenAt: at, keyId: key.keyId, entries: entries.length };
}

/** The signed manifest as a file: the manifest's fields and, beside them, the signature of their canonical form. */
export async function signedManifest(db: DbLike, agencyId: number, year: number): Promise<string | null> {
  const f = await db.k.selectFrom('oit_freeze').select(['manifest', 'signature']).where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (!f) return null;
  return `${JSON.stringify({ ...JSON.parse(f.manifest), signature: f.signature }, null, 2)}\n`;
}

// ---- verifying ----

/** the largest manifest verified: a year's evidence with its hashes is well under this */
export const MANIFEST_MAX_BYTES = 2 * 1024 * 1024;
/** pieces of evidence a manifest may list, and files per piece (a year has a few hundred items) */
export const MANIFEST_MAX_ENTRIES = 5_000;
export const MANIFEST_MAX_FILES = 100;

// every string and array bounded: a crafted manifest is refused by the schema, not walked through
const hash = z.string().max(64);
const link = z.string().max(2048);
const when = z.string().max(40);
const fileSchema = z.object({ url: link, sha256: hash });
const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  agency: z.object({ name: z.string().max(500), url: link }),
  year: z.number().int(),
  frozenAt: when,
  key: z.object({ algorithm: z.literal('Ed25519'), id: z.string().max(64), publicKey: z.string().max(1000) }),
  entries: z.array(z.object({ item: z.string().max(40), title: z.string().max(1000), kind: z.enum(['internal', 'external']), url: link, contentSha256: hash, files: z.array(fileSchema).max(MANIFEST_MAX_FILES), recordedAt: when })).max(MANIFEST_MAX_ENTRIES),
  signature: z.string().max(200),
});

/**
 * One verification re-checks its evidence at a time (each external link fetched again, each file hashed again): a second
 * one at the same moment is told the system is busy, at once, rather than queued behind it.
 */
export const verifyGate = new Gate(1, 0, 0, () => new HttpError(503, 'error.503.title', 'oit.verify.busy'));

export type SignatureVerdict = 'valid' | 'invalid' | 'other_key' | 'malformed';

/** A signed manifest read on its own: is it well formed, and does its signature hold for the key it names? */
export function checkSignature(text: string): { verdict: SignatureVerdict; manifest: Manifest | null } {
  let parsed: z.infer<typeof manifestSchema>;
  try {
    const r = manifestSchema.safeParse(JSON.parse(text));
    if (!r.success) return { verdict: 'malformed', manifest: null };
    parsed = r.data;
  } catch {
    return { verdict: 'malformed', manifest: null };
  }
  const { signature, ...manifest } = parsed;
  let ok = false;
  try {
    const key = crypto.createPublicKey(manifest.key.publicKey);
    ok = key.asymmetricKeyType === 'ed25519' && keyIdOf(manifest.key.publicKey) === manifest.key.id && crypto.verify(null, Buffer.from(canonical(manifest), 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  return { verdict: ok ? 'valid' : 'invalid', manifest };
}

export interface EntryCheck {
  item: string;
  title: string;
  url: string;
  state: 'same' | 'changed' | 'gone';
}

export interface VerifyResult {
  verdict: SignatureVerdict;
  year: number | null;
  frozenAt: string | null;
  /** the evidence now, entry by entry (only for a valid manifest of this agency's key and a frozen year) */
  entries: EntryCheck[];
  /** signed by this agency, and every piece of evidence is as it was */
  intact: boolean;
}

/** Verifies an uploaded manifest: its signature by this agency's key, then each piece of evidence against what it is now. */
export async function verifyManifest(p: Platform, actor: CurrentUser, text: string): Promise<VerifyResult> {
  requirePermission(actor, 'oit.read');
  const agencyId = actor.agencyId;
  const { verdict: sig, manifest } = checkSignature(text);
  if (sig !== 'valid' || !manifest) return { verdict: sig, year: manifest?.year ?? null, frozenAt: manifest?.frozenAt ?? null, entries: [], intact: false };
  const ours = await publicSigningKey(p, agencyId);
  if (!ours || ours.keyId !== manifest.key.id || ours.publicKey.trim() !== manifest.key.publicKey.trim()) return { verdict: 'other_key', year: manifest.year, frozenAt: manifest.frozenAt, entries: [], intact: false };
  const f = await p.db.k.selectFrom('oit_freeze').select(['id', 'manifest']).where('agency_id', '=', agencyId).where('year', '=', manifest.year).executeTakeFirst();
  // signed by us but not the sheet on record (it cannot be, unless the database lost it): compare with nothing
  if (!f || f.manifest !== canonical(manifest)) return { verdict: 'valid', year: manifest.year, frozenAt: manifest.frozenAt, entries: manifest.entries.map((e) => ({ item: e.item, title: e.title, url: e.url, state: 'gone' as const })), intact: false };
  const release = await verifyGate.enter();
  try {
    return await recheck(p, agencyId, manifest, f.id);
  } finally {
    release();
  }
}

async function recheck(p: Platform, agencyId: number, manifest: Manifest, freezeId: number): Promise<VerifyResult> {
  const rows = await p.db.k.selectFrom('oit_freeze_entry').selectAll().where('freeze_id', '=', freezeId).orderBy('id').execute();
  const base = await agencyUrl(p, agencyId);
  const items = await listItems(p.db, agencyId, manifest.year);
  const rs = await itemReadiness(p.db, agencyId, items);
  const byBinding = new Map(rs.flatMap((r) => r.evidence.map((e) => [e.binding.id, e] as const)));
  const entries = await pool(rows.map((row, i) => ({ row, m: manifest.entries[i] })), 4, async ({ row, m: entry }) => {
    const m = entry ?? { item: row.code, title: '', url: row.url, contentSha256: row.content_sha256, files: [] };
    const e = row.binding_id === null ? undefined : byBinding.get(row.binding_id);
    if (!e) return { item: m.item, title: m.title, url: m.url, state: 'gone' as const };
    const snap = await snapshotOf(p, agencyId, base, e);
    const present = !!e.evidence && (e.external || e.evidence.published);
    return { item: m.item, title: m.title, url: m.url, state: compareFrozen({ content_sha256: m.contentSha256, files: m.files }, snap, present) };
  });
  return { verdict: 'valid', year: manifest.year, frozenAt: manifest.frozenAt, entries, intact: entries.every((e) => e.state === 'same') };
}

