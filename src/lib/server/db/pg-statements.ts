/**
 * A pg pool whose clients run each parameterized SQL text as a named prepared statement, so
 * PostgreSQL parses it once per connection rather than on every call. Kysely's driver always
 * sends an unnamed statement. Texts that vary with a list's length would grow each
 * connection's statements without end, so only the first `max` distinct texts are named (the
 * hot ones, such as the session lookup, come first); later ones run unnamed as before.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export function withPreparedStatements(pool: pg.Pool, max = 300): PostgresPool {
	const names = new Map<string, string>();
	const nameOf = (sql: string): string | undefined => {
		let name = names.get(sql);
		if (!name && names.size < max) {
			name = `bc_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
			names.set(sql, name);
		}
		return name;
	};
	return {
		end: () => pool.end(),
		async connect(): Promise<PostgresPoolClient> {
			const client = await pool.connect();
			function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
			function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
			function query(sqlOrCursor: string | PostgresCursor<unknown>, parameters: ReadonlyArray<unknown> = []): unknown {
				// a cursor (streaming, which the app does not use) goes through untouched
				if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable);
				const name = parameters.length ? nameOf(sqlOrCursor) : undefined;
				return name ? client.query({ name, text: sqlOrCursor, values: [...parameters] }) : client.query(sqlOrCursor, [...parameters]);
			}
			return { query, release: () => client.release() };
		}
	};
}
