/**
 * `npm run admin -- reset-password`: whoever runs the server gets a one-time code for a teacher
 * (who has nobody else to ask), and the code works at /reset exactly once. Runs the real
 * command on a SQLite file of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/lib/server/auth/password';
import { resetWithCode } from '../../../src/lib/server/auth/password-reset';
import { createDb } from '../../../src/lib/server/db/client';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { createUser } from '../../../src/lib/server/db/users';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'bc-admin-'));
const file = join(work, 'admin.db');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const admin = (...args: string[]) =>
	spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'admin.ts'), ...args], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_FILE: file, DATABASE_URL: '' }
	});

describe('npm run admin -- reset-password', () => {
	it('prints a one-time code for a teacher, which sets their password once', async () => {
		const handle = createDb({ engine: 'sqlite', file });
		try {
			await migrateToLatest(handle.db);
			await createUser(handle.db, { role: 'teacher', username: null, email: 'ms.ade@school.test', displayName: 'Ms Ade', passwordHash: await hashPassword('forgotten one'), timeZone: 'UTC' });
		} finally {
			await handle.close();
		}
		const r = admin('reset-password', '--email', 'MS.ADE@school.test');
		expect(r.status, r.stderr).toBe(0);
		const code = /One-time code for Ms Ade \(ms\.ade@school\.test\): ([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})/.exec(r.stdout)?.[1];
		expect(code, r.stdout).toBeDefined();
		expect(r.stdout).toContain('/reset');

		const again = createDb({ engine: 'sqlite', file });
		try {
			const form = { username: 'ms.ade@school.test', code: code!, password: 'remembered now', confirm: 'remembered now' };
			expect(await resetWithCode(again.db, form, '127.0.0.1')).toMatchObject({ ok: true, user: { role: 'teacher' } });
			expect(await resetWithCode(again.db, form, '127.0.0.1')).toMatchObject({ ok: false, status: 400 });
			const row = await again.db.selectFrom('users').select('password_reset_by').where('email', '=', 'ms.ade@school.test').executeTakeFirst();
			expect(row?.password_reset_by).toBe('the administrator of this server');
		} finally {
			await again.close();
		}
	});

	it('says what is wrong: an unknown account, or a wrong command line', () => {
		const unknown = admin('reset-password', '--email', 'nobody@school.test');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain('No account has the email address "nobody@school.test"');
		const usage = admin('reset-passwords');
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('npm run admin -- reset-password --email');
	});
});
