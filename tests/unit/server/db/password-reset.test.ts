/** Forgotten passwords on both engines: who may make a code, and what using one does. */
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../src/lib/server/auth/password';
import { CODE_TTL_MS, issueCode, RESET_LIMITS, resetWithCode, teacherResetCode } from '../../../../src/lib/server/auth/password-reset';
import { normalizeCode } from '../../../../src/lib/server/auth/one-time-code';
import { addMembership, createClass } from '../../../../src/lib/server/db/classes';
import type { Db } from '../../../../src/lib/server/db/client';
import { exportUserData } from '../../../../src/lib/server/db/export';
import { createSession, validateSession } from '../../../../src/lib/server/db/sessions';
import { createUser, findLogin } from '../../../../src/lib/server/db/users';
import { engines } from './engines';

const NEW_PASSWORD = 'a brand new password';
const form = (username: string, code: string) => ({ username, code, password: NEW_PASSWORD, confirm: NEW_PASSWORD });

describe.each(engines)('password reset on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	async function seed() {
		handle = await engine.open();
		const db = handle.db;
		const person = async (role: 'student' | 'teacher', name: string) =>
			createUser(db, {
				role,
				username: role === 'student' ? name : null,
				email: role === 'teacher' ? `${name}@school.test` : null,
				displayName: `Name of ${name}`,
				passwordHash: await hashPassword(`old password of ${name}`),
				timeZone: 'UTC'
			});
		const [teacher, stranger, sam, ola, colleague] = await Promise.all([
			person('teacher', 'teach'),
			person('teacher', 'stranger'),
			person('student', 'sam'),
			person('student', 'ola'),
			person('teacher', 'colleague')
		]);
		const cls = await createClass(db, { teacherId: teacher.id, name: 'History 10', section: null, timeZone: 'UTC' });
		await addMembership(db, cls.id, sam.id);
		return { db, teacher, stranger, sam, ola, colleague };
	}

	it('a teacher makes a code only for a student of their own class, never for a teacher', async () => {
		const { db, teacher, stranger, sam, ola, colleague } = await seed();
		expect(await teacherResetCode(db, teacher, sam.id)).not.toBeNull();
		expect(await teacherResetCode(db, teacher, ola.id)).toBeNull();
		expect(await teacherResetCode(db, stranger, sam.id)).toBeNull();
		expect(await teacherResetCode(db, teacher, colleague.id)).toBeNull();
		expect(await teacherResetCode(db, sam, sam.id)).toBeNull();
	});

	it('a code sets the password once, ends every session, and is stored only as a hash', async () => {
		const { db, teacher, sam } = await seed();
		const now = new Date('2026-12-01T08:00:00Z');
		const old = await createSession(db, sam.id, now);
		const issued = (await teacherResetCode(db, teacher, sam.id, now))!;
		expect(issued.expiresAt.getTime() - now.getTime()).toBe(CODE_TTL_MS);
		const stored = await exportUserData(db, sam.id);
		expect(JSON.stringify(stored)).not.toContain(normalizeCode(issued.code));
		expect(stored.passwordCodes).toHaveLength(1);

		const later = new Date(now.getTime() + 60_000);
		const r = await resetWithCode(db, form('sam', issued.code.toLowerCase()), '198.51.100.1', later);
		expect(r.ok).toBe(true);
		const row = (await findLogin(db, 'sam'))!;
		expect(await verifyPassword(row.password_hash, NEW_PASSWORD)).toBe(true);
		expect(await verifyPassword(row.password_hash, 'old password of sam')).toBe(false);
		expect(row.password_reset_at).toBe(later.toISOString());
		expect(row.password_reset_by).toBe('Name of teach');
		expect(await validateSession(db, old.token, later)).toBeNull();

		const again = await resetWithCode(db, form('sam', issued.code), '198.51.100.1', later);
		expect(again).toMatchObject({ ok: false, status: 400, field: 'code' });
	});

	it('a code expires after 24 hours, works only for its own account, and a newer code replaces it', async () => {
		const { db, teacher, sam } = await seed();
		const now = new Date('2026-12-01T08:00:00Z');
		const first = (await teacherResetCode(db, teacher, sam.id, now))!;
		const expired = await resetWithCode(db, form('sam', first.code), '198.51.100.2', new Date(now.getTime() + CODE_TTL_MS));
		expect(expired).toMatchObject({ ok: false, status: 400 });
		const fresh = (await teacherResetCode(db, teacher, sam.id, now))!;
		const replaced = (await teacherResetCode(db, teacher, sam.id, now))!;
		expect(await resetWithCode(db, form('ola', replaced.code), '198.51.100.2', now)).toMatchObject({ ok: false });
		expect(await resetWithCode(db, form('sam', fresh.code), '198.51.100.2', now)).toMatchObject({ ok: false });
		expect(await resetWithCode(db, form('sam', replaced.code), '198.51.100.2', now)).toMatchObject({ ok: true });
	});

	it('wrong codes are limited per username and per address, with the time to wait', async () => {
		const { db, teacher, sam } = await seed();
		const now = new Date('2026-12-01T08:00:00Z');
		const issued = (await teacherResetCode(db, teacher, sam.id, now))!;
		for (let i = 0; i < RESET_LIMITS.perUsername.max; i++) {
			expect(await resetWithCode(db, form('sam', 'AAAAA-AAAAA'), `198.51.100.${i}`, now)).toMatchObject({ status: 400 });
		}
		const blocked = await resetWithCode(db, form('sam', issued.code), '198.51.100.99', now);
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		expect(blocked.ok ? '' : blocked.message).toMatch(/wait 15 minutes/);
		// the window passes, and the right code works
		const after = new Date(now.getTime() + RESET_LIMITS.perUsername.windowMs);
		expect(await resetWithCode(db, form('sam', issued.code), '198.51.100.99', after)).toMatchObject({ ok: true });

		// one address guessing across many usernames
		for (let i = 0; i < RESET_LIMITS.perIp.max; i++) await resetWithCode(db, form(`nobody${i}`, 'AAAAA-AAAAA'), '203.0.113.9', after);
		expect(await resetWithCode(db, form('ola', 'AAAAA-AAAAA'), '203.0.113.9', after)).toMatchObject({ status: 429 });
	});

	it('right codes do not use up an address’s tries: a class of 30 sets up behind one school address', async () => {
		const { db, teacher } = await seed();
		const now = new Date('2026-12-01T08:00:00Z');
		const cls = await createClass(db, { teacherId: teacher.id, name: 'Big class', section: null, timeZone: 'UTC' });
		for (let i = 0; i < RESET_LIMITS.perIp.max + 5; i++) {
			const s = await createUser(db, { role: 'student', username: `s${i}`, email: null, displayName: `S ${i}`, passwordHash: '!', timeZone: 'UTC' });
			await addMembership(db, cls.id, s.id);
			const { code } = await issueCode(db, s.id, 'setup', { id: teacher.id, name: teacher.display_name }, now);
			expect(await resetWithCode(db, form(`s${i}`, code), '192.0.2.1', now)).toMatchObject({ ok: true });
		}
	});
});
