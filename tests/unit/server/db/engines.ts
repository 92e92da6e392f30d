/** Both engines, each with a fresh, migrated, empty database per call: every database test runs on both. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createPostgresDatabase } from '../../../../src/lib/server/db/admin';
import { createDb, type Db } from '../../../../src/lib/server/db/client';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';

export const engines = [
	{
		name: 'sqlite',
		async open(): Promise<Db> {
			const handle = createDb({ engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'bc-db-')), 'test.db') });
			await migrateToLatest(handle.db);
			return handle;
		}
	},
	{
		name: 'postgres',
		async open(): Promise<Db> {
			const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
			const url = await createPostgresDatabase(inject('pgAdminUrl'), name);
			const handle = createDb({ engine: 'postgres', url });
			await migrateToLatest(handle.db);
			return handle;
		}
	}
] as const;
