/**
 * Opens the database: SQLite (better-sqlite3) in a file by default, PostgreSQL (pg) when
 * DATABASE_URL is set. Both behind one Kysely<Database>, so every query is written once.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { TransactionalSqliteDialect, withStatementCache } from './sqlite-dialect';
import { withPreparedStatements } from './pg-statements';

export type Engine = 'sqlite' | 'postgres';

export type DbConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; max?: number };

export interface Db {
	db: Kysely<Database>;
	engine: Engine;
	/** where the data lives, for messages (never the password of a URL) */
	where: string;
	close(): Promise<void>;
}

export const DEFAULT_FILE = 'data/back-channel.db';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
	if (env.DATABASE_URL) return { engine: 'postgres', url: env.DATABASE_URL };
	return { engine: 'sqlite', file: env.DATABASE_FILE || DEFAULT_FILE };
}

export function openSqlite(file: string): SQLite.Database {
	const path = resolve(file);
	mkdirSync(dirname(path), { recursive: true });
	const raw = new SQLite(path);
	// WAL lets reads run beside a write; FULL fsyncs every commit, so an acknowledged answer
	// survives a power loss as well as a killed process.
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = FULL');
	raw.pragma('foreign_keys = ON');
	raw.pragma('busy_timeout = 5000');
	return raw;
}

export function createDb(config: DbConfig): Db {
	if (config.engine === 'sqlite') {
		const raw = openSqlite(config.file);
		const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(raw) }) });
		return { db, engine: 'sqlite', where: resolve(config.file), close: () => db.destroy() };
	}
	const pool = new pg.Pool({ connectionString: config.url, max: config.max ?? 10 });
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
	const url = new URL(config.url);
	url.password = '';
	return { db, engine: 'postgres', where: url.toString(), close: () => db.destroy() };
}
