/** Both engines, each with a fresh, migrated, empty database per call: every database test runs on both; and a sample answer. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createPostgresDatabase } from '../../../../src/lib/server/db/admin';
import { createDb, type Db } from '../../../../src/lib/server/db/client';
import type { NewAnswer } from '../../../../src/lib/server/db/answers';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';

export const engines = [
	{
		name: 'sqlite',
		/** a brand-new database with no tables at all (not migrated) */
		async openEmpty(): Promise<Db> {
			return createDb({ engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'bc-db-')), 'test.db') });
		},
		async open(): Promise<Db> {
			const handle = await this.openEmpty();
			await migrateToLatest(handle.db);
			return handle;
		}
	},
	{
		name: 'postgres',
		async openEmpty(): Promise<Db> {
			const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
			const url = await createPostgresDatabase(inject('pgAdminUrl'), name);
			return createDb({ engine: 'postgres', url });
		},
		async open(): Promise<Db> {
			const handle = await this.openEmpty();
			await migrateToLatest(handle.db);
			return handle;
		}
	}
] as const;

/** A new answer of guest-1 to question q1, with a fresh submission key; `over` changes any field. */
export const newAnswer = (over: Partial<NewAnswer> = {}): NewAnswer => ({
	userId: null,
	guestId: 'guest-1',
	lesson: 'm/l',
	questionId: 'q1',
	answer: 'state',
	correct: true,
	points: 1,
	keyHash: 'abc',
	idempotencyKey: crypto.randomUUID(),
	...over
});
