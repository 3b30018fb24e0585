// An audit event in words: what was done, by whom, to what (with a link to its staff page when there is one and
// the reader may open it). Codes without words fall back to the code itself, so nothing recorded is ever hidden.
import type { AuditRow } from '../../platform/audit/index.ts';
import { can, type HasRoles } from '../../platform/auth/roles.ts';
import { LANGS, translate, type MessageKey, type T } from '../../platform/i18n/index.ts';
import type { auditTh } from './audit-messages.ts';

type AuditKey = keyof typeof auditTh;
/** The words for a key from any module's catalogue ('audit.act.<code>', 'audit.type.<kind>'), or null. */
const words = (t: T, key: string, vars?: Record<string, string>): string | null => {
  const s = t(key as MessageKey, vars);
  return s === key ? null : s;
};

/** 'content.approve' → 'อนุมัติและเผยแพร่'; an unknown code stays as it is. A module names its own actions in its catalogue. */
export function actionLabel(t: T, code: string): string {
  return words(t, `audit.act.${code}`) ?? code;
}

/** The labels recorded for actors without an account (systemActor, failed sign-ins), with their names. */
const SYSTEM_ACTORS: Record<string, AuditKey> = {
  system: 'audit.who.system',
  demo: 'audit.who.demo',
  'command line': 'audit.who.commandLine',
  anonymous: 'audit.who.anonymous',
};

type ActorFields = Pick<AuditRow, 'actor_user_id' | 'actor_label' | 'actor_name'>;

/** A person's display name, or the translated name of a system actor; the recorded label when neither is known. */
export function actorLabel(t: T, e: ActorFields): string {
  const system = e.actor_user_id === null && Object.hasOwn(SYSTEM_ACTORS, e.actor_label) ? SYSTEM_ACTORS[e.actor_label] : undefined;
  if (system) return t(system);
  return e.actor_name || e.actor_label;
}

/** Recorded labels of system actors whose name, in Thai or English, contains the text (any case). */
export function systemActorsMatching(text: string): string[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return Object.entries(SYSTEM_ACTORS)
    .filter(([label, key]) => label.includes(needle) || LANGS.some((lang) => translate(lang, key).toLowerCase().includes(needle)))
    .map(([label]) => label);
}

const NUMBER = /^\d{1,10}$/;
const YEAR = /^\d{4}$/;
const byId = (path: string) => (id: string) => (NUMBER.test(id) ? `${path}/${id}` : null);
const byYear = (path: string) => (id: string) => (YEAR.test(id) ? `${path}/${id}` : null);

/** Target kinds with a staff page: the permission that page asks for, and its address. */
const PAGES: Record<string, { permission: string; href: (id: string) => string | null }> = {
  document: { permission: 'content.view', href: byId('/staff/content') },
  page: { permission: 'content.view', href: byId('/staff/content') },
  news: { permission: 'content.view', href: byId('/staff/content') },
  user: { permission: 'users.manage', href: byId('/staff/users') },
  staff_notice: { permission: 'notice.report', href: byId('/staff/notices') },
  executive: { permission: 'agency.edit', href: byId('/staff/agency/executives') },
  division: { permission: 'agency.edit', href: byId('/staff/agency/divisions') },
  oit_year: { permission: 'oit.read', href: byYear('/staff/oit') },
  oit_item: {
    permission: 'oit.read',
    href: (id) => {
      const m = /^(\d{4})\/([A-Za-z0-9._-]{1,20})$/.exec(id);
      return m ? `/staff/oit/${m[1]}/${encodeURIComponent(m[2]!)}` : null;
    },
  },
  ita_result: { permission: 'integrity.read', href: byYear('/staff/integrity') },
  ita_rules: { permission: 'integrity.read', href: byYear('/staff/integrity') },
  integrity_issue: { permission: 'integrity.read', href: byId('/staff/integrity/headings') },
  integrity_measure: { permission: 'integrity.read', href: byId('/staff/integrity/measures') },
  integrity_risk: { permission: 'integrity.read', href: byId('/staff/integrity/risks') },
  integrity_project: { permission: 'integrity.read', href: byId('/staff/integrity/projects') },
};

/** A permission the installation may not have (a module left out) is simply not held. */
function holds(user: HasRoles | null, permission: string): boolean {
  try {
    return can(user, permission);
  } catch {
    return false;
  }
}

export interface TargetView {
  text: string;
  /** the item's staff page, when it has one, still exists and the reader may open it */
  href: string | null;
}

export function targetOf(t: T, e: Pick<AuditRow, 'action' | 'target_type' | 'target_id'>, reader: HasRoles | null): TargetView {
  const id = e.target_id;
  let text = `${e.target_type} ${id}`;
  const report = e.target_type === 'integrity_report' ? /^(\d{4})\/(annual|six_month)$/.exec(id) : null;
  text = words(t, `audit.type.${e.target_type}${report ? `.${report[2]}` : ''}`, report ? { year: report[1]! } : { id }) ?? text;
  const page = Object.hasOwn(PAGES, e.target_type) ? PAGES[e.target_type] : undefined;
  // a deleted item has no page any more
  const href = page && !e.action.endsWith('.delete') && holds(reader, page.permission) ? page.href(id) : null;
  return { text, href };
}
