/** An account's reading settings: JSON of the settings that differ from the defaults (`{}`: the defaults, chosen), or null: never chosen. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function saveReadingSettings(db: Kysely<Database>, userId: string, json: string | null): Promise<void> {
	await db.updateTable('users').set({ reading_settings: json }).where('id', '=', userId).execute();
}

/**
 * A guest's settings become the account's when it signs in, unless the account has settings of
 * its own (they win, the defaults too once chosen). One statement, so a save in another tab at the same moment is never overwritten.
 */
export async function adoptReadingSettings(db: Kysely<Database>, userId: string, json: string): Promise<boolean> {
	const r = await db
		.updateTable('users')
		.set({ reading_settings: json })
		.where('id', '=', userId)
		.where('reading_settings', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}
