import { afterEach, describe, expect, it } from 'vitest';
import { countAnswers, findAnswersByIdempotencyKeys, IdempotencyConflict } from '../../../../src/lib/server/db/answers';
import type { Db } from '../../../../src/lib/server/db/client';
import { answerWriter } from '../../../../src/lib/server/db/group-commit';
import { createUser } from '../../../../src/lib/server/db/users';
import { engines, newAnswer } from './engines';

const answer = newAnswer;

describe.each(engines)('group commit on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('writes answers that arrive together in far fewer statements, each stored once it is acknowledged', async () => {
		handle = await engine.open();
		const writer = answerWriter(handle.db);
		expect(answerWriter(handle.db)).toBe(writer);
		const answers = Array.from({ length: 1200 }, (_, i) => answer({ questionId: `q${i}` }));
		const results = await Promise.all(answers.map((a) => writer.write(a)));
		expect(results.every((r) => !r.duplicate)).toBe(true);
		expect(results.map((r) => r.stored.question_id)).toEqual(answers.map((a) => a.questionId));
		// 1 200 at once: three statements of at most 500
		expect(writer.batches).toBe(3);
		const found = await findAnswersByIdempotencyKeys(handle.db, answers.map((a) => a.idempotencyKey));
		expect(found).toHaveLength(1200);
		// a later lone answer still gets written
		await writer.write(answer());
		expect(writer.batches).toBe(4);
		expect(await countAnswers(handle.db)).toBe(1201);
	});

	it('keeps idempotency inside a batch: a repeat is a duplicate, a reused key for another question a conflict', async () => {
		handle = await engine.open();
		const writer = answerWriter(handle.db);
		const first = answer();
		const [a, b, c] = await Promise.allSettled([
			writer.write(first),
			writer.write({ ...first }),
			writer.write({ ...first, questionId: 'q2' })
		]);
		expect(a).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
		expect(b).toMatchObject({ status: 'fulfilled', value: { duplicate: true } });
		expect(c.status).toBe('rejected');
		expect((c as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflict);
		expect(writer.batches).toBe(1);
		expect(await countAnswers(handle.db)).toBe(1);
	});

	it('one answer that cannot be stored fails alone; the rest of its batch is stored', async () => {
		handle = await engine.open();
		const writer = answerWriter(handle.db);
		const user = await createUser(handle.db, { role: 'student', username: 'ana', email: null, displayName: 'Ana', passwordHash: 'x', timeZone: 'UTC' });
		const good = Array.from({ length: 5 }, () => answer({ userId: user.id, guestId: null }));
		// an account that does not exist (deleted a moment ago): the foreign key refuses it
		const bad = answer({ userId: crypto.randomUUID(), guestId: null });
		const settled = await Promise.allSettled([...good, bad, answer()].map((a) => writer.write(a)));
		expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect(await countAnswers(handle.db)).toBe(6);
	});
});
