// API keys of the systems that post requests through Open311: a random 32-byte token shown once; only its SHA-256
// is stored (the token is long and random, so a plain hash is enough), with a short prefix to recognise it by.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { tx } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { KEYS } from './kinds.ts';

const PREFIX = 'es_';

export async function createApiKey(p: Platform, actor: Acting, name: string): Promise<{ id: number; key: string }> {
  requirePermission(actor, KEYS);
  const key = `${PREFIX}${randomToken(32)}`;
  const id = await tx(p.db, async (t) => {
    const row = await t.k.insertInto('eservice_api_key').values({ agency_id: actor.agencyId, name, key_hash: sha256(key), prefix: key.slice(0, 10), created_by: actor.id, created_at: new Date().toISOString(), last_used_at: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'eservice.apikey.create', targetType: 'eservice_api_key', targetId: row.id, summary: `Open311 API key ${key.slice(0, 10)}… created` });
    return row.id;
  });
  return { id, key };
}

export async function revokeApiKey(p: Platform, actor: Acting, id: number): Promise<void> {
  requirePermission(actor, KEYS);
  await tx(p.db, async (t) => {
    const k = await t.k.selectFrom('eservice_api_key').select(['id', 'prefix', 'revoked_at']).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
    if (!k) throw new NotFoundError();
    if (k.revoked_at) return;
    await t.k.updateTable('eservice_api_key').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'eservice.apikey.revoke', targetType: 'eservice_api_key', targetId: id, summary: `Open311 API key ${k.prefix}… revoked` });
  });
}

/** The key's id when the token is a live key of this agency, else null; its last use is noted. */
export async function checkApiKey(p: Platform, agencyId: number, token: string): Promise<number | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const k = await p.db.k.selectFrom('eservice_api_key').select(['id', 'revoked_at']).where('agency_id', '=', agencyId).where('key_hash', '=', sha256(token)).executeTakeFirst();
  if (!k || k.revoked_at) return null;
  await p.db.k.updateTable('eservice_api_key').set({ last_used_at: new Date().toISOString() }).where('id', '=', k.id).execute();
  return k.id;
}
