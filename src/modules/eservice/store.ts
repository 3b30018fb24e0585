// The E-Service module's tables and the reads of them (the agency's divisions come through the agency module).
import type { Generated, Selectable } from 'kysely';
import { fromJson, type DbLike } from '../../platform/db/index.ts';
import { UNIT_MINUTES, type FieldKind, type Unit } from './kinds.ts';

export interface EserviceServiceTable {
  id: Generated<number>;
  agency_id: number;
  slug: string;
  position: number;
  is_published: boolean;
  name_th: string;
  name_en: string;
  summary_th: string;
  summary_en: string;
  group_th: string;
  group_en: string;
  keywords: string;
  legal_basis: string;
  division_id: number | null;
  channels: string;
  conditions: string;
  documents: string;
  fees: string;
  complaint_channel: string;
  sample_forms: string;
  is_location_public: boolean;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface EserviceStepTable {
  id: Generated<number>;
  service_id: number;
  position: number;
  name_th: string;
  name_en: string;
  detail_th: string;
  duration: number;
  unit: string;
  division_id: number | null;
}

export interface EserviceFieldTable {
  id: Generated<number>;
  service_id: number;
  position: number;
  field_key: string;
  label_th: string;
  label_en: string;
  hint_th: string;
  kind: string;
  is_required: boolean;
  options: string;
  is_public: boolean;
}

export interface EserviceApiKeyTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  key_hash: string;
  prefix: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface EserviceRequestTable {
  id: Generated<number>;
  agency_id: number;
  service_id: number;
  fiscal_year: number;
  seq: number;
  public_id: string;
  tracking_lookup: string;
  tracking_enc: string;
  channel: string;
  status: string;
  current_step: number;
  division_id: number | null;
  requester_name: string;
  requester_email: string;
  requester_phone: string;
  answers: string;
  address: string;
  lat: string | null;
  lng: string | null;
  media_url: string;
  api_key_id: number | null;
  created_by: number | null;
  received_at: string;
  accepted_at: string | null;
  info_requested_at: string | null;
  closed_at: string | null;
  due_at: string;
  step_due_at: string | null;
  paused_ms: number;
  rating: number | null;
  rating_comment: string;
  rated_at: string | null;
  updated_at: string;
}

export interface EserviceRequestStepTable {
  id: Generated<number>;
  request_id: number;
  position: number;
  name_th: string;
  name_en: string;
  declared_minutes: number;
  division_id: number | null;
  started_at: string | null;
  finished_at: string | null;
  paused_ms: number;
}

export interface EserviceEventTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  kind: string;
  position: number | null;
  note: string;
  user_id: number | null;
  file_id: number | null;
}

export interface EserviceAlertTable {
  request_id: number;
  position: number;
  at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    eservice_service: EserviceServiceTable;
    eservice_step: EserviceStepTable;
    eservice_field: EserviceFieldTable;
    eservice_api_key: EserviceApiKeyTable;
    eservice_request: EserviceRequestTable;
    eservice_request_step: EserviceRequestStepTable;
    eservice_event: EserviceEventTable;
    eservice_alert: EserviceAlertTable;
  }
}

export type Service = Selectable<EserviceServiceTable>;
export type Step = Omit<Selectable<EserviceStepTable>, 'unit'> & { unit: Unit };
export interface FieldOption {
  key: string;
  th: string;
  en: string;
}
export type Field = Omit<Selectable<EserviceFieldTable>, 'kind' | 'options'> & { kind: FieldKind; options: FieldOption[] };
export type Request = Selectable<EserviceRequestTable>;
export type RequestStep = Selectable<EserviceRequestStepTable>;
export type EventRow = Selectable<EserviceEventTable>;

/** One answer of a request form as it was submitted: the label is kept, so a later change of the form reads the same. */
export interface Answer {
  key: string;
  label: string;
  kind: FieldKind;
  value: string;
  /** shown publicly (Open311) when the service's place is public */
  public?: boolean;
  file?: { id: number; name: string; publicId: string };
}

/** A service with its steps and form: the one definition the manual, the form, tracking and statistics read. */
export interface ServiceDef {
  service: Service;
  steps: Step[];
  fields: Field[];
}

export const stepMinutes = (s: Pick<Step, 'duration' | 'unit'>) => s.duration * UNIT_MINUTES[s.unit];
export const totalMinutes = (steps: Array<Pick<Step, 'duration' | 'unit'>>) => steps.reduce((n, s) => n + stepMinutes(s), 0);

/** The request number staff, statistics and Open311 use: '2570-0012'. */
export const requestNumber = (r: Pick<Request, 'fiscal_year' | 'seq'>) => `${r.fiscal_year}-${String(r.seq).padStart(4, '0')}`;

export function parseNumber(v: string): { fiscalYear: number; seq: number } | null {
  const m = /^(\d{4})-(\d{1,6})$/.exec(v.trim());
  return m ? { fiscalYear: Number(m[1]), seq: Number(m[2]) } : null;
}

const asStep = (s: Selectable<EserviceStepTable>): Step => ({ ...s, unit: s.unit as Unit });
const asField = (f: Selectable<EserviceFieldTable>): Field => ({ ...f, kind: f.kind as FieldKind, options: fromJson<FieldOption[]>(f.options, []) });

export async function listServices(db: DbLike, agencyId: number, opts: { publishedOnly: boolean }): Promise<Service[]> {
  let q = db.k.selectFrom('eservice_service').selectAll().where('agency_id', '=', agencyId);
  if (opts.publishedOnly) q = q.where('is_published', '=', true);
  return q.orderBy('position').orderBy('id').execute();
}

export async function getService(db: DbLike, agencyId: number, by: { id: number } | { slug: string }): Promise<Service | undefined> {
  let q = db.k.selectFrom('eservice_service').selectAll().where('agency_id', '=', agencyId);
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('slug', '=', by.slug);
  return q.executeTakeFirst();
}

export async function stepsOf(db: DbLike, serviceId: number): Promise<Step[]> {
  return (await db.k.selectFrom('eservice_step').selectAll().where('service_id', '=', serviceId).orderBy('position').execute()).map(asStep);
}

export async function fieldsOf(db: DbLike, serviceId: number): Promise<Field[]> {
  return (await db.k.selectFrom('eservice_field').selectAll().where('service_id', '=', serviceId).orderBy('position').execute()).map(asField);
}

export async function serviceDef(db: DbLike, agencyId: number, by: { id: number } | { slug: string }): Promise<ServiceDef | undefined> {
  const service = await getService(db, agencyId, by);
  if (!service) return undefined;
  const [steps, fields] = await Promise.all([stepsOf(db, service.id), fieldsOf(db, service.id)]);
  return { service, steps, fields };
}

/** Every service of the agency with its steps and fields (the catalogue, statistics, documents). */
export async function allDefs(db: DbLike, agencyId: number, opts: { publishedOnly: boolean }): Promise<ServiceDef[]> {
  const services = await listServices(db, agencyId, opts);
  if (!services.length) return [];
  const ids = services.map((s) => s.id);
  const [steps, fields] = await Promise.all([
    db.k.selectFrom('eservice_step').selectAll().where('service_id', 'in', ids).orderBy('service_id').orderBy('position').execute(),
    db.k.selectFrom('eservice_field').selectAll().where('service_id', 'in', ids).orderBy('service_id').orderBy('position').execute(),
  ]);
  return services.map((service) => ({
    service,
    steps: steps.filter((s) => s.service_id === service.id).map(asStep),
    fields: fields.filter((f) => f.service_id === service.id).map(asField),
  }));
}

export const answersOf = (r: Pick<Request, 'answers'>): Answer[] => fromJson<Answer[]>(r.answers, []);

export async function getRequest(db: DbLike, agencyId: number, id: number): Promise<Request | undefined> {
  return db.k.selectFrom('eservice_request').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

export async function requestByLookup(db: DbLike, agencyId: number, lookup: string): Promise<Request | undefined> {
  return db.k.selectFrom('eservice_request').selectAll().where('agency_id', '=', agencyId).where('tracking_lookup', '=', lookup).executeTakeFirst();
}

export async function requestByNumber(db: DbLike, agencyId: number, number: string): Promise<Request | undefined> {
  const n = parseNumber(number);
  if (!n) return undefined;
  return db.k.selectFrom('eservice_request').selectAll().where('agency_id', '=', agencyId).where('fiscal_year', '=', n.fiscalYear).where('seq', '=', n.seq).executeTakeFirst();
}

export async function requestSteps(db: DbLike, requestId: number): Promise<RequestStep[]> {
  return db.k.selectFrom('eservice_request_step').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export async function requestByPublicId(db: DbLike, agencyId: number, publicId: string): Promise<Request | undefined> {
  return db.k.selectFrom('eservice_request').selectAll().where('agency_id', '=', agencyId).where('public_id', '=', publicId).executeTakeFirst();
}

/** The Thai name of each request's steps, keyed `requestId/position`. */
export async function stepNamesOf(db: DbLike, requestIds: number[]): Promise<Map<string, string>> {
  const rows = requestIds.length ? await db.k.selectFrom('eservice_request_step').select(['request_id', 'position', 'name_th']).where('request_id', 'in', requestIds).execute() : [];
  return new Map(rows.map((s) => [`${s.request_id}/${s.position}`, s.name_th]));
}

export async function serviceNames(db: DbLike, serviceId: number): Promise<Pick<Service, 'name_th' | 'name_en' | 'slug'>> {
  return db.k.selectFrom('eservice_service').select(['name_th', 'name_en', 'slug']).where('id', '=', serviceId).executeTakeFirstOrThrow();
}

export interface Open311Filter {
  agencyId: number;
  publicIds?: string[];
  slugs?: string[];
  statuses?: string[];
  from?: string;
  to?: string;
  limit: number;
}

/** Requests for the Open311 list, newest first. */
export async function open311Requests(db: DbLike, f: Open311Filter): Promise<Request[]> {
  let q = db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').selectAll('eservice_request').where('eservice_request.agency_id', '=', f.agencyId);
  if (f.publicIds) q = q.where('eservice_request.public_id', 'in', f.publicIds);
  if (f.slugs) q = q.where('eservice_service.slug', 'in', f.slugs);
  if (f.statuses) q = q.where('eservice_request.status', 'in', f.statuses);
  if (f.from) q = q.where('eservice_request.received_at', '>=', f.from);
  if (f.to) q = q.where('eservice_request.received_at', '<=', f.to);
  return q.orderBy('eservice_request.received_at', 'desc').orderBy('eservice_request.id', 'desc').limit(f.limit).execute();
}

export async function eventsOf(db: DbLike, requestId: number) {
  return db.k
    .selectFrom('eservice_event')
    .leftJoin('app_user', 'app_user.id', 'eservice_event.user_id')
    .leftJoin('file', 'file.id', 'eservice_event.file_id')
    .select(['eservice_event.id', 'eservice_event.at', 'eservice_event.kind', 'eservice_event.position', 'eservice_event.note', 'eservice_event.user_id', 'app_user.display_name', 'file.public_id as file_public_id', 'file.original_name as file_name'])
    .where('eservice_event.request_id', '=', requestId)
    .orderBy('eservice_event.at')
    .orderBy('eservice_event.id')
    .execute();
}

export interface QueueFilter {
  agencyId: number;
  /** 'open' (default), 'overdue' (the current step's time has run out), 'closed', 'all' */
  state: 'open' | 'overdue' | 'closed' | 'all';
  status?: string;
  divisionId?: number;
  serviceId?: number;
  now: string;
  limit: number;
  offset: number;
}

export type QueueRow = Request & { service_name_th: string; service_name_en: string; service_slug: string; step_name_th: string | null; step_name_en: string | null };

export async function listRequests(db: DbLike, f: QueueFilter): Promise<{ total: number; rows: QueueRow[] }> {
  let q = db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').where('eservice_request.agency_id', '=', f.agencyId);
  if (f.state === 'open') q = q.where('eservice_request.status', 'in', ['submitted', 'in_progress', 'info_requested']);
  if (f.state === 'closed') q = q.where('eservice_request.status', 'in', ['completed', 'rejected']);
  if (f.state === 'overdue') q = q.where('eservice_request.status', 'in', ['submitted', 'in_progress']).where('eservice_request.step_due_at', '<', f.now);
  if (f.status) q = q.where('eservice_request.status', '=', f.status);
  if (f.divisionId) q = q.where('eservice_request.division_id', '=', f.divisionId);
  if (f.serviceId) q = q.where('eservice_request.service_id', '=', f.serviceId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .leftJoin('eservice_request_step as cs', (j) => j.onRef('cs.request_id', '=', 'eservice_request.id').onRef('cs.position', '=', 'eservice_request.current_step'))
    .selectAll('eservice_request')
    .select(['eservice_service.name_th as service_name_th', 'eservice_service.name_en as service_name_en', 'eservice_service.slug as service_slug', 'cs.name_th as step_name_th', 'cs.name_en as step_name_en'])
    .orderBy('eservice_request.received_at', f.state === 'closed' || f.state === 'all' ? 'desc' : 'asc')
    .orderBy('eservice_request.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total, rows };
}

/** Open requests per unit, for the queue's tabs. */
export async function openByDivision(db: DbLike, agencyId: number): Promise<Map<number | null, number>> {
  const rows = await db.k
    .selectFrom('eservice_request')
    .select(['division_id', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('status', 'in', ['submitted', 'in_progress', 'info_requested'])
    .groupBy('division_id')
    .execute();
  return new Map(rows.map((r) => [r.division_id, Number(r.n)]));
}

export async function countRequests(db: DbLike, agencyId: number, where: { status?: string; overdueAt?: string }): Promise<number> {
  let q = db.k.selectFrom('eservice_request').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', agencyId);
  if (where.status) q = q.where('status', '=', where.status);
  if (where.overdueAt) q = q.where('status', 'in', ['submitted', 'in_progress']).where('step_due_at', '<', where.overdueAt);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Fiscal years with requests, latest first. */
export async function yearsWithRequests(db: DbLike, agencyId: number): Promise<number[]> {
  return (await db.k.selectFrom('eservice_request').select('fiscal_year').distinct().where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').execute()).map((r) => r.fiscal_year);
}

export async function listApiKeys(db: DbLike, agencyId: number) {
  return db.k
    .selectFrom('eservice_api_key')
    .leftJoin('app_user', 'app_user.id', 'eservice_api_key.created_by')
    .select(['eservice_api_key.id', 'eservice_api_key.name', 'eservice_api_key.prefix', 'eservice_api_key.created_at', 'eservice_api_key.last_used_at', 'eservice_api_key.revoked_at', 'app_user.display_name as created_by_name'])
    .where('eservice_api_key.agency_id', '=', agencyId)
    .orderBy('eservice_api_key.created_at', 'desc')
    .orderBy('eservice_api_key.id', 'desc')
    .execute();
}
