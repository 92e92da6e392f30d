/** `npm run db:backup <file>`: a consistent copy of the embedded database, safe while the app runs. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFromEnv } from '../lib/server/db/client';
import { backupSqlite } from '../lib/server/db/backup';

const destination = process.argv[2];
const config = configFromEnv();
if (!destination) {
	console.error('Usage: npm run db:backup <file>   (for example: npm run db:backup backups/2026-11-22.db)');
	process.exit(2);
}
if (config.engine !== 'sqlite') {
	console.error('db:backup copies the embedded SQLite database. For PostgreSQL (DATABASE_URL is set), use pg_dump.');
	process.exit(2);
}
if (!existsSync(config.file)) {
	console.error(`There is no database at ${resolve(config.file)} yet: start the app or run npm run db:migrate first.`);
	process.exit(1);
}
if (resolve(destination) === resolve(config.file)) {
	console.error('The backup file must not be the database itself.');
	process.exit(2);
}
try {
	const { bytes } = await backupSqlite(config.file, destination);
	console.log(`Backed up ${resolve(config.file)} to ${resolve(destination)} (${(bytes / 1024).toFixed(0)} KiB).`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
