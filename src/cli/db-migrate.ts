/** `npm run db:migrate`: creates the database if needed and applies every pending migration. */
import { configFromEnv, createDb } from '../lib/server/db/client';
import { migrateToLatest } from '../lib/server/db/migrate';

const handle = createDb(configFromEnv());
try {
	const applied = await migrateToLatest(handle.db);
	console.log(
		applied.length
			? `Applied ${applied.length} migration(s) to ${handle.engine} at ${handle.where}: ${applied.join(', ')}`
			: `The ${handle.engine} database at ${handle.where} is up to date.`
	);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await handle.close();
}
