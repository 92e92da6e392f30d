import { afterEach, describe, expect, it } from 'vitest';
import {
	countAnswers,
	findAnswersByIdempotencyKeys,
	IdempotencyConflict,
	latestAnswers,
	recordAnswer
} from '../../../../src/lib/server/db/answers';
import type { Db } from '../../../../src/lib/server/db/client';
import { migrateToLatest } from '../../../../src/lib/server/db/migrate';
import { engines, newAnswer } from './engines';

const answer = newAnswer;

describe.each(engines)('answers on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('creates the schema once: running the migrations again applies nothing', async () => {
		handle = await engine.open();
		expect(handle.engine).toBe(engine.name);
		expect(await migrateToLatest(handle.db)).toEqual([]);
		const tables = (await handle.db.introspection.getTables()).map((t) => t.name).sort();
		expect(tables).toEqual(expect.arrayContaining(['answers', 'assignments', 'classes', 'memberships', 'sessions', 'users']));
	});

	it('stores an answer with what was answered, whether right, when, and the key version', async () => {
		handle = await engine.open();
		const a = answer({ answer: ['qatar', 'egypt'], correct: false, points: 0.5 });
		const { stored, duplicate } = await recordAnswer(handle.db, a, new Date('2026-01-02T03:04:05.678Z'));
		expect(duplicate).toBe(false);
		expect(stored).toMatchObject({
			guest_id: 'guest-1',
			user_id: null,
			lesson: 'm/l',
			question_id: 'q1',
			answer: '["qatar","egypt"]',
			correct: 0,
			points: 0.5,
			key_hash: 'abc',
			created_at: '2026-01-02T03:04:05.678Z'
		});
		expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('stores a repeated submission with the same idempotency key once', async () => {
		handle = await engine.open();
		const a = answer();
		const first = await recordAnswer(handle.db, a);
		const again = await Promise.all([recordAnswer(handle.db, a), recordAnswer(handle.db, a)]);
		expect(again.map((r) => r.duplicate)).toEqual([true, true]);
		expect(again.map((r) => r.stored.id)).toEqual([first.stored.id, first.stored.id]);
		expect(await countAnswers(handle.db)).toBe(1);
	});

	it('refuses an idempotency key reused by someone else or for another question', async () => {
		handle = await engine.open();
		const a = answer();
		await recordAnswer(handle.db, a);
		await expect(recordAnswer(handle.db, { ...a, guestId: 'guest-2' })).rejects.toBeInstanceOf(IdempotencyConflict);
		await expect(recordAnswer(handle.db, { ...a, questionId: 'q2' })).rejects.toBeInstanceOf(IdempotencyConflict);
		expect(await countAnswers(handle.db)).toBe(1);
	});

	it('finds answers by idempotency keys, in chunks beyond 500', { timeout: 60_000 }, async () => {
		handle = await engine.open();
		const keys: string[] = [];
		for (let i = 0; i < 620; i++) {
			const a = answer({ questionId: `q${i}` });
			keys.push(a.idempotencyKey);
			await recordAnswer(handle.db, a);
		}
		const found = await findAnswersByIdempotencyKeys(handle.db, [...keys, 'missing']);
		expect(found).toHaveLength(620);
	});

	it("returns a learner's latest answer per question, and nobody else's", async () => {
		handle = await engine.open();
		await recordAnswer(handle.db, answer({ answer: 'a', correct: false }), new Date('2026-01-01T00:00:00Z'));
		await recordAnswer(handle.db, answer({ answer: 'b' }), new Date('2026-01-01T00:01:00Z'));
		await recordAnswer(handle.db, answer({ questionId: 'q2' }), new Date('2026-01-01T00:02:00Z'));
		await recordAnswer(handle.db, answer({ guestId: 'guest-2', answer: 'z' }), new Date('2026-01-01T00:03:00Z'));
		await recordAnswer(handle.db, answer({ lesson: 'm/other' }), new Date('2026-01-01T00:04:00Z'));
		const rows = await latestAnswers(handle.db, { userId: null, guestId: 'guest-1' }, 'm/l');
		expect(rows.map((r) => [r.question_id, r.answer]).sort()).toEqual([
			['q1', '"b"'],
			['q2', '"state"']
		]);
		expect(await latestAnswers(handle.db, { userId: null, guestId: 'nobody' }, 'm/l')).toEqual([]);
	});
});
