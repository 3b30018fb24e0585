// Accessible form and page components (GOV.UK-style): labels, hints, errors tied to fields, error summary.
import type { Children } from '@kitajs/html';
import type { ViewCtx } from './ctx.ts';
import type { FieldErrors, FormValues } from '../http/forms.ts';
import { dateParts, formatDate } from '../thai/index.ts';
import { thaiLang } from './text.tsx';

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  /** Prefix of the field ids, for a second form on a page with fields of the same names. */
  idPrefix?: string;
}
export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

const fid = (form: Pick<FormState, 'idPrefix'>, name: string) => `f-${form.idPrefix ?? ''}${name}`;

function describedBy(form: FormState, name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fid(form, name)}-hint` : '', error ? `${fid(form, name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ ctx, form, name, label, required }: { ctx: ViewCtx; form: FormState; name: string; label: string; required?: boolean }) {
  return (
    <label for={fid(form, name)}>
      <span safe>{label}</span> {required ? <span class="req" safe>{ctx.t('form.required')}</span> : ''}
    </label>
  );
}

function HintAndError({ form, name, hint, error }: { form: FormState; name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? <p class="hint" id={`${fid(form, name)}-hint`} safe>{hint}</p> : ''}
      {error ? <p class="field-error" id={`${fid(form, name)}-error`} safe>{error}</p> : ''}
    </>
  );
}

export interface FieldProps {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'search';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email' | 'url';
  maxlength?: number;
  /** wide, short, or default */
  size?: 'short' | 'wide';
  /** the language of the value; by default Thai when an English page shows a Thai value */
  lang?: string;
}

function str(v: string | string[] | undefined): string {
  return typeof v === 'string' ? v : '';
}

export function Field(p: FieldProps) {
  const error = p.form.errors[p.name];
  return (
    <div class={`field${error ? ' field-has-error' : ''}`}>
      <Label ctx={p.ctx} form={p.form} name={p.name} label={p.label} required={p.required} />
      <HintAndError form={p.form} name={p.name} hint={p.hint} error={error} />
      <input
        id={fid(p.form, p.name)}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : str(p.form.values[p.name])}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        lang={p.lang ?? (p.type === 'password' ? undefined : thaiLang(p.ctx, str(p.form.values[p.name])))}
        class={p.size ? `input-${p.size}` : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.form, p.name, p.hint, error)}
      />
    </div>
  );
}

export function TextArea(p: Omit<FieldProps, 'type' | 'inputmode' | 'size'> & { rows?: number }) {
  const error = p.form.errors[p.name];
  return (
    <div class={`field${error ? ' field-has-error' : ''}`}>
      <Label ctx={p.ctx} form={p.form} name={p.name} label={p.label} required={p.required} />
      <HintAndError form={p.form} name={p.name} hint={p.hint} error={error} />
      <textarea
        id={fid(p.form, p.name)}
        name={p.name}
        rows={String(p.rows ?? 5)}
        required={p.required}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        lang={p.lang ?? thaiLang(p.ctx, str(p.form.values[p.name]))}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.form, p.name, p.hint, error)}
        safe
      >
        {str(p.form.values[p.name])}
      </textarea>
    </div>
  );
}

/** A choice; `lang` is its label's language (by default Thai when an English page shows a Thai label). */
export interface Option {
  value: string;
  label: string;
  lang?: string;
}

/** A choice; `groups` follow the options, each under its own heading (optgroup). */
export function Select(p: Omit<FieldProps, 'type' | 'inputmode'> & { options: Option[]; groups?: Array<{ label: string; options: Option[] }> }) {
  const error = p.form.errors[p.name];
  const current = str(p.form.values[p.name]);
  const options = (os: Option[]) => os.map((o) => (
    <option value={o.value} selected={o.value === current} lang={o.lang ?? thaiLang(p.ctx, o.label)} safe>
      {o.label}
    </option>
  ));
  return (
    <div class={`field${error ? ' field-has-error' : ''}`}>
      <Label ctx={p.ctx} form={p.form} name={p.name} label={p.label} required={p.required} />
      <HintAndError form={p.form} name={p.name} hint={p.hint} error={error} />
      <select id={fid(p.form, p.name)} name={p.name} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(p.form, p.name, p.hint, error)}>
        {options(p.options)}
        {(p.groups ?? []).map((g) => <optgroup label={g.label} lang={thaiLang(p.ctx, g.label)}>{options(g.options)}</optgroup>)}
      </select>
    </div>
  );
}

export function Checkboxes(p: { ctx: ViewCtx; form: FormState; name: string; legend: string; hint?: string; required?: boolean; options: Option[] }) {
  const error = p.form.errors[p.name];
  const v = p.form.values[p.name];
  const checked = new Set(Array.isArray(v) ? v : v ? [v] : []);
  return (
    <fieldset class={`field${error ? ' field-has-error' : ''}`} id={fid(p.form, p.name)} aria-describedby={describedBy(p.form, p.name, p.hint, error)}>
      <legend>
        <span safe>{p.legend}</span> {p.required ? <span class="req" safe>{p.ctx.t('form.required')}</span> : ''}
      </legend>
      <HintAndError form={p.form} name={p.name} hint={p.hint} error={error} />
      {p.options.map((o, i) => (
        <div class="check">
          <input type="checkbox" id={`${fid(p.form, p.name)}-${i}`} name={p.name} value={o.value} checked={checked.has(o.value)} />
          <label for={`${fid(p.form, p.name)}-${i}`} lang={o.lang ?? thaiLang(p.ctx, o.label)} safe>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(p: { form: FormState; name: string; label: string; hint?: string }) {
  const v = p.form.values[p.name];
  return (
    <div class="field check">
      <input type="checkbox" id={fid(p.form, p.name)} name={p.name} checked={v === 'on' || v === 'true'} aria-describedby={p.hint ? `${fid(p.form, p.name)}-hint` : undefined} />
      <label for={fid(p.form, p.name)} safe>{p.label}</label>
      {p.hint ? <p class="hint" id={`${fid(p.form, p.name)}-hint`} safe>{p.hint}</p> : ''}
    </div>
  );
}

export function FileField(p: { ctx: ViewCtx; form: FormState; name: string; label: string; hint?: string; required?: boolean; accept?: string }) {
  const error = p.form.errors[p.name];
  return (
    <div class={`field${error ? ' field-has-error' : ''}`}>
      <Label ctx={p.ctx} form={p.form} name={p.name} label={p.label} required={p.required} />
      <HintAndError form={p.form} name={p.name} hint={p.hint} error={error} />
      <input type="file" id={fid(p.form, p.name)} name={p.name} accept={p.accept} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(p.form, p.name, p.hint, error)} />
    </div>
  );
}

/**
 * The Thai date input (GOV.UK date-input pattern): day, month (number or name) and year in B.E. as separate boxes,
 * read back as one field by the form parser. `kind` 'month' drops the day box; 'dateTime' adds a time box (Bangkok).
 * Shows a stored value ('YYYY-MM-DD', 'YYYY-MM' or a UTC instant) in B.E., or what was typed when the form failed.
 */
export function DateInput(p: { ctx: ViewCtx; form: FormState; name: string; label: string; hint?: string; required?: boolean; kind?: 'day' | 'month' | 'dateTime' }) {
  const kind = p.kind ?? 'day';
  const error = p.form.errors[p.name];
  const v = p.form.values;
  const stored = str(v[p.name]);
  const local = kind === 'dateTime' && /T/.test(stored) ? bangkokLocal(stored) : stored;
  const parts = dateParts(kind === 'month' && /^\d{4}-\d{2}$/.test(local) ? `${local}-01` : local);
  const typed = (part: string, fallback: string) => (`${p.name}-${part}` in v ? str(v[`${p.name}-${part}`]) : fallback);
  const hint = p.hint ?? p.ctx.t(kind === 'month' ? 'date.monthHint' : 'date.hint');
  const first = kind === 'month' ? 'month' : 'day';
  const box = (part: 'day' | 'month' | 'year' | 'time', value: string, cls: string, inputmode?: 'numeric') => (
    <div class="date-item">
      <label for={part === first ? fid(p.form, p.name) : `${fid(p.form, p.name)}-${part}`} safe>{p.ctx.t(`date.${part}`)}</label>
      <input
        id={part === first ? fid(p.form, p.name) : `${fid(p.form, p.name)}-${part}`}
        name={`${p.name}-${part}`}
        type="text"
        value={value}
        class={cls}
        inputmode={inputmode}
        autocomplete="off"
        spellcheck="false"
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
  return (
    <div class={`field${error ? ' field-has-error' : ''}`}>
      <fieldset class="date-input" aria-describedby={describedBy(p.form, p.name, hint, error)}>
        <legend>
          <span safe>{p.label}</span> {p.required ? <span class="req" safe>{p.ctx.t('form.required')}</span> : ''}
        </legend>
        <HintAndError form={p.form} name={p.name} hint={hint} error={error} />
        <div class="date-boxes">
          {kind === 'month' ? '' : box('day', typed('day', parts.day), 'w-2', 'numeric')}
          {box('month', typed('month', parts.month), 'w-6')}
          {box('year', typed('year', parts.year), 'w-4', 'numeric')}
          {kind === 'dateTime' ? box('time', typed('time', /T(\d{2}:\d{2})/.exec(local)?.[1] ?? ''), 'w-4') : ''}
        </div>
      </fieldset>
    </div>
  );
}

/** A date or instant shown in B.E. (Bangkok time), kept on one line, with its machine-readable value. */
export function Time({ ctx, at, withTime, style }: { ctx: ViewCtx; at: string; withTime?: boolean; style?: 'medium' | 'long' }) {
  return <time datetime={at} safe>{formatDate(at, { lang: ctx.lang, withTime, style })}</time>;
}

/** A UTC instant as Bangkok local 'YYYY-MM-DDTHH:MM'. */
function bangkokLocal(instant: string): string {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? '' : new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** Listed at the top of a failed form; each message links to its field. */
export function ErrorSummary({ ctx, form, labels }: { ctx: ViewCtx; form: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return '';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title" safe>{ctx.t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([name, msg]) => (
          <li>
            <a href={`#${fid(form, name)}`} safe>{labels[name] ? `${labels[name]}: ${msg}` : msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A POST form with its CSRF token. */
export function Form(p: { ctx: ViewCtx; action: string; multipart?: boolean; class?: string; children?: Children; novalidate?: boolean }) {
  return (
    <form method="post" action={p.action} enctype={p.multipart ? 'multipart/form-data' : undefined} class={p.class} novalidate={p.novalidate}>
      <input type="hidden" name="_csrf" value={p.ctx.csrf()} />
      {p.children}
    </form>
  );
}

export function Button(p: { label: string; kind?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`btn btn-${p.kind ?? 'primary'}`} name={p.name} value={p.value} safe>
      {p.label}
    </button>
  );
}

export interface PageInfo {
  page: number;
  perPage: number;
  total: number;
}

export function pageInfo(pageParam: unknown, total: number, perPage = 20): PageInfo & { offset: number } {
  const n = Math.max(1, Math.floor(Number(pageParam) || 1));
  const last = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(n, last);
  return { page, perPage, total, offset: (page - 1) * perPage };
}

/** Page links that keep the other query parameters. */
export function Pagination({ ctx, info, baseHref }: { ctx: ViewCtx; info: PageInfo; baseHref: string }) {
  const last = Math.max(1, Math.ceil(info.total / info.perPage));
  const from = info.total === 0 ? 0 : (info.page - 1) * info.perPage + 1;
  const to = Math.min(info.total, info.page * info.perPage);
  const href = (p: number) => {
    const u = new URL(baseHref, 'http://x');
    u.searchParams.set('page', String(p));
    return `${u.pathname}${u.search}`;
  };
  const pages: number[] = [];
  for (let p = Math.max(1, info.page - 2); p <= Math.min(last, info.page + 2); p++) pages.push(p);
  return (
    <>
      <p class="muted" safe>{ctx.t('page.showing', { from, to, total: info.total })}</p>
      {last > 1 ? (
        <nav class="pagination" aria-label={ctx.t('page.pagination')}>
          <ul>
            {info.page > 1 ? <li><a href={href(info.page - 1)} rel="prev" safe>{ctx.t('page.prev')}</a></li> : ''}
            {pages.map((p) =>
              p === info.page ? (
                <li><a href={href(p)} aria-current="page" aria-label={ctx.t('page.current', { n: p })} safe>{String(p)}</a></li>
              ) : (
                <li><a href={href(p)} aria-label={ctx.t('page.pageN', { n: p })} safe>{String(p)}</a></li>
              ),
            )}
            {info.page < last ? <li><a href={href(info.page + 1)} rel="next" safe>{ctx.t('page.next')}</a></li> : ''}
          </ul>
        </nav>
      ) : ''}
    </>
  );
}

export function EmptyState({ text }: { text: string }) {
  return <p class="empty" safe>{text}</p>;
}
