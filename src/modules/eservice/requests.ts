// A request's life: submitted (online, at the counter, by phone, by another system) with its own copy of the steps;
// accepted, moved step by step, paused while the requester is asked for more, completed or rejected with a reason;
// rated by the requester. One transaction per change with its history event and audit event (no personal data);
// the requester's mail goes once it has committed.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { inTx, isUniqueViolation, lockRow, type Tx } from '../../platform/db/index.ts';
import type { StoredFile, UploadPart } from '../../platform/files/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { FILE_TYPES, HANDLE, isOpen, MAX_FILE_BYTES, MAX_FILES, type Channel, type EventKind, type Status } from './kinds.ts';
import { fieldName } from './forms.ts';
import { mailRequester, type RequesterNotice } from './mail.ts';
import { codeDigits, codeLookup, newCode, newPublicId, sealCode } from './tracking.ts';
import { getRequest, requestNumber, requestSteps, stepMinutes, type Answer, type Request, type RequestStep, type ServiceDef } from './store.ts';

const MIN = 60_000;
const iso = (d: Date | number) => new Date(d).toISOString();

export interface NewRequest {
  channel: Channel;
  requester: { name: string; email: string; phone: string };
  /** typed answers by field key ('' when left empty) */
  answers: Record<string, string>;
  /** chosen files by field key */
  files: Record<string, UploadPart>;
  /** Open311: where (address or coordinates) and a link to a photo */
  place?: { address: string; lat: string | null; lng: string | null; mediaUrl: string };
  /** Open311: the free description */
  description?: string;
  apiKeyId?: number | null;
}

export interface Options {
  /** when it happened (the demo replays a year); now by default */
  at?: Date;
  /** a step of a larger change (the demo loads in one transaction) */
  outer?: Tx;
}

/** Runs once the change has committed (mails): at once without an outer transaction, else after it commits. */
function afterCommit(outer: Tx | undefined, fn: () => Promise<unknown>): Promise<void> | void {
  if (outer?.afterCommit) outer.afterCommit.push(() => void fn().catch(() => undefined));
  else return fn().then(() => undefined, () => undefined);
}

/** The next request number of the fiscal year, under a lock on the agency (two requests at once never share one). */
async function nextSeq(t: Tx, agencyId: number, fy: number): Promise<number> {
  await lockRow(t, 'agency', agencyId);
  const r = await t.k.selectFrom('eservice_request').select((eb) => eb.fn.max('seq').as('n')).where('agency_id', '=', agencyId).where('fiscal_year', '=', fy).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/**
 * Takes a request in: from the web form or Open311 (`recorder` null) or recorded by an officer for someone at the
 * counter or on the phone. Files are checked by their content and stored before the transaction. Returns the tracking
 * code, which is shown once (and mailed to the requester when they gave an address).
 */
export async function submitRequest(p: Platform, agencyId: number, def: ServiceDef, input: NewRequest, recorder: Acting | null, o: Options = {}): Promise<{ id: number; number: string; publicId: string; code: string; dueAt: string }> {
  if (recorder) {
    requirePermission(recorder, HANDLE);
    if (recorder.agencyId !== agencyId) throw new NotFoundError();
  } else if (!def.service.is_published) throw new NotFoundError();
  const { service, steps, fields } = def;
  if (!steps.length) throw new ValidationError({ _form: 'eservice.err.noSteps' });
  // files: checked by content and stored first; if the request is not recorded in the end, they are removed
  const errors: Record<string, 'err.fileMissing' | { key: 'eservice.err.tooManyFiles'; vars: { n: number } }> = {};
  const chosen = fields.filter((f) => f.kind === 'file' && input.files[f.field_key]);
  if (chosen.length > MAX_FILES) errors._form = { key: 'eservice.err.tooManyFiles', vars: { n: MAX_FILES } };
  if (input.channel === 'online') for (const f of fields) if (f.kind === 'file' && f.is_required && !input.files[f.field_key]) errors[fieldName(f.field_key)] = 'err.fileMissing';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const stored = new Map<string, StoredFile>();
  for (const f of chosen) stored.set(f.field_key, await p.files.put(input.files[f.field_key]!, [...FILE_TYPES], MAX_FILE_BYTES));

  const at = o.at ?? new Date();
  const fy = fiscalYear(at);
  const total = steps.reduce((n, s) => n + stepMinutes(s), 0);
  const firstDivision = steps[0]!.division_id ?? service.division_id;
  return p.files.keepIf([...stored.values()], async () => {
    for (let attempt = 0; ; attempt++) {
      const digits = codeDigits(newCode())!;
      const publicId = newPublicId();
      try {
        const r = await inTx(p.db, o.outer, async (t) => {
          const seq = await nextSeq(t, agencyId, fy);
          const answers: Answer[] = [];
          for (const f of fields) {
            if (f.kind === 'file') {
              const s = stored.get(f.field_key);
              if (!s) continue;
              const rec = await p.files.record(t, s, { agencyId, owner: 'eservice', createdBy: recorder?.id ?? null });
              answers.push({ key: f.field_key, label: f.label_th, kind: f.kind, value: rec.original_name, file: { id: rec.id, name: rec.original_name, publicId: rec.public_id } });
              continue;
            }
            const value = input.answers[f.field_key] ?? '';
            if (value === '') continue;
            const shown = f.kind === 'choice' ? (f.options.find((x) => x.key === value)?.th ?? value) : value;
            answers.push({ key: f.field_key, label: f.label_th, kind: f.kind, value: shown, ...(f.is_public ? { public: true } : {}) });
          }
          if (input.description) answers.push({ key: '_description', label: 'รายละเอียด', kind: 'block', value: input.description });
          const address = input.place?.address || answers.find((a) => a.kind === 'address')?.value || '';
          const row = await t.k.insertInto('eservice_request').values({
            agency_id: agencyId, service_id: service.id, fiscal_year: fy, seq, public_id: publicId, tracking_lookup: codeLookup(p.keys, digits), tracking_enc: sealCode(p.keys, digits),
            channel: input.channel, status: 'submitted', current_step: 0, division_id: firstDivision,
            requester_name: input.requester.name, requester_email: input.requester.email, requester_phone: input.requester.phone,
            answers: JSON.stringify(answers), address, lat: input.place?.lat ?? null, lng: input.place?.lng ?? null, media_url: input.place?.mediaUrl ?? '',
            api_key_id: input.apiKeyId ?? null, created_by: recorder?.id ?? null, received_at: iso(at), accepted_at: null, info_requested_at: null, closed_at: null,
            due_at: iso(at.getTime() + total * MIN), step_due_at: iso(at.getTime() + stepMinutes(steps[0]!) * MIN), paused_ms: 0, rating: null, rating_comment: '', rated_at: null, updated_at: iso(at),
          }).returning('id').executeTakeFirstOrThrow();
          for (const [i, s] of steps.entries()) {
            await t.k.insertInto('eservice_request_step').values({
              request_id: row.id, position: i, name_th: s.name_th, name_en: s.name_en, declared_minutes: stepMinutes(s), division_id: s.division_id ?? service.division_id,
              started_at: i === 0 ? iso(at) : null, finished_at: null, paused_ms: 0,
            }).execute();
          }
          await t.k.insertInto('eservice_event').values({ request_id: row.id, at: iso(at), kind: 'submitted', position: 0, note: '', user_id: recorder?.id ?? null, file_id: null }).execute();
          const number = requestNumber({ fiscal_year: fy, seq });
          await recordAudit(t, {
            agencyId, actor: recorder ? actorOf(recorder) : { id: null, label: input.channel === 'api' ? 'open311' : 'anonymous' }, action: 'eservice.request.submit', targetType: 'eservice_request', targetId: row.id,
            summary: `request ${number} for ${service.slug} (${input.channel}), ${stored.size} file(s)`,
          });
          return { id: row.id, number };
        });
        const code = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
        const created = (await (o.outer ? getRequest(o.outer, agencyId, r.id) : getRequest(p.db, agencyId, r.id)))!;
        await afterCommit(o.outer, () => mailRequester(p, created, service.name_th, { kind: 'submitted' }));
        return { ...r, publicId, code, dueAt: created.due_at };
      } catch (err) {
        // two requests in the same instant (the year's first number, or a code drawn twice): draw again
        if (!o.outer && isUniqueViolation(err) && attempt < 3) continue;
        throw err;
      }
    }
  });
}

export interface ActionOptions extends Options {
  /** the step the officer saw: a request that moved since (another officer) is not moved again */
  expectStep?: number;
}

type Change = (t: Tx, r: Request, steps: RequestStep[], at: Date) => Promise<RequesterNotice & { audit: string }>;

/** An officer's change: the request locked, checked against what the officer saw, changed, its history written. */
async function act(p: Platform, actor: Acting, id: number, action: string, o: ActionOptions, change: Change): Promise<void> {
  requirePermission(actor, HANDLE);
  const at = o.at ?? new Date();
  const done = await inTx(p.db, o.outer, async (t) => {
    await lockRow(t, 'eservice_request', id);
    const r = await getRequest(t, actor.agencyId, id);
    if (!r) throw new NotFoundError();
    if (o.expectStep !== undefined && o.expectStep !== r.current_step) throw new ValidationError({ _form: 'eservice.err.changed' });
    const steps = await requestSteps(t, id);
    const notice = await change(t, r, steps, at);
    await t.k.insertInto('eservice_event').values({ request_id: id, at: iso(at), kind: notice.kind, position: notice.kind === 'step' ? r.current_step + 1 : r.current_step, note: notice.note ?? '', user_id: actor.id, file_id: null }).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: `eservice.request.${action}`, targetType: 'eservice_request', targetId: id, summary: `request ${requestNumber(r)}: ${notice.audit}` });
    const service = await t.k.selectFrom('eservice_service').select('name_th').where('id', '=', r.service_id).executeTakeFirstOrThrow();
    return { r: (await getRequest(t, actor.agencyId, id))!, notice, serviceName: service.name_th };
  });
  await afterCommit(o.outer, () => mailRequester(p, done.r, done.serviceName, done.notice));
}

const stateError = () => new ValidationError({ _form: 'eservice.err.changed' });

async function finishStep(t: Tx, r: Request, at: Date): Promise<void> {
  await t.k.updateTable('eservice_request_step').set({ finished_at: iso(at) }).where('request_id', '=', r.id).where('position', '=', r.current_step).where('finished_at', 'is', null).execute();
}

/** When the current step's time runs out: its start, its declared time, and what it waited for the requester. */
const stepDue = (s: RequestStep) => iso(Date.parse(s.started_at!) + s.declared_minutes * MIN + Number(s.paused_ms));

/** The officer takes the request up: the work on its current step begins (the clock started when it arrived). */
export function accept(p: Platform, actor: Acting, id: number, o: ActionOptions = {}): Promise<void> {
  return act(p, actor, id, 'accept', o, async (t, r, _steps, at) => {
    if (r.status !== 'submitted') throw stateError();
    await t.k.updateTable('eservice_request').set({ status: 'in_progress', accepted_at: iso(at), updated_at: iso(at) }).where('id', '=', r.id).execute();
    return { kind: 'accepted', audit: 'accepted' };
  });
}

/** The current step is done; the next one begins, in its unit's queue. */
export function nextStep(p: Platform, actor: Acting, id: number, o: ActionOptions = {}): Promise<void> {
  return act(p, actor, id, 'step', o, async (t, r, steps, at) => {
    if (r.status !== 'in_progress' || r.current_step >= steps.length - 1) throw stateError();
    await finishStep(t, r, at);
    const next = steps[r.current_step + 1]!;
    await t.k.updateTable('eservice_request_step').set({ started_at: iso(at) }).where('id', '=', next.id).execute();
    const division = next.division_id;
    await t.k.updateTable('eservice_request').set({ current_step: next.position, division_id: division, step_due_at: iso(at.getTime() + next.declared_minutes * MIN), updated_at: iso(at) }).where('id', '=', r.id).execute();
    return { kind: 'step', step: next.name_th, audit: `moved to step ${next.position + 1} of ${steps.length}` };
  });
}

/** The requester is asked for more; the clock of the step stops until they answer on the tracking page. */
export function requestInfo(p: Platform, actor: Acting, id: number, question: string, o: ActionOptions = {}): Promise<void> {
  return act(p, actor, id, 'info', o, async (t, r, _steps, at) => {
    if (r.status !== 'submitted' && r.status !== 'in_progress') throw stateError();
    await t.k.updateTable('eservice_request').set({ status: 'info_requested', info_requested_at: iso(at), step_due_at: null, updated_at: iso(at) }).where('id', '=', r.id).execute();
    return { kind: 'info_requested', note: question, audit: 'more information asked of the requester' };
  });
}

/** The last step is done: the request is completed and the requester is asked to rate it. */
export function complete(p: Platform, actor: Acting, id: number, note: string, o: ActionOptions = {}): Promise<void> {
  return act(p, actor, id, 'complete', o, async (t, r, steps, at) => {
    if (r.status !== 'in_progress' || r.current_step !== steps.length - 1) throw stateError();
    await finishStep(t, r, at);
    await t.k.updateTable('eservice_request').set({ status: 'completed', closed_at: iso(at), step_due_at: null, updated_at: iso(at) }).where('id', '=', r.id).execute();
    return { kind: 'completed', note, audit: 'completed' };
  });
}

/** The request cannot be served: the reason goes to the requester; the step's clock stops. */
export function reject(p: Platform, actor: Acting, id: number, reason: string, o: ActionOptions = {}): Promise<void> {
  return act(p, actor, id, 'reject', o, async (t, r, steps, at) => {
    if (!isOpen(r.status)) throw stateError();
    const waited = r.status === 'info_requested' && r.info_requested_at ? Math.max(0, at.getTime() - Date.parse(r.info_requested_at)) : 0;
    if (waited) {
      const s = steps[r.current_step]!;
      await t.k.updateTable('eservice_request_step').set({ paused_ms: Number(s.paused_ms) + waited }).where('id', '=', s.id).execute();
    }
    await finishStep(t, r, at);
    await t.k.updateTable('eservice_request').set({ status: 'rejected', closed_at: iso(at), info_requested_at: null, step_due_at: null, paused_ms: Number(r.paused_ms) + waited, updated_at: iso(at) }).where('id', '=', r.id).execute();
    return { kind: 'rejected', note: reason, audit: 'rejected' };
  });
}

/** The requester answers what they were asked (with a file, if they have one): the step's clock runs again. */
export async function answerInfo(p: Platform, agencyId: number, id: number, text: string, file: UploadPart | null, o: Options = {}): Promise<void> {
  // nothing is stored for a request that is not waiting for an answer (a code is no licence to fill the disk)
  const before = await getRequest(o.outer ?? p.db, agencyId, id);
  if (!before) throw new NotFoundError();
  if (before.status !== 'info_requested') throw new ValidationError({ answer: 'eservice.err.notWaiting' });
  const stored = file ? await p.files.put(file, [...FILE_TYPES], MAX_FILE_BYTES) : null;
  const at = o.at ?? new Date();
  const done = await p.files.keepIf(stored ? [stored] : [], () => inTx(p.db, o.outer, async (t) => {
    await lockRow(t, 'eservice_request', id);
    const r = await getRequest(t, agencyId, id);
    if (!r) throw new NotFoundError();
    if (r.status !== 'info_requested' || !r.info_requested_at) throw new ValidationError({ answer: 'eservice.err.notWaiting' });
    const waited = Math.max(0, at.getTime() - Date.parse(r.info_requested_at));
    const step = (await requestSteps(t, id))[r.current_step]!;
    const paused = Number(step.paused_ms) + waited;
    await t.k.updateTable('eservice_request_step').set({ paused_ms: paused }).where('id', '=', step.id).execute();
    const status: Status = r.accepted_at ? 'in_progress' : 'submitted';
    await t.k.updateTable('eservice_request').set({
      status, info_requested_at: null, paused_ms: Number(r.paused_ms) + waited, due_at: iso(Date.parse(r.due_at) + waited),
      step_due_at: stepDue({ ...step, paused_ms: paused }), updated_at: iso(at),
    }).where('id', '=', id).execute();
    const rec = stored ? await p.files.record(t, stored, { agencyId, owner: 'eservice', createdBy: null }) : null;
    await t.k.insertInto('eservice_event').values({ request_id: id, at: iso(at), kind: 'info_given', position: r.current_step, note: text, user_id: null, file_id: rec?.id ?? null }).execute();
    await recordAudit(t, { agencyId, actor: { id: null, label: 'requester' }, action: 'eservice.request.answer', targetType: 'eservice_request', targetId: id, summary: `request ${requestNumber(r)}: the requester answered (${rec ? 1 : 0} file)` });
    const service = await t.k.selectFrom('eservice_service').select('name_th').where('id', '=', r.service_id).executeTakeFirstOrThrow();
    return { r: (await getRequest(t, agencyId, id))!, serviceName: service.name_th };
  }));
  await afterCommit(o.outer, () => mailRequester(p, done.r, done.serviceName, { kind: 'info_given' }));
}

/** The requester rates a completed request once, 1–5, with a comment if they like. */
export async function rate(p: Platform, agencyId: number, id: number, rating: number, comment: string, o: Options = {}): Promise<void> {
  if (!(Number.isInteger(rating) && rating >= 1 && rating <= 5)) throw new ValidationError({ rating: 'err.choice' });
  const at = o.at ?? new Date();
  await inTx(p.db, o.outer, async (t) => {
    // one rating, even for two submissions at once: only a row not yet rated is updated
    const u = await t.k.updateTable('eservice_request').set({ rating, rating_comment: comment, rated_at: iso(at), updated_at: iso(at) })
      .where('agency_id', '=', agencyId).where('id', '=', id).where('status', '=', 'completed').where('rated_at', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) {
      const r = await getRequest(t, agencyId, id);
      if (!r) throw new NotFoundError();
      throw new ValidationError({ rating: r.status === 'completed' ? 'eservice.err.rated' : 'eservice.err.notCompleted' });
    }
    const r = (await getRequest(t, agencyId, id))!;
    await t.k.insertInto('eservice_event').values({ request_id: id, at: iso(at), kind: 'rated', position: r.current_step, note: '', user_id: null, file_id: null }).execute();
    await recordAudit(t, { agencyId, actor: { id: null, label: 'requester' }, action: 'eservice.request.rate', targetType: 'eservice_request', targetId: id, summary: `request ${requestNumber(r)} rated ${rating} of 5` });
  });
}

export type { EventKind };
