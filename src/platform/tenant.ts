// The tenant registry: the agencies this installation serves (one in the demo; a province may host several).
// The platform owns the table; the agency module edits a profile through these functions.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AgencyTable } from './db/schema.ts';
import type { DbLike, Tx } from './db/index.ts';

export type Agency = Selectable<AgencyTable>;

/** The agency served at a host name, or the first agency when no agency claims the name. */
export async function agencyForHost(db: DbLike, hostname: string): Promise<Agency | undefined> {
  const byHost = await db.k.selectFrom('agency').selectAll().where('hostname', '=', hostname.toLowerCase()).executeTakeFirst();
  return byHost ?? db.k.selectFrom('agency').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

export async function getAgency(db: DbLike, id: number): Promise<Agency | undefined> {
  return db.k.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function firstAgencyId(db: DbLike): Promise<number | undefined> {
  return (await db.k.selectFrom('agency').select('id').orderBy('id').limit(1).executeTakeFirst())?.id;
}

export async function createAgency(t: Tx, values: Insertable<AgencyTable>): Promise<number> {
  return (await t.k.insertInto('agency').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAgency(t: Tx, id: number, values: Updateable<AgencyTable>): Promise<void> {
  await t.k.updateTable('agency').set({ ...values, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}
