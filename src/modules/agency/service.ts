// The agency: its site identity for the layout, its profile, divisions and executives.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { tx } from '../../platform/db/index.ts';
import { IMAGE_KINDS, type UploadPart } from '../../platform/files/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { AgencySite } from '../../platform/http/types.ts';
import type { SiteInfo } from '../../platform/views/ctx.ts';
import { TtlCache } from '../../platform/cache.ts';
import { publicChanged } from '../../platform/changes.ts';
import { siteUrl } from '../../platform/site.ts';
import { getDivision, getExecutive, listChannels, type Channel, type Executive, type Side } from './store.ts';
import { agencyForHost, updateAgency, type Agency } from '../../platform/tenant.ts';

function site(a: Agency, channels: Channel[], lang: 'th' | 'en'): SiteInfo {
  const th = lang === 'th';
  return {
    agencyId: a.id,
    name: th ? a.name_th : a.name_en || a.name_th,
    subtitle: th ? [a.district_th, a.province_th && `จังหวัด${a.province_th}`].filter(Boolean).join(' ') : a.province_en ? `${a.province_en} Province, Thailand` : '',
    address: [th ? a.address_th : a.address_en || a.address_th, a.postcode].filter(Boolean).join(' '),
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    hours: th ? a.office_hours_th : a.office_hours_en || a.office_hours_th,
    channels: channels.map((c) => ({ kind: c.kind, label: th ? c.label_th : c.label_en || c.label_th, url: c.url })),
  };
}

// A short cache: the layout needs the agency on every request. Changes made here clear it at once;
// other app processes see them within CACHE_MS.
const cache = new TtlCache<AgencySite>(10_000);
/** The current executives for the home page, same rule. */
export const leadersCache = new TtlCache<Executive[]>(5_000);

/** After the demo agency is made (its site was not found a moment ago). */
export function clearSiteCache(): void {
  cache.clear();
}

export function siteResolver(p: Platform) {
  return (hostname: string): Promise<AgencySite> =>
    cache.get(hostname.toLowerCase(), async () => {
      const a = await agencyForHost(p.db, hostname.toLowerCase());
      if (!a) throw new Error('no agency in the database; run `npm run cli -- seed-demo` or create one');
      const channels = await listChannels(p.db, a.id);
      return { id: a.id, url: siteUrl(p.config.baseUrl, a.hostname), th: site(a, channels, 'th'), en: site(a, channels, 'en') };
    });
}

export interface ProfileInput {
  name_th: string;
  name_en: string;
  address_th: string;
  address_en: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  office_hours_th: string;
  office_hours_en: string;
  map_url: string;
}

export async function updateProfile(p: Platform, actor: CurrentUser, input: ProfileInput): Promise<void> {
  requirePermission(actor, 'agency.edit');
  await tx(p.db, async (t) => {
    await updateAgency(t, actor.agencyId, input);
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'agency.profile.update', targetType: 'agency', targetId: actor.agencyId, summary: 'updated the agency profile' });
    publicChanged(t, actor.agencyId);
  });
}

export interface ExecutiveInput {
  side: Side;
  name_th: string;
  name_en: string;
  position_th: string;
  position_en: string;
  phone: string;
  email: string;
  sort_order: number;
  is_current: boolean;
}

/** Creates (id null) or updates an executive; a new portrait replaces the old one. */
export async function saveExecutive(p: Platform, actor: CurrentUser, id: number | null, input: ExecutiveInput, portrait: UploadPart | null): Promise<number> {
  requirePermission(actor, 'agency.edit');
  // the bytes go to storage before the transaction; the row that refers to them commits with the change
  const stored = portrait ? await p.files.put(portrait, IMAGE_KINDS) : null;
  return tx(p.db, async (t) => {
    if (id !== null && !(await getExecutive(t, actor.agencyId, id))) throw new NotFoundError();
    const file = stored ? await p.files.record(t, stored, { agencyId: actor.agencyId, owner: 'agency', createdBy: actor.id }) : null;
    const values = { ...input, ...(file ? { portrait_file_id: file.id } : {}) };
    let savedId: number;
    if (id === null) {
      savedId = (await t.k.insertInto('executive').values({ ...values, agency_id: actor.agencyId }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      await t.k.updateTable('executive').set(values).where('id', '=', id).where('agency_id', '=', actor.agencyId).execute();
      savedId = id;
    }
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: id === null ? 'agency.executive.create' : 'agency.executive.update', targetType: 'executive', targetId: savedId, summary: `${input.position_th}${file ? ', new portrait' : ''}${input.is_current ? '' : ', left office'}` });
    publicChanged(t, actor.agencyId);
    return savedId;
  });
}

export interface DivisionInput {
  side: Side;
  name_th: string;
  name_en: string;
  duties_th: string;
  parent_id: number | null;
  sort_order: number;
}

export async function saveDivision(p: Platform, actor: CurrentUser, id: number | null, input: DivisionInput): Promise<number> {
  requirePermission(actor, 'agency.edit');
  return tx(p.db, async (t) => {
    if (id !== null && !(await getDivision(t, actor.agencyId, id))) throw new NotFoundError();
    // the parent must exist and must not lie below this division (no cycles)
    for (let at = input.parent_id, hops = 0; at !== null; hops++) {
      const parent = await getDivision(t, actor.agencyId, at);
      if (!parent || at === id || hops > 50) throw new ValidationError({ parent_id: 'err.choice' });
      at = parent.parent_id;
    }
    let savedId: number;
    if (id === null) savedId = (await t.k.insertInto('division').values({ ...input, agency_id: actor.agencyId }).returning('id').executeTakeFirstOrThrow()).id;
    else {
      await t.k.updateTable('division').set(input).where('id', '=', id).where('agency_id', '=', actor.agencyId).execute();
      savedId = id;
    }
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: id === null ? 'agency.division.create' : 'agency.division.update', targetType: 'division', targetId: savedId, summary: input.name_th });
    publicChanged(t, actor.agencyId);
    return savedId;
  });
}
