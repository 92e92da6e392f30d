/** The plan the engine picks for a query (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL): for the benchmark and tests. */
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './client';

export async function queryPlan(handle: Db, query: Compilable): Promise<string[]> {
	const { sql, parameters } = query.compile();
	const prefix = handle.engine === 'sqlite' ? 'explain query plan ' : 'explain ';
	const { rows } = await handle.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + sql, [...parameters]));
	return rows.map((r) => String(handle.engine === 'sqlite' ? r.detail : r['QUERY PLAN']));
}
