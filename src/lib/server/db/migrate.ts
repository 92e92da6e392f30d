/** The one migration history, bundled with the app (no folder to find at run time). */
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_accounts';
import * as m0003 from './migrations/0003_classes';
import * as m0004 from './migrations/0004_answers_by_learner';
import * as m0005 from './migrations/0005_password_codes';
import * as m0006 from './migrations/0006_class_teams';
import * as m0007 from './migrations/0007_written_answers';
import * as m0008 from './migrations/0008_lti';
import * as m0009 from './migrations/0009_reading_settings';
import type { Database } from './schema';

export const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_accounts': m0002,
	'0003_classes': m0003,
	'0004_answers_by_learner': m0004,
	'0005_password_codes': m0005,
	'0006_class_teams': m0006,
	'0007_written_answers': m0007,
	'0008_lti': m0008,
	'0009_reading_settings': m0009
};

/**
 * Applies every pending migration, all in one transaction on both engines (see sqlite-dialect.ts):
 * a failed or killed run leaves the schema as it was. `list` is for tests only.
 */
export async function migrateToLatest(db: Kysely<Database>, list: Record<string, Migration> = migrations): Promise<string[]> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => list } });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${why}`);
	}
	return (results ?? []).map((r) => r.migrationName);
}

/**
 * Which migrations the database records as applied, the app's tables it has, and whether a
 * migration run had begun (Kysely's bookkeeping tables exist): after a crash, either all of a
 * run is there or none of it.
 */
export async function migrationState(
	db: Kysely<Database>
): Promise<{ applied: string[]; pending: string[]; tables: string[]; runBegun: boolean }> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const all = await migrator.getMigrations();
	const names = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name).sort();
	return {
		applied: all.filter((m) => m.executedAt).map((m) => m.name),
		pending: all.filter((m) => !m.executedAt).map((m) => m.name),
		tables: names.filter((n) => !n.startsWith('kysely_')),
		runBegun: names.includes('kysely_migration')
	};
}
