/**
 * A migration run is all or nothing on both engines: one that fails (or is killed) part-way
 * leaves no half-made tables behind, so the next start applies it cleanly.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db/client';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';
import { engines } from './engines';

const table = (name: string): Migration => ({
	up: async (db: Kysely<unknown>) => {
		await db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey()).execute();
	}
});

const failsHalfWay: Migration = {
	up: async (db: Kysely<unknown>) => {
		await db.schema.createTable('half_b').addColumn('id', 'text').execute();
		await db.schema.createIndex('half_b_id').on('half_b').column('id').execute();
		throw new Error('stopped part-way');
	}
};

async function tables(handle: Db): Promise<string[]> {
	const all = await handle.db.introspection.getTables();
	return all.map((t) => t.name).filter((n) => n.startsWith('half_')).sort();
}

describe.each(engines)('migrations on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('rolls a failed run back whole, then applies it cleanly once fixed', async () => {
		handle = await engine.openEmpty();
		await expect(migrateToLatest(handle.db, { '0001_a': table('half_a'), '0002_b': failsHalfWay })).rejects.toThrow(
			/0002_b failed: stopped part-way/
		);
		expect(await tables(handle)).toEqual([]);
		const applied = await migrateToLatest(handle.db, { '0001_a': table('half_a'), '0002_b': table('half_b') });
		expect(applied).toEqual(['0001_a', '0002_b']);
		expect(await tables(handle)).toEqual(['half_a', 'half_b']);
		await expect(sql`select count(*) as n from half_b`.execute(handle.db)).resolves.toBeTruthy();
	});

	it('applies the real history to an empty database, and again is a no-op', async () => {
		handle = await engine.openEmpty();
		const applied = await migrateToLatest(handle.db);
		expect(applied[0]).toBe('0001_initial');
		expect(applied).toEqual([...applied].sort());
		expect(await migrateToLatest(handle.db)).toEqual([]);
	});
});
