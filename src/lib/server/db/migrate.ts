/** The one migration history, bundled with the app (no folder to find at run time). */
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_accounts';
import * as m0003 from './migrations/0003_classes';
import type { Database } from './schema';

const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_accounts': m0002,
	'0003_classes': m0003
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${why}`);
	}
	return (results ?? []).map((r) => r.migrationName);
}
