/** A consistent copy of the embedded database, taken with SQLite's online backup while the app runs. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

export async function backupSqlite(file: string, destination: string): Promise<{ pages: number }> {
	const source = new SQLite(resolve(file), { readonly: true, fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		mkdirSync(dirname(resolve(destination)), { recursive: true });
		const result = await source.backup(resolve(destination));
		return { pages: result.totalPages };
	} finally {
		source.close();
	}
}
