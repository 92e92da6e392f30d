import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase } from '../../../../src/lib/server/db/admin';
import { createDb } from '../../../../src/lib/server/db/client';
import { withPreparedStatements } from '../../../../src/lib/server/db/pg-statements';

const freshUrl = () => createPostgresDatabase(inject('pgAdminUrl'), `t_${crypto.randomUUID().replaceAll('-', '')}`);

/** The statements this connection has prepared by name (the server's own view of them). */
async function preparedOn(client: { query: (sql: string, p: unknown[]) => Promise<{ rows: unknown[] }> }): Promise<string[]> {
	const { rows } = await client.query('select statement from pg_prepared_statements where name <> $1 order by statement', ['']);
	return (rows as { statement: string }[]).map((r) => r.statement);
}

describe('PostgreSQL prepared statements', () => {
	it('runs each parameterized text as a named statement once per connection, with the right answers, and names no more than its bound', async () => {
		const pool = new pg.Pool({ connectionString: await freshUrl(), max: 1 });
		const wrapped = withPreparedStatements(pool, 3);
		const client = await wrapped.connect();
		try {
			// no parameters: the simple protocol as before, so several statements in one text still run
			await client.query('create table t (v integer); insert into t (v) values (1), (2)', []);
			const sum = 'select sum(v)::int as s from t where v >= $1';
			expect((await client.query<{ s: number }>(sum, [1])).rows).toEqual([{ s: 3 }]);
			expect((await client.query<{ s: number }>(sum, [2])).rows).toEqual([{ s: 2 }]);
			await client.query('insert into t (v) values ($1)', [5]);
			expect((await client.query<{ s: number }>(sum, [2])).rows).toEqual([{ s: 7 }]);
			// a third text takes the last name; past the bound, texts run unnamed
			await client.query('select v from t where v = $1', [5]);
			expect((await client.query<{ v: number }>('select v from t where v < $1', [5])).rows).toEqual([{ v: 1 }, { v: 2 }]);
			expect(await preparedOn(client)).toEqual(['insert into t (v) values ($1)', 'select sum(v)::int as s from t where v >= $1', 'select v from t where v = $1']);
		} finally {
			client.release();
			await wrapped.end();
		}
	});

	it('is what the app runs on: a Kysely query through createDb leaves its statement prepared on the connection', async () => {
		const handle = createDb({ engine: 'postgres', url: await freshUrl(), max: 1 });
		try {
			await sql`create table t (v integer)`.execute(handle.db);
			await sql`insert into t (v) values (${4})`.execute(handle.db);
			const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like ${'bc_%'}`.execute(handle.db);
			expect(rows.map((r) => r.statement)).toContain('insert into t (v) values ($1)');
		} finally {
			await handle.close();
		}
	});
});
