import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countAnswers, recordAnswer } from '../../../../src/lib/server/db/answers';
import { backupSqlite } from '../../../../src/lib/server/db/backup';
import { createDb } from '../../../../src/lib/server/db/client';
import { sqliteIntegrity } from '../../../../src/lib/server/db/health';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';

describe('db:backup (embedded engine)', () => {
	it('makes a consistent, intact copy while answers are being written', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bc-backup-'));
		const live = createDb({ engine: 'sqlite', file: join(dir, 'live.db') });
		await migrateToLatest(live.db);
		const write = (i: number) =>
			recordAnswer(live.db, {
				userId: null,
				guestId: 'g',
				lesson: 'm/l',
				questionId: `q${i}`,
				answer: i,
				correct: true,
				points: 1,
				keyHash: 'k',
				idempotencyKey: crypto.randomUUID()
			});
		for (let i = 0; i < 200; i++) await write(i);
		let writing = true;
		let written = 200;
		const writer = (async () => {
			while (writing) await write(written++);
		})();
		const { pages } = await backupSqlite(join(dir, 'live.db'), join(dir, 'copy.db'));
		writing = false;
		await writer;
		expect(pages).toBeGreaterThan(0);
		expect(sqliteIntegrity(join(dir, 'copy.db'))).toBe('ok');
		const copy = createDb({ engine: 'sqlite', file: join(dir, 'copy.db') });
		const n = await countAnswers(copy.db);
		expect(n).toBeGreaterThanOrEqual(200);
		expect(n).toBeLessThanOrEqual(written);
		await copy.close();
		await live.close();
	});
});
