// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the service list and definitions from the same
// service definitions as the manuals and forms; requests posted by other systems with an API key; requests read by
// anyone. What is read is never personal: no name, email, phone or answer, and the place, photo link and description
// only for services whose place is public (a broken road, not a home). JSON only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { publicQueryLimit } from '../../platform/http/address-throttle.ts';
import { parseForm, z } from '../../platform/http/forms.ts';
import { translate } from '../../platform/i18n/index.ts';
import { takeAttempt, throttleKey } from '../../platform/throttle.ts';
import { listDivisions } from '../agency/index.ts';
import { checkApiKey } from './apikeys.ts';
import { fieldName, fieldSchema, phoneDigits, validPhone } from './forms.ts';
import { isOpen, SLUG_RE, type FieldKind } from './kinds.ts';
import { submitRequest } from './requests.ts';
import { allDefs, answersOf, open311Requests, requestByPublicId, serviceDef, stepNamesOf, type Open311Filter, type Request, type ServiceDef } from './store.ts';
import { PUBLIC_ID_RE } from './tracking.ts';

/** Requests one key may post: 300 an hour. */
export const POSTS_PER_KEY = 300;
/** At most this many requests in one answer, from the last 90 days unless asked otherwise (the specification's defaults). */
export const MAX_REQUESTS = 1000;
const DEFAULT_DAYS = 90;

const DATATYPE: Record<FieldKind, string | null> = {
  text: 'string', block: 'text', address: 'text', number: 'number', date: 'datetime', choice: 'singlevaluelist',
  national_id: 'string', phone: 'string', email: 'string', file: null,
};

interface Open311Error {
  code: number;
  description: string;
}

const send = (reply: FastifyReply, status: number, body: unknown, cache = status === 200) => reply.code(status).header('cache-control', cache ? 'public, max-age=60' : 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
const fail = (reply: FastifyReply, status: number, errors: Open311Error[]) => send(reply, status, errors);

/** A time as W3C date-time in Bangkok: '2026-12-02T09:15:00+07:00'. */
export function w3c(iso: string | null): string | null {
  if (!iso) return null;
  return `${new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** A W3C date-time (or a date) as typed in a query → an instant, or null when it is not one. */
function parseW3c(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return null;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00+07:00` : /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}+07:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function serviceEntry(def: ServiceDef) {
  const s = def.service;
  return {
    service_code: s.slug,
    service_name: s.name_th,
    description: s.summary_th,
    metadata: def.fields.some((f) => DATATYPE[f.kind] !== null),
    type: 'realtime',
    keywords: s.keywords.split(/[\s,]+/).filter(Boolean).join(','),
    group: s.group_th,
  };
}

export function serviceDefinition(def: ServiceDef) {
  return {
    service_code: def.service.slug,
    attributes: def.fields.filter((f) => DATATYPE[f.kind] !== null).map((f) => ({
      variable: true,
      code: f.field_key,
      datatype: DATATYPE[f.kind]!,
      required: f.is_required,
      datatype_description: f.hint_th || (f.kind === 'date' ? 'YYYY-MM-DD' : f.kind === 'national_id' ? '13 หลัก' : f.kind === 'phone' ? 'หมายเลขโทรศัพท์ 9–10 หลัก' : ''),
      order: f.position + 1,
      description: f.label_th,
      ...(f.kind === 'choice' ? { values: f.options.map((o) => ({ key: o.key, name: o.th })) } : {}),
    })),
  };
}

/** One request as the public may read it. */
const OPEN_KINDS: ReadonlySet<string> = new Set(['choice', 'number', 'date']);

export function requestEntry(r: Request, def: ServiceDef | undefined, agencyResponsible: string, stepName: string | null) {
  const place = !!def?.service.is_location_public;
  const answers = answersOf(r);
  // of the web form, only answers chosen from a list, numbers and dates: typed text can name people, whatever the
  // form says; the description an Open311 client posted to this public registry is its own
  const posted = r.channel === 'api' ? answers.filter((a) => a.key === '_description').map((a) => a.value) : [];
  const listed = answers.filter((a) => a.public && OPEN_KINDS.has(a.kind)).map((a) => `${a.label}: ${a.value}`);
  const description = place ? [...posted, ...listed].join('\n') : '';
  return {
    service_request_id: r.public_id,
    status: isOpen(r.status) ? 'open' : 'closed',
    status_notes: isOpen(r.status) ? (stepName ?? translate('th', `eservice.status.${r.status}` as 'eservice.status.submitted')) : translate('th', `eservice.status.${r.status}` as 'eservice.status.completed'),
    service_name: def?.service.name_th ?? null,
    service_code: def?.service.slug ?? null,
    description: description || null,
    agency_responsible: agencyResponsible,
    service_notice: null,
    requested_datetime: w3c(r.received_at),
    updated_datetime: w3c(r.updated_at),
    expected_datetime: isOpen(r.status) ? w3c(r.due_at) : null,
    address: place && r.address ? r.address : null,
    address_id: null,
    zipcode: null,
    lat: place && r.lat !== null ? Number(r.lat) : null,
    long: place && r.lng !== null ? Number(r.lng) : null,
    media_url: place && r.media_url ? r.media_url : null,
  };
}

/** The body's attribute[code] values, sent flat ('attribute[road]') or nested ({ attribute: { road } }). */
function attributesOf(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object') Object.assign(out, nested);
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([a-z][a-z0-9_]{0,39})\]$/.exec(k);
    if (m) out[m[1]!] = v;
  }
  return out;
}

const str = (v: unknown, max: number): string | null => (v === undefined || v === null ? '' : typeof v === 'string' && v.length <= max ? v.trim() : null);

export function registerOpen311Routes(app: FastifyInstance, p: Platform): void {
  const unitNames = async (agencyId: number) => new Map((await listDivisions(p.db, agencyId)).map((d) => [d.id, d.name_th]));
  // every read queries the database: one address may make PUBLIC_QUERIES_PER_MINUTE a minute
  const limited = { preHandler: publicQueryLimit(p) };

  app.get('/open311/v2/services.json', limited, async (req, reply) => send(reply, 200, (await allDefs(p.db, req.agency.id, { publishedOnly: true })).map(serviceEntry)));

  app.get('/open311/v2/services/:code.json', limited, async (req, reply) => {
    const code = (req.params as { code?: string }).code ?? '';
    const def = SLUG_RE.test(code) && code.length <= 80 ? await serviceDef(p.db, req.agency.id, { slug: code }) : undefined;
    if (!def || !def.service.is_published) return fail(reply, 404, [{ code: 404, description: `service_code ${code.slice(0, 80)} not found` }]);
    return send(reply, 200, serviceDefinition(def));
  });

  const entries = async (req: FastifyRequest, rows: Request[]) => {
    const defs = new Map((await allDefs(p.db, req.agency.id, { publishedOnly: false })).map((d) => [d.service.id, d]));
    const names = await unitNames(req.agency.id);
    const ids = rows.map((r) => r.id);
    const stepName = await stepNamesOf(p.db, ids);
    return rows.map((r) => requestEntry(r, defs.get(r.service_id), (r.division_id !== null && names.get(r.division_id)) || req.agency.th.name, stepName.get(`${r.id}/${r.current_step}`) ?? null));
  };

  app.get('/open311/v2/requests.json', limited, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const errors: Open311Error[] = [];
    const get = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
    const filter: Open311Filter = { agencyId: req.agency.id, limit: MAX_REQUESTS };
    const ids = get('service_request_id');
    if (ids) {
      const list = ids.split(',').map((x) => x.trim().toUpperCase());
      if (list.length > 100 || list.some((x) => !PUBLIC_ID_RE.test(x))) errors.push({ code: 400, description: 'service_request_id: request ids such as K7QF2-M9XT4, separated by commas' });
      else filter.publicIds = list;
    }
    const codes = get('service_code');
    if (codes) {
      const list = codes.split(',').map((s) => s.trim());
      if (list.length > 50 || list.some((c) => !SLUG_RE.test(c))) errors.push({ code: 400, description: 'service_code: service codes separated by commas' });
      else filter.slugs = list;
    }
    const statuses = get('status');
    if (statuses) {
      const list = statuses.split(',').map((s) => s.trim());
      if (list.some((s) => s !== 'open' && s !== 'closed')) errors.push({ code: 400, description: 'status: open or closed' });
      else if (!(list.includes('open') && list.includes('closed'))) filter.statuses = list.includes('open') ? ['submitted', 'in_progress', 'info_requested'] : ['completed', 'rejected'];
    }
    const [start, end] = [get('start_date'), get('end_date')].map((v) => (v ? parseW3c(v) : undefined));
    if (start === null) errors.push({ code: 400, description: 'start_date: a W3C date-time such as 2026-10-01T00:00:00+07:00' });
    if (end === null) errors.push({ code: 400, description: 'end_date: a W3C date-time such as 2026-10-01T00:00:00+07:00' });
    if (errors.length) return fail(reply, 400, errors);
    // without ids or dates: the last 90 days, as the specification says
    filter.from = start ?? (ids || end ? undefined : new Date(Date.now() - DEFAULT_DAYS * 86_400_000).toISOString());
    if (end) filter.to = end;
    return send(reply, 200, await entries(req, await open311Requests(p.db, filter)));
  });

  app.get('/open311/v2/requests/:id.json', limited, async (req, reply) => {
    const id = ((req.params as { id?: string }).id ?? '').toUpperCase();
    const r = PUBLIC_ID_RE.test(id) ? await requestByPublicId(p.db, req.agency.id, id) : undefined;
    if (!r) return fail(reply, 404, [{ code: 404, description: `service_request_id ${id.slice(0, 20)} not found` }]);
    return send(reply, 200, await entries(req, [r]));
  });

  // another system posts a request with its key (no browser session: the key is the credential, so no CSRF token)
  app.post('/open311/v2/requests.json', { config: { skipCsrf: true } }, async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const key = str(body.api_key, 200);
    const keyId = key ? await checkApiKey(p, req.agency.id, key) : null;
    if (keyId === null) return fail(reply, 403, [{ code: 403, description: 'api_key: missing or not valid' }]);
    const taken = await takeAttempt(p.db, [{ key: throttleKey(p.keys, 'eservice-open311-key', keyId), max: POSTS_PER_KEY, windowMs: 3600_000 }]);
    if (!taken.ok) return fail(reply, 429, [{ code: 429, description: `too many requests with this key: try again in ${Math.ceil(taken.waitMs / 60_000)} minutes` }]);

    const code = str(body.service_code, 80) ?? '';
    const def = SLUG_RE.test(code) ? await serviceDef(p.db, req.agency.id, { slug: code }) : undefined;
    if (!def || !def.service.is_published) return fail(reply, 404, [{ code: 404, description: `service_code ${code.slice(0, 80)} not found` }]);

    const errors: Open311Error[] = [];
    const bad = (field: string, what: string) => errors.push({ code: 400, description: `${field}: ${what}` });
    const lat = str(body.lat, 30);
    const lng = str(body.long, 30);
    const address = str(body.address_string, 500);
    const description = str(body.description, 4000);
    const mediaUrl = str(body.media_url, 500);
    const email = str(body.email, 200);
    const phone = str(body.phone, 40);
    const first = str(body.first_name, 100);
    const last = str(body.last_name, 100);
    const num = (v: string | null, min: number, max: number) => (v && /^-?\d{1,3}(\.\d{1,10})?$/.test(v) && Number(v) >= min && Number(v) <= max ? v : null);
    if (lat === null || (lat && num(lat, -90, 90) === null)) bad('lat', 'a latitude between -90 and 90');
    if (lng === null || (lng && num(lng, -180, 180) === null)) bad('long', 'a longitude between -180 and 180');
    if (!!lat !== !!lng) bad('lat', 'lat and long go together');
    if (address === null) bad('address_string', 'at most 500 characters');
    if (!lat && !address) bad('address_string', 'a location is required: lat and long, or address_string');
    if (description === null) bad('description', 'at most 4,000 characters');
    if (mediaUrl === null || (mediaUrl && !/^https?:\/\/[^\s<>"]+$/.test(mediaUrl))) bad('media_url', 'an http or https address');
    if (email === null || (email && !z.email().safeParse(email).success)) bad('email', 'an email address');
    const phoneD = phone ? phoneDigits(phone) : '';
    if (phone === null || (phone && !validPhone(phoneD))) bad('phone', 'a Thai phone number');
    if (first === null) bad('first_name', 'at most 100 characters');
    if (last === null) bad('last_name', 'at most 100 characters');
    // the service's own attributes, checked by the same rules as its web form
    const attrs = attributesOf(body);
    const shape: Record<string, z.ZodType<unknown, unknown>> = {};
    for (const f of def.fields) {
      const s = fieldSchema(f);
      if (s) shape[fieldName(f.field_key)] = s;
    }
    const typed = Object.fromEntries(def.fields.filter((f) => f.kind !== 'file').map((f) => {
      const v = attrs[f.field_key];
      return [fieldName(f.field_key), f.kind === 'date' && typeof v === 'string' ? v.slice(0, 10) : v];
    }));
    const parsed = parseForm('en', z.object(shape), typed);
    if (!parsed.ok) for (const [k, m] of Object.entries(parsed.errors)) bad(`attribute[${k.replace(/^f_/, '')}]`, m);
    if (errors.length) return fail(reply, 400, errors);
    const data = (parsed.ok ? parsed.data : {}) as Record<string, unknown>;
    const answers: Record<string, string> = {};
    for (const f of def.fields) {
      if (f.kind === 'file') continue;
      const v = data[fieldName(f.field_key)];
      answers[f.field_key] = v === null || v === undefined ? '' : String(v);
    }
    try {
      const r = await submitRequest(p, req.agency.id, def, {
        channel: 'api', requester: { name: [first, last].filter(Boolean).join(' '), email: email ?? '', phone: phoneD },
        answers, files: {}, place: { address: address ?? '', lat: lat || null, lng: lng || null, mediaUrl: mediaUrl ?? '' }, description: description ?? '', apiKeyId: keyId,
      }, null);
      return send(reply, 200, [{ service_request_id: r.publicId, service_notice: `เลขที่คำขอ ${r.number} รหัสติดตาม ${r.code} ติดตามได้ที่ ${req.agency.url}/e-service/track / Request ${r.number}, tracking code ${r.code}`, account_id: null }], false);
    } catch (err) {
      if (err instanceof ValidationError) return fail(reply, 400, Object.entries(err.errors).map(([k, m]) => ({ code: 400, description: `${k}: ${translate('en', typeof m === 'string' ? m : m.key, typeof m === 'string' ? undefined : m.vars)}` })));
      throw err;
    }
  });
}
