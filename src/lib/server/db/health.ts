/**
 * Health of the database: whether an embedded database file opens and is intact (after a crash,
 * a kill or a backup), and whether the app's database answers at all (for a load balancer).
 */
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

function withFile<T>(file: string, run: (raw: SQLite.Database) => T): T {
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		return run(raw);
	} finally {
		raw.close();
	}
}

/** 'ok' when SQLite finds the file sound; otherwise its list of problems. */
export function sqliteIntegrity(file: string): string {
	return withFile(file, (raw) => {
		const rows = raw.pragma('integrity_check') as { integrity_check: string }[];
		return rows.map((r) => r.integrity_check).join('; ');
	});
}

/** Rows whose foreign key points at nothing (none in a sound database), one line each. */
export function sqliteForeignKeyProblems(file: string): string[] {
	return withFile(file, (raw) => {
		const rows = raw.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
		return rows.map((r) => `${r.table} row ${r.rowid} points at a missing ${r.parent} row`);
	});
}

/** Whether the app's database answers a trivial query now (for `/healthz`). */
export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch {
		return false;
	}
}
