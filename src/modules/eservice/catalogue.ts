// The catalogue: a service's manual texts, its steps (each with its declared time and unit) and its request form,
// saved as one change in one transaction. Rows typed in the editor are checked here and faults named by their box.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { publicChanged } from '../../platform/changes.ts';
import { isUniqueViolation, tx, type Db, type DbLike } from '../../platform/db/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { normalizeLine } from '../../platform/thai/index.ts';
import { indexBilingual, removeDocument } from '../../platform/search/index.ts';
import { syncEach } from '../../platform/search/refold.ts';
import { listDivisions } from '../agency/index.ts';
import type { FieldRow, ServiceInput, StepRow } from './forms.ts';
import { FIELD_KEY_RE, FIELD_KINDS, MANAGE, RESERVED_SLUGS, SLUG_RE, UNITS, type FieldKind, type Unit } from './kinds.ts';
import { getService, stepsOf, type FieldOption, type Service } from './store.ts';

export interface StepInput {
  name_th: string;
  name_en: string;
  detail_th: string;
  duration: number;
  unit: Unit;
  division_id: number | null;
}

export interface FieldInput {
  field_key: string;
  label_th: string;
  label_en: string;
  hint_th: string;
  kind: FieldKind;
  is_required: boolean;
  is_public: boolean;
  options: FieldOption[];
}

type Errors = Record<string, MessageKey | { key: MessageKey; vars: Record<string, string | number> }>;

/** Choices typed as 'หอประชุม; สนามกีฬากลาง' (or one a line): keys 1, 2, 3 … in order. */
export function parseOptions(typed: string): FieldOption[] {
  return typed.split(/[;\n]/).map((s) => normalizeLine(s)).filter(Boolean).map((th, i) => ({ key: String(i + 1), th, en: '' }));
}

/** Steps and fields from the editor's rows: empty rows are left out; a row partly filled must be whole. */
export function rowsToInput(steps: StepRow[], fields: FieldRow[], divisionIds: Set<number>): { steps: StepInput[]; fields: FieldInput[] } {
  const errors: Errors = {};
  const outSteps: StepInput[] = [];
  steps.forEach((r, i) => {
    const p = `step-${i + 1}-`;
    const name = normalizeLine(r.name);
    const duration = r.duration.trim().replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50));
    if (!name && !duration && !normalizeLine(r.detail) && !normalizeLine(r.name_en)) return;
    if (!name) errors[`${p}name`] = 'err.required';
    else if (name.length > 200) errors[`${p}name`] = { key: 'err.tooLong', vars: { max: 200 } };
    const n = Number(duration);
    if (!/^\d{1,6}$/.test(duration) || n < 1) errors[`${p}duration`] = 'eservice.err.duration';
    if (!(UNITS as readonly string[]).includes(r.unit)) errors[`${p}unit`] = 'err.choice';
    const division = r.division.trim() ? Number(r.division) : null;
    if (division !== null && !divisionIds.has(division)) errors[`${p}division`] = 'err.choice';
    outSteps.push({ name_th: name, name_en: normalizeLine(r.name_en).slice(0, 200), detail_th: r.detail.trim().slice(0, 1000), duration: n, unit: r.unit as Unit, division_id: division });
  });
  if (!outSteps.length && !errors['step-1-name']) errors['step-1-name'] = 'eservice.err.noSteps';
  const outFields: FieldInput[] = [];
  const keys = new Set<string>();
  fields.forEach((r, i) => {
    const p = `field-${i + 1}-`;
    const key = r.key.trim().toLowerCase();
    const label = normalizeLine(r.label);
    if (!key && !label) return;
    if (!FIELD_KEY_RE.test(key)) errors[`${p}key`] = 'eservice.err.fieldKey';
    else if (keys.has(key)) errors[`${p}key`] = 'eservice.err.fieldKeyTwice';
    keys.add(key);
    if (!label) errors[`${p}label`] = 'err.required';
    else if (label.length > 200) errors[`${p}label`] = { key: 'err.tooLong', vars: { max: 200 } };
    if (!(FIELD_KINDS as readonly string[]).includes(r.kind)) errors[`${p}kind`] = 'err.choice';
    const options = r.kind === 'choice' ? parseOptions(r.options) : [];
    if (r.kind === 'choice' && (options.length < 1 || options.length > 30 || options.some((o) => o.th.length > 100))) errors[`${p}options`] = 'eservice.err.options';
    outFields.push({ field_key: key, label_th: label, label_en: normalizeLine(r.label_en).slice(0, 200), hint_th: normalizeLine(r.hint).slice(0, 300), kind: r.kind as FieldKind, is_required: r.required, is_public: r.public, options });
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { steps: outSteps, fields: outFields };
}

export async function divisionIdsOf(db: DbLike, agencyId: number): Promise<Set<number>> {
  return new Set((await listDivisions(db, agencyId)).map((d) => d.id));
}

type Indexed = Pick<Service, 'id' | 'agency_id' | 'slug' | 'is_published' | 'name_th' | 'name_en' | 'summary_th' | 'summary_en' | 'keywords' | 'group_th' | 'group_en' | 'documents' | 'conditions'>;

/** What the site's search finds of a service while it is published: its name, summary, keywords, steps and documents. */
async function indexService(t: DbLike, sv: Indexed, steps: Array<{ name_th: string; name_en: string }>): Promise<void> {
  await removeDocument(t, sv.agency_id, 'eservice', sv.id);
  if (!sv.is_published) return;
  await indexBilingual(t, {
    agencyId: sv.agency_id, kind: 'eservice', refId: sv.id, url: `/e-service/${sv.slug}`,
    th: { title: sv.name_th, body: [sv.summary_th, sv.keywords, sv.group_th, ...steps.map((st) => st.name_th), sv.documents, sv.conditions].join(' ') },
    en: { title: sv.name_en, body: [sv.summary_en, sv.group_en, ...steps.map((st) => st.name_en)].join(' ') },
  });
}

/** Every service of the agency into search again (ModuleDef.searchSync). */
export const syncAllSearch = (db: Db, agencyId: number): Promise<number> =>
  syncEach(db, 'eservice_service', agencyId, async (t, id) => {
    const sv = await getService(t, agencyId, { id });
    if (sv) await indexService(t, sv, await stepsOf(t, id));
  });

/** Creates (id null) or updates a service with its steps and form, in one transaction; returns its id. */
export async function saveService(p: Platform, actor: Acting, id: number | null, input: ServiceInput, steps: StepInput[], fields: FieldInput[]): Promise<number> {
  requirePermission(actor, MANAGE);
  const slug = input.slug.trim().toLowerCase();
  const errors: Errors = {};
  if (!SLUG_RE.test(slug) || slug.length > 80) errors.slug = 'eservice.err.slug';
  else if ((RESERVED_SLUGS as readonly string[]).includes(slug)) errors.slug = 'eservice.err.slugReserved';
  // a published address never breaks: once a service has been published, its slug stays
  if (id !== null && !errors.slug) {
    const current = await p.db.k.selectFrom('eservice_service').select(['slug', 'is_published']).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
    if (current && current.slug !== slug) {
      const used = current.is_published || !!(await p.db.k.selectFrom('eservice_request').select('id').where('service_id', '=', id).executeTakeFirst());
      if (used) errors.slug = 'eservice.err.slugFixed';
    }
  }
  const divisions = await divisionIdsOf(p.db, actor.agencyId);
  if (input.division_id !== null && !divisions.has(input.division_id)) errors.division_id = 'err.choice';
  if (!steps.length) errors['step-1-name'] = 'eservice.err.noSteps';
  for (const [i, s] of steps.entries()) if (s.division_id !== null && !divisions.has(s.division_id)) errors[`step-${i + 1}-division`] = 'err.choice';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const now = new Date().toISOString();
  const values = {
    slug, position: input.position ?? 0, is_published: input.is_published, name_th: input.name_th, name_en: input.name_en, summary_th: input.summary_th, summary_en: input.summary_en,
    group_th: input.group_th, group_en: input.group_en, keywords: input.keywords, legal_basis: input.legal_basis, division_id: input.division_id, channels: input.channels,
    conditions: input.conditions, documents: input.documents, fees: input.fees, complaint_channel: input.complaint_channel, sample_forms: input.sample_forms,
    is_location_public: input.is_location_public, updated_by: actor.id, updated_at: now,
  };
  try {
    return await tx(p.db, async (t) => {
      let serviceId: number;
      if (id === null) {
        serviceId = (await t.k.insertInto('eservice_service').values({ agency_id: actor.agencyId, ...values, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      } else {
        const r = await t.k.updateTable('eservice_service').set(values).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new NotFoundError();
        serviceId = id;
        await t.k.deleteFrom('eservice_step').where('service_id', '=', id).execute();
        await t.k.deleteFrom('eservice_field').where('service_id', '=', id).execute();
      }
      for (const [i, s] of steps.entries()) await t.k.insertInto('eservice_step').values({ service_id: serviceId, position: i, ...s }).execute();
      for (const [i, f] of fields.entries()) await t.k.insertInto('eservice_field').values({ service_id: serviceId, position: i, ...f, options: JSON.stringify(f.options) }).execute();
      await indexService(t, { ...values, id: serviceId, agency_id: actor.agencyId }, steps);
      await recordAudit(t, {
        agencyId: actor.agencyId, actor: actorOf(actor), action: id === null ? 'eservice.service.create' : 'eservice.service.update', targetType: 'eservice_service', targetId: serviceId,
        summary: `service ${slug}: ${steps.length} step(s), ${fields.length} form field(s), ${input.is_published ? 'published' : 'hidden'}`,
      });
      publicChanged(t, actor.agencyId);
      return serviceId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'eservice.err.slugTaken' });
    throw err;
  }
}
