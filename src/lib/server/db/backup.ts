/**
 * A consistent copy of the embedded database while the app runs. VACUUM INTO reads one
 * snapshot inside a single read transaction, so steady writes cannot keep restarting it
 * (SQLite's page-by-page backup API starts over whenever another connection writes).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

export async function backupSqlite(file: string, destination: string): Promise<{ bytes: number }> {
	const target = resolve(destination);
	if (existsSync(target)) throw new Error(`${target} already exists: choose a new file name for the backup.`);
	mkdirSync(dirname(target), { recursive: true });
	const source = new SQLite(resolve(file), { fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		source.prepare('VACUUM INTO ?').run(target);
	} finally {
		source.close();
	}
	const copy = new SQLite(target, { readonly: true });
	try {
		const pages = copy.pragma('page_count', { simple: true }) as number;
		const size = copy.pragma('page_size', { simple: true }) as number;
		return { bytes: pages * size };
	} finally {
		copy.close();
	}
}
