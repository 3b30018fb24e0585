import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';
import { fromJson } from '../../platform/db/index.ts';

export interface OitYearTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  source_note: string;
  created_at: string;
  updated_at: string;
  /** started by copying another year; staff pages say so until an admin confirms it */
  is_provisional: Generated<boolean>;
  confirmed_by: number | null;
  confirmed_at: string | null;
}

export interface OitItemTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  code: string;
  title_th: string;
  title_en: string;
  indicator: string;
  group_name: string;
  requirements: string;
  /** English of indicator, group_name and requirements (same order); '' and '[]' when there is none */
  indicator_en: string;
  group_en: string;
  requirements_en: string;
  recency: string;
  sort_order: number;
  note: string;
}

export interface OitBindingTable {
  id: Generated<number>;
  agency_id: number;
  item_id: number;
  provider: string;
  ref: string;
  url: string;
  label: string;
  sort_order: number;
  created_by: number | null;
  created_at: string;
}

export interface OitTickTable {
  agency_id: number;
  item_id: number;
  requirement_key: string;
  ticked_by: number | null;
  ticked_at: string;
}

/** The last health check of one binding (migration 019). */
export interface OitHealthTable {
  id: Generated<number>;
  agency_id: number;
  item_id: number;
  binding_id: number;
  is_ok: boolean;
  /** JSON Reason[] */
  problems: string;
  /** the link check's verdict (external links); '' for evidence on this site */
  link_kind: string;
  http_status: number | null;
  content_sha256: string;
  /** JSON [{ url, sha256 }] */
  files: string;
  checked_at: string;
}

/** The last checked state of one item; an alert is raised when its fingerprint changes. */
export interface OitHealthItemTable {
  id: Generated<number>;
  agency_id: number;
  item_id: number;
  year: number;
  status: string;
  problems: string;
  fingerprint: string;
  /** it got worse at its last change and is not in order yet: shown on the staff home */
  is_flagged: Generated<boolean>;
  /** JSON: ids of the problems it was flagged for, kept until each is put right */
  flags: Generated<string>;
  checked_at: string;
  changed_at: string;
}

export interface OitHealthAlertTable {
  id: Generated<number>;
  agency_id: number;
  item_id: number;
  year: number;
  code: string;
  status_from: string;
  status_to: string;
  problems: string;
  is_worse: Generated<boolean>;
  mailed: Generated<number>;
  created_at: string;
}

export interface OitHealthRunTable {
  agency_id: number;
  day: string;
  started_at: string;
  finished_at: string | null;
  summary: Generated<string>;
}

export interface OitSigningKeyTable {
  agency_id: number;
  key_id: string;
  /** SPKI PEM */
  public_key: string;
  /** PKCS#8 PEM sealed with the installation's SECRET_KEY (platform/crypto encrypt) */
  private_key_sealed: string;
  created_at: string;
}

export interface OitFreezeTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  frozen_by: number | null;
  frozen_at: string;
  key_id: string;
  manifest: string;
  signature: string;
}

export interface OitFreezeEntryTable {
  id: Generated<number>;
  freeze_id: number;
  agency_id: number;
  item_id: number | null;
  binding_id: number | null;
  code: string;
  kind: string;
  url: string;
  content_sha256: string;
  files: string;
  recorded_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    oit_year: OitYearTable;
    oit_item: OitItemTable;
    oit_binding: OitBindingTable;
    oit_tick: OitTickTable;
    oit_health: OitHealthTable;
    oit_health_item: OitHealthItemTable;
    oit_health_alert: OitHealthAlertTable;
    oit_health_run: OitHealthRunTable;
    oit_signing_key: OitSigningKeyTable;
    oit_freeze: OitFreezeTable;
    oit_freeze_entry: OitFreezeEntryTable;
  }
}

export const RECENCY = ['current_fy', 'previous_fy', 'current_or_previous_fy', 'monthly', 'current_holders', 'any'] as const;
export type Recency = (typeof RECENCY)[number];

export type ItemRow = Selectable<OitItemTable>;
export type Item = Omit<ItemRow, 'requirements' | 'requirements_en'> & { requirements: string[]; requirements_en: string[] };
export type Binding = Selectable<OitBindingTable>;

export const toItem = (r: ItemRow): Item => ({ ...r, requirements: fromJson<string[]>(r.requirements, []), requirements_en: fromJson<string[]>(r.requirements_en, []) });

export async function listYears(db: DbLike, agencyId: number): Promise<number[]> {
  const rows = await db.k.selectFrom('oit_year').select('year').where('agency_id', '=', agencyId).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export type YearRow = Selectable<OitYearTable>;

export async function getYear(db: DbLike, agencyId: number, year: number): Promise<YearRow | undefined> {
  return db.k.selectFrom('oit_year').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
}

/** The years still provisional (copied, not confirmed). */
export async function provisionalYears(db: DbLike, agencyId: number): Promise<Set<number>> {
  const rows = await db.k.selectFrom('oit_year').select('year').where('agency_id', '=', agencyId).where('is_provisional', '=', true).execute();
  return new Set(rows.map((r) => r.year));
}

export async function listItems(db: DbLike, agencyId: number, year: number): Promise<Item[]> {
  const rows = await db.k.selectFrom('oit_item').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('sort_order').orderBy('id').execute();
  return rows.map(toItem);
}

export async function getItem(db: DbLike, agencyId: number, year: number, code: string): Promise<Item | undefined> {
  const r = await db.k.selectFrom('oit_item').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).where('code', '=', code).executeTakeFirst();
  return r && toItem(r);
}

/** Finds an item by code regardless of case (URLs are typed by hand). */
export async function findItemCode(db: DbLike, agencyId: number, year: number, code: string): Promise<string | undefined> {
  const items = await db.k.selectFrom('oit_item').select('code').where('agency_id', '=', agencyId).where('year', '=', year).execute();
  return items.find((i) => i.code.toLowerCase() === code.toLowerCase())?.code;
}

export async function listBindings(db: DbLike, agencyId: number, itemIds: number[]): Promise<Map<number, Binding[]>> {
  const out = new Map<number, Binding[]>();
  if (!itemIds.length) return out;
  const rows = await db.k.selectFrom('oit_binding').selectAll().where('agency_id', '=', agencyId).where('item_id', 'in', itemIds).orderBy('sort_order').orderBy('id').execute();
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r]);
  return out;
}

export async function listTicks(db: DbLike, agencyId: number, itemIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!itemIds.length) return out;
  const rows = await db.k.selectFrom('oit_tick').select(['item_id', 'requirement_key']).where('agency_id', '=', agencyId).where('item_id', 'in', itemIds).execute();
  for (const r of rows) out.set(r.item_id, (out.get(r.item_id) ?? new Set()).add(r.requirement_key));
  return out;
}
