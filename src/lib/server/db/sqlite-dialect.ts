/**
 * Kysely's SQLite dialect, except that migrations run inside a transaction. Kysely assumes
 * SQLite DDL is not transactional and runs them bare, so a process killed mid-migration left
 * half the tables and no record of them, and the next start failed ("table already exists").
 * SQLite DDL is transactional: now a killed migration rolls back whole and simply runs again.
 */
import type SQLite from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type SqliteDatabase } from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

export class TransactionalSqliteDialect extends SqliteDialect {
	override createAdapter(): SqliteAdapter {
		return new TransactionalDdlSqliteAdapter();
	}
}

/**
 * The database as Kysely's SQLite driver sees it, but with each SQL text prepared once: the
 * driver prepares every query anew, about 8 % of the server's CPU under answer load. Most
 * queries are fixed texts; a group commit's INSERT and its lookup vary with the batch size, so
 * the least recently used statement goes first and the hot ones (the session lookup) stay.
 */
export function withStatementCache(raw: SQLite.Database, max = 1000): SqliteDatabase {
	const cache = new Map<string, SQLite.Statement>();
	return {
		close: () => raw.close(),
		prepare(sql: string) {
			let statement = cache.get(sql);
			if (statement) cache.delete(sql);
			else {
				statement = raw.prepare(sql);
				if (cache.size >= max) cache.delete(cache.keys().next().value!);
			}
			// a Map keeps insertion order: re-inserting marks it the most recently used
			cache.set(sql, statement);
			return statement;
		}
	};
}
