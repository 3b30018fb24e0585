// The demo agency, loaded on first start from data copied into seed/ (never from ../shared at run time).
import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, insertStaffUser, systemActor } from '../../platform/auth/users.ts';
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { tx, type Tx } from '../../platform/db/index.ts';
import { createAgency, firstAgencyId } from '../../platform/tenant.ts';
import { placeholderPortrait } from './portrait.ts';
import { clearSiteCache } from './service.ts';

import { SEED_DIR } from '../../platform/paths.ts';

interface DivisionSeed {
  side: string;
  name_th: string;
  name_en: string;
  duties_th?: string;
  children?: DivisionSeed[];
}
interface DemoAgency {
  slug: string;
  type_en: string;
  province_en: string;
  address_th: string;
  address_en: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  office_hours_th: string;
  office_hours_en: string;
  map_url: string;
  channels: Array<{ kind: string; label_th: string; label_en: string; url: string }>;
  divisions: DivisionSeed[];
  executives: Array<{ side: string; name_th: string; name_en: string; position_th: string; position_en: string; phone: string; email: string }>;
  users: Array<{ username: string; display_name: string; roles: Role[] }>;
}

export function readSeed<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SEED_DIR, name), 'utf8')) as T;
}

export interface DemoResult {
  agencyId: number;
  usernames: string[];
  password: string;
}

async function insertDivisions(t: Tx, agencyId: number, list: DivisionSeed[], parentId: number | null): Promise<void> {
  for (const [i, d] of list.entries()) {
    const row = await t.k
      .insertInto('division')
      .values({ agency_id: agencyId, parent_id: parentId, side: d.side, name_th: d.name_th, name_en: d.name_en, duties_th: d.duties_th ?? '', sort_order: i })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (d.children) await insertDivisions(t, agencyId, d.children, row.id);
  }
}

/** Creates the demo agency when the database has none; returns null when one exists. */
export async function seedDemoAgency(p: Platform): Promise<DemoResult | null> {
  if ((await firstAgencyId(p.db)) !== undefined) return null;
  const report = readSeed<{ agency: { name_th: string; name_en: string; type: string; district_th: string; province_th: string } }>('sample-integrity-report-2567.json');
  const demo = readSeed<DemoAgency>('demo-agency.json');
  const password = p.config.demoPassword ?? generatePassword();
  const hash = await hashPassword(password);
  const now = new Date().toISOString();
  // the portraits' bytes are stored before the transaction that records them (docs/modules.md, Files)
  const portraits = await Promise.all(demo.executives.map((_, i) => p.files.putGenerated(`portrait-${i + 1}.png`, placeholderPortrait(i + 1), 'png')));
  const agencyId = await p.files.keepIf(portraits, () => tx(p.db, async (t) => {
    const a = report.agency;
    const id = await createAgency(t, {
      slug: demo.slug, hostname: null, name_th: a.name_th, name_en: a.name_en, type_th: a.type, type_en: demo.type_en,
      district_th: a.district_th, province_th: a.province_th, province_en: demo.province_en, address_th: demo.address_th,
      address_en: demo.address_en, postcode: demo.postcode, phone: demo.phone, fax: demo.fax, email: demo.email,
      office_hours_th: demo.office_hours_th, office_hours_en: demo.office_hours_en, map_url: demo.map_url, created_at: now, updated_at: now,
    });
    await t.k.insertInto('channel').values(demo.channels.map((c, i) => ({ ...c, agency_id: id, sort_order: i }))).execute();
    await insertDivisions(t, id, demo.divisions, null);
    for (const [i, e] of demo.executives.entries()) {
      const file = await p.files.record(t, portraits[i]!, { agencyId: id, owner: 'agency', createdBy: null });
      await t.k.insertInto('executive').values({ ...e, agency_id: id, portrait_file_id: file.id, sort_order: i, is_current: true, term_start: '2024-05-01', term_end: null, division_id: null }).execute();
    }
    for (const u of demo.users) {
      await insertStaffUser(t, { agencyId: id, username: u.username, displayName: u.display_name, email: '', roles: u.roles, passwordHash: hash, mustChangePassword: false, isDemo: true });
    }
    await recordAudit(t, { agencyId: id, actor: actorOf(systemActor(id, 'demo')), action: 'demo.seed', targetType: 'agency', targetId: id, summary: `loaded the demo agency with ${demo.users.length} staff accounts` });
    return id;
  }));
  clearSiteCache();
  return { agencyId, usernames: demo.users.map((u) => u.username), password };
}
