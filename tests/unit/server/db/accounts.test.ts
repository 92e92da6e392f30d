import { afterEach, describe, expect, it } from 'vitest';
import { countAnswers, recordAnswer } from '../../../../src/lib/server/db/answers';
import type { Db } from '../../../../src/lib/server/db/client';
import { exportUserData } from '../../../../src/lib/server/db/export';
import { clearLimit, hit } from '../../../../src/lib/server/db/rate-limit';
import { createSession, deleteSession, SESSION_IDLE_MS, validateSession } from '../../../../src/lib/server/db/sessions';
import { claimGuestAnswers, createUser, deleteUser, findLogin, UsernameTaken } from '../../../../src/lib/server/db/users';
import { saveWritten } from '../../../../src/lib/server/db/written';
import { engines } from './engines';

const student = (username: string) => ({
	role: 'student' as const,
	username,
	email: null,
	displayName: `Name of ${username}`,
	passwordHash: 'hash',
	timeZone: 'UTC'
});

const answer = (guestId: string | null, userId: string | null = null) => ({
	userId,
	guestId,
	lesson: 'm/l',
	questionId: 'q',
	answer: 'x',
	correct: true,
	points: 1,
	keyHash: 'k',
	idempotencyKey: crypto.randomUUID()
});

describe.each(engines)('accounts on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('creates a user once per username', async () => {
		handle = await engine.open();
		const u = await createUser(handle.db, student('sam'));
		expect(u).not.toHaveProperty('password_hash');
		expect((await findLogin(handle.db, 'sam'))?.password_hash).toBe('hash');
		await expect(createUser(handle.db, student('sam'))).rejects.toBeInstanceOf(UsernameTaken);
	});

	it('sessions: valid until deleted; expired by idle time; token never stored', async () => {
		handle = await engine.open();
		const u = await createUser(handle.db, student('sam'));
		const now = new Date('2026-05-01T00:00:00Z');
		const { token } = await createSession(handle.db, u.id, now);
		expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
		expect((await validateSession(handle.db, token, now))?.username).toBe('sam');
		const stored = await exportUserData(handle.db, u.id);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(await validateSession(handle.db, token, new Date(now.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
		// and the expired session is gone for good
		expect(await validateSession(handle.db, token, now)).toBeNull();
		const second = await createSession(handle.db, u.id, now);
		await deleteSession(handle.db, second.token);
		expect(await validateSession(handle.db, second.token, now)).toBeNull();
		expect(await validateSession(handle.db, 'not-a-token', now)).toBeNull();
	});

	it('moves a guest’s answers to the account, and only that guest’s', async () => {
		handle = await engine.open();
		const u = await createUser(handle.db, student('sam'));
		await recordAnswer(handle.db, answer('g1'));
		await recordAnswer(handle.db, answer('g1'));
		await recordAnswer(handle.db, answer('g2'));
		expect(await claimGuestAnswers(handle.db, 'g1', u.id)).toBe(2);
		const data = await exportUserData(handle.db, u.id);
		expect(data.answers).toHaveLength(2);
	});

	it('deleting a user removes their answers, sessions and memberships, nobody else’s', async () => {
		handle = await engine.open();
		const a = await createUser(handle.db, student('alice'));
		const b = await createUser(handle.db, student('bob'));
		await recordAnswer(handle.db, answer(null, a.id));
		await recordAnswer(handle.db, answer(null, b.id));
		const write = (userId: string) =>
			saveWritten(handle.db, { userId, lesson: 'm/l', questionId: 'w', kind: 'submission', content: { claim: 'c', evidence: [], reasoning: 'r' }, keyHash: 'k', idempotencyKey: crypto.randomUUID() });
		await write(a.id);
		await write(b.id);
		await createSession(handle.db, a.id);
		await deleteUser(handle.db, a.id);
		expect(await findLogin(handle.db, 'alice')).toBeUndefined();
		expect(await countAnswers(handle.db)).toBe(1);
		const left = await exportUserData(handle.db, a.id);
		expect(left).toEqual({ user: undefined, sessions: [], memberships: [], answers: [], attemptCounters: [], passwordCodes: [], writtenAnswers: [], writtenVersions: [], writtenGrades: [], lmsAccounts: [], lmsCourses: [], lmsLaunchCodes: [], lmsGradeColumns: [], lmsScores: [] });
		const bob = await exportUserData(handle.db, b.id);
		expect([bob.answers.length, bob.writtenAnswers.length, bob.writtenVersions.length]).toEqual([1, 1, 1]);
	});

	it('rate limits: the N+1-th hit in the window is refused with the wait, a new window allows again', async () => {
		handle = await engine.open();
		const limit = { max: 3, windowMs: 60_000 };
		const t0 = new Date('2026-05-01T00:00:00Z');
		for (let i = 0; i < 3; i++) expect(await hit(handle.db, 'k', limit, t0)).toEqual({ allowed: true });
		expect(await hit(handle.db, 'k', limit, new Date(t0.getTime() + 10_000))).toEqual({ allowed: false, retryAfterMs: 50_000 });
		expect(await hit(handle.db, 'other', limit, t0)).toEqual({ allowed: true });
		expect(await hit(handle.db, 'k', limit, new Date(t0.getTime() + 60_000))).toEqual({ allowed: true });
		await clearLimit(handle.db, 'k');
		expect(await hit(handle.db, 'k', limit, t0)).toEqual({ allowed: true });
	});

	it('rate limits: tries at the same moment on many connections (as from several app processes) pass exactly the limit', async () => {
		handle = await engine.open();
		const limit = { max: 5, windowMs: 60_000 };
		const t0 = new Date('2026-05-01T00:00:00Z');
		// on PostgreSQL these run on up to 10 pooled connections at once
		const results = await Promise.all(Array.from({ length: 40 }, () => hit(handle.db, 'same', limit, t0)));
		expect(results.filter((r) => r.allowed)).toHaveLength(5);
		expect(results.filter((r) => !r.allowed)).toHaveLength(35);
		// a refusal still waits for the window's end, however many refusals came before it
		expect(await hit(handle.db, 'same', limit, new Date(t0.getTime() + 59_000))).toEqual({ allowed: false, retryAfterMs: 1_000 });
		expect(await hit(handle.db, 'same', limit, new Date(t0.getTime() + 60_000))).toEqual({ allowed: true });
	});
});
