import { Migrator, type Migration } from 'kysely';
import type { Db } from './index.ts';

export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({ db: db.k, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
  return done;
}
