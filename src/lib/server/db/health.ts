/** Checks that an embedded database file opens and is intact (after a crash, a kill or a backup). */
import SQLite from 'better-sqlite3';

export function sqliteIntegrity(file: string): string {
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		const rows = raw.pragma('integrity_check') as { integrity_check: string }[];
		return rows.map((r) => r.integrity_check).join('; ');
	} finally {
		raw.close();
	}
}
