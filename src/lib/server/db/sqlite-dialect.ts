/**
 * Kysely's SQLite dialect, except that migrations run inside a transaction. Kysely assumes
 * SQLite DDL is not transactional and runs them bare, so a process killed mid-migration left
 * half the tables and no record of them, and the next start failed ("table already exists").
 * SQLite DDL is transactional: now a killed migration rolls back whole and simply runs again.
 */
import { SqliteAdapter, SqliteDialect } from 'kysely';

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
