import type { Kysely } from 'kysely';

// An account's reading settings (text size, spacing, font, colours) as validated JSON; null
// while they are the defaults. On the account's row, so the session's one query reads them.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('users').addColumn('reading_settings', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('users').dropColumn('reading_settings').execute();
}
