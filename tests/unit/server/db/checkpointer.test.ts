import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../../../src/lib/server/db/client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQLite checkpoints on their own thread', () => {
	it('the app connection never checkpoints; a thread of its own copies the log into the file', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'bc-ckpt-')), 'test.db');
		const handle = createDb({ engine: 'sqlite', file }, { checkpointer: true });
		const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
		expect(rows[0]!.wal_autocheckpoint).toBe(0);
		await sql`create table t (x text)`.execute(handle.db);
		// well past the 1,000 pages at which the connection would have checkpointed by itself
		const filler = 'x'.repeat(4000);
		await handle.db.transaction().execute(async (tx) => {
			for (let i = 0; i < 1500; i++) await sql`insert into t values (${filler})`.execute(tx);
		});
		// only a checkpoint writes into the database file itself (the rows are in the log until then);
		// nothing here checkpoints, so the file grows only if the thread does
		const filled = 1500 * 4000;
		for (let i = 0; i < 50 && statSync(file).size < filled; i++) await sleep(100);
		expect(statSync(file).size).toBeGreaterThan(filled);
		await handle.close();
		// closed: every row is in the database file itself
		const after = new SQLite(file, { readonly: true });
		expect((after.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(1500);
		after.close();
	});
});
