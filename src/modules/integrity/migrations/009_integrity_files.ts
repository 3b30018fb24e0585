// Integrity: the files of a published yearly report are public.
import type { Kysely } from 'kysely';
import { sql } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE file SET owner = 'integrity' WHERE owner IS NULL AND (id IN (SELECT pdf_file_id FROM integrity_report WHERE pdf_file_id IS NOT NULL) OR id IN (SELECT docx_file_id FROM integrity_report WHERE docx_file_id IS NOT NULL))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
