// What every view receives: language, translator, the agency's site info, the signed-in user and helpers.
import type { Bilingual, Lang, MessageKey, T, Vars } from '../i18n/index.ts';

export interface SiteChannel {
  kind: string;
  label: string;
  url: string;
}

/** The agency as the layout shows it (header and footer), already in the visitor's language. */
export interface SiteInfo {
  agencyId: number;
  name: string;
  subtitle: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  hours: string;
  channels: SiteChannel[];
}

export interface ViewUser {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  isDemo: boolean;
}

export interface NavEntry {
  href: string;
  label: MessageKey | Bilingual;
  /** staff entries: the permission needed to see the entry */
  permission?: string;
  order: number;
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  key: MessageKey;
  vars?: Vars;
}

export interface ViewCtx {
  lang: Lang;
  t: T;
  /** path and query of this page, for the language switch */
  path: string;
  site: SiteInfo;
  user: ViewUser | null;
  /** CSRF token for forms; creates the token cookie on first use */
  csrf: () => string;
  flash: Flash | null;
  publicNav: NavEntry[];
  staffNav: NavEntry[];
  fiscalYear: number;
  today: string;
  baseUrl: string;
}

export function navLabel(ctx: ViewCtx, label: MessageKey | Bilingual): string {
  return typeof label === 'string' ? ctx.t(label) : (ctx.lang === 'en' && label.en) || label.th;
}
