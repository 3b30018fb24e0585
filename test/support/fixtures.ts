// Fixture builders for service-level tests without the demo: an agency, staff with given roles, a document.
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { insertStaffUser, loadCurrentUser, type CurrentUser } from '../../src/platform/auth/users.ts';
import { tx } from '../../src/platform/db/index.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { createAgency, firstAgencyId } from '../../src/platform/tenant.ts';
import { createContent, type ContentInput } from '../../src/modules/publishing/index.ts';

export const FIXTURE_PASSWORD = 'fixture-password-2570';

/** The one agency of a bare installation, made once. */
export async function bareAgency(p: Platform): Promise<number> {
  const existing = await firstAgencyId(p.db);
  if (existing !== undefined) return existing;
  const now = new Date().toISOString();
  return tx(p.db, (t) =>
    createAgency(t, {
      slug: 'test', hostname: null, name_th: 'องค์การบริหารส่วนจังหวัดทดสอบ', name_en: 'Test PAO', type_th: 'องค์การบริหารส่วนจังหวัด', type_en: 'PAO',
      district_th: '', province_th: 'ทดสอบ', province_en: 'Test', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '',
      office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now,
    }),
  );
}

let counter = 0;

/** A staff account with the given roles (password FIXTURE_PASSWORD), loaded as services see it. */
export async function staff(p: Platform, roles: Role[], username = `staff${++counter}`): Promise<CurrentUser> {
  const agencyId = await bareAgency(p);
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const id = await tx(p.db, (t) => insertStaffUser(t, { agencyId, username, displayName: `เจ้าหน้าที่ ${username}`, email: '', roles, passwordHash: hash, mustChangePassword: false, isDemo: false }));
  return (await loadCurrentUser(p.db, agencyId, id, true))!;
}

/** A draft document by the given author; fields may be overridden. */
export async function draftDocument(p: Platform, author: CurrentUser, over: Partial<ContentInput> = {}): Promise<number> {
  return createContent(p, author, {
    kind: 'document', slug: '', title_th: 'เอกสารทดสอบ', title_en: '', summary_th: '', summary_en: '', body_format: 'markdown', body_th: 'เนื้อหา', body_en: '',
    category: 'announcement', fiscal_year: 2570, period: null, is_signoff_required: false, signoff_name: '', signoff_position: '', signoff_date: null, ...over,
  });
}
