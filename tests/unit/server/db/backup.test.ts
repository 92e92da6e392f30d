import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countAnswers, latestAnswers } from '../../../../src/lib/server/db/answers';
import { backupSqlite } from '../../../../src/lib/server/db/backup';
import { createDb } from '../../../../src/lib/server/db/client';
import { sqliteIntegrity } from '../../../../src/lib/server/db/health';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';

describe('db:backup (embedded engine)', () => {
	it('makes a consistent, intact copy while another process keeps writing', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bc-backup-'));
		const file = join(dir, 'live.db');
		const live = createDb({ engine: 'sqlite', file });
		await migrateToLatest(live.db);
		await live.close();
		// node itself with tsx's loader, not the `tsx` wrapper: killing the wrapper would leave its
		// node child writing forever
		const writer = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'writer.ts'), file]);
		let reported = 0;
		writer.stdout.on('data', (d: Buffer) => (reported = Number(d.toString().trim().split('\n').pop())));
		// wait until the writer is well under way, then copy while it writes
		while (reported < 200) await new Promise((r) => setTimeout(r, 20));
		const { bytes } = await backupSqlite(file, join(dir, 'copy.db'));
		const exited = new Promise((r) => writer.once('exit', r));
		writer.kill('SIGKILL');
		await exited;
		expect(bytes).toBeGreaterThan(0);
		expect(sqliteIntegrity(join(dir, 'copy.db'))).toBe('ok');
		const copy = createDb({ engine: 'sqlite', file: join(dir, 'copy.db') });
		const copied = await latestAnswers(copy.db, { userId: null, guestId: 'writer' }, 'm/l');
		await copy.close();
		const liveAfter = createDb({ engine: 'sqlite', file });
		const total = await countAnswers(liveAfter.db);
		await liveAfter.close();
		// a snapshot: the writer's first n answers, no gaps, and no more than the live file held
		// once the writer was stopped (its stdout count lags the file, so it cannot bound n)
		const n = copied.length;
		expect(n).toBeGreaterThanOrEqual(200);
		expect(n).toBeLessThanOrEqual(total);
		expect(new Set(copied.map((a) => a.question_id))).toEqual(new Set(Array.from({ length: n }, (_, i) => `q${i}`)));
	}, 60_000);
});

describe('db:backup refuses to overwrite', () => {
	it('an existing file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bc-backup-'));
		const live = createDb({ engine: 'sqlite', file: join(dir, 'live.db') });
		await migrateToLatest(live.db);
		await live.close();
		await backupSqlite(join(dir, 'live.db'), join(dir, 'copy.db'));
		await expect(backupSqlite(join(dir, 'live.db'), join(dir, 'copy.db'))).rejects.toThrow(/already exists/);
	});
});
