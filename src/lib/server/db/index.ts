/** The app's database, opened and migrated once per process (on start, from hooks.server.ts `init`). */
import { configFromEnv, createDb, type Db } from './client';
import { migrateToLatest } from './migrate';

let opening: Promise<Db> | undefined;

export function getDb(): Promise<Db> {
	opening ??= (async () => {
		const handle = createDb(configFromEnv());
		await migrateToLatest(handle.db);
		return handle;
	})();
	return opening;
}
