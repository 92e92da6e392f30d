import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../../../src/lib/server/db/answers';
import { addMembership, createClass, removeMember } from '../../../../src/lib/server/db/classes';
import type { Db } from '../../../../src/lib/server/db/client';
import { queryPlan } from '../../../../src/lib/server/db/explain';
import { answersOfClass, answersOfMember, classAnswersQuery, memberOfClass } from '../../../../src/lib/server/db/gradebook';
import { createUser } from '../../../../src/lib/server/db/users';
import { engines } from './engines';

const person = (role: 'student' | 'teacher', username: string) => ({
	role,
	username,
	email: null,
	displayName: `Name of ${username}`,
	passwordHash: 'hash',
	timeZone: 'UTC'
});

describe.each(engines)('gradebook queries on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	async function setup() {
		handle = await engine.open();
		const { db } = handle;
		const teacher = await createUser(db, person('teacher', 'teach'));
		const other = await createUser(db, person('teacher', 'other'));
		const cls = await createClass(db, { teacherId: teacher.id, name: '10B', section: null, timeZone: 'Europe/Berlin' });
		const otherCls = await createClass(db, { teacherId: other.id, name: '11A', section: null, timeZone: 'UTC' });
		const [ann, ben, cat, dan] = await Promise.all(['ann', 'ben', 'cat', 'dan'].map((u) => createUser(db, person('student', u))));
		await addMembership(db, cls.id, ann!.id);
		await addMembership(db, cls.id, ben!.id);
		await addMembership(db, otherCls.id, cat!.id); // only in the other class
		await addMembership(db, otherCls.id, ben!.id); // in both
		// dan is in no class
		let t = Date.parse('2026-03-01T09:00:00Z');
		const answer = (userId: string | null, lesson: string, questionId: string, correct = true, guestId: string | null = null) =>
			recordAnswer(
				db,
				{ userId, guestId, lesson, questionId, answer: 'x', correct, points: correct ? 1 : 0, keyHash: 'k', idempotencyKey: crypto.randomUUID() },
				new Date((t += 60_000))
			);
		await answer(ann!.id, 'm/a', 'q1', false);
		await answer(ann!.id, 'm/a', 'q1', true);
		await answer(ann!.id, 'm/b', 'q9');
		await answer(ben!.id, 'm/a', 'q2');
		await answer(cat!.id, 'm/a', 'q1');
		await answer(dan!.id, 'm/a', 'q1');
		await answer(null, 'm/a', 'q1', true, 'guest-1');
		await answer(ann!.id, 'x/other', 'q1');
		return { db, cls, otherCls, ann: ann!, ben: ben!, cat: cat!, dan: dan! };
	}

	it('answers of current members to the lessons asked for, oldest first; nobody else’s', async () => {
		const { db, cls, ann, ben } = await setup();
		const rows = await answersOfClass(db, cls.id, ['m/a', 'm/b']);
		expect(rows.map((r) => [r.user_id, r.lesson, r.question_id, r.correct])).toEqual([
			[ann.id, 'm/a', 'q1', 0],
			[ann.id, 'm/a', 'q1', 1],
			[ann.id, 'm/b', 'q9', 1],
			[ben.id, 'm/a', 'q2', 1]
		]);
		expect(rows[0]).toEqual({
			id: expect.any(String),
			user_id: ann.id,
			lesson: 'm/a',
			question_id: 'q1',
			answer: JSON.stringify('x'),
			correct: 0,
			points: 0,
			created_at: '2026-03-01T09:01:00.000Z'
		});
		expect((await answersOfClass(db, cls.id, ['m/b'])).map((r) => r.question_id)).toEqual(['q9']);
		expect(await answersOfClass(db, cls.id, [])).toEqual([]);
	});

	it('the other class sees its own members only, even one who is in both classes', async () => {
		const { db, otherCls, ben, cat } = await setup();
		const rows = await answersOfClass(db, otherCls.id, ['m/a', 'm/b', 'x/other']);
		expect(rows.map((r) => r.user_id).sort()).toEqual([ben.id, cat.id].sort());
		expect(await answersOfClass(db, 'no-such-class', ['m/a'])).toEqual([]);
	});

	it('a student who leaves takes their answers out of the class’s reports', async () => {
		const { db, cls, ann, ben } = await setup();
		await removeMember(db, cls.id, ann.id);
		expect((await answersOfClass(db, cls.id, ['m/a', 'm/b'])).map((r) => r.user_id)).toEqual([ben.id]);
		expect(await memberOfClass(db, cls.id, ann.id)).toBeUndefined();
		expect(await answersOfMember(db, cls.id, ann.id, ['m/a'])).toEqual([]);
	});

	it('one member and their answers; nothing for a non-member or another class’s student', async () => {
		const { db, cls, otherCls, ann, cat, dan } = await setup();
		expect(await memberOfClass(db, cls.id, ann.id)).toMatchObject({ id: ann.id, display_name: 'Name of ann', username: 'ann' });
		expect((await answersOfMember(db, cls.id, ann.id, ['m/a', 'm/b'])).map((r) => r.question_id)).toEqual(['q1', 'q1', 'q9']);
		expect(await memberOfClass(db, cls.id, cat.id)).toBeUndefined();
		expect(await answersOfMember(db, cls.id, cat.id, ['m/a'])).toEqual([]);
		expect(await answersOfMember(db, cls.id, dan.id, ['m/a'])).toEqual([]);
		expect(await memberOfClass(db, otherCls.id, ann.id)).toBeUndefined();
		expect(await memberOfClass(db, cls.id, 'not-an-id')).toBeUndefined();
	});
});

describe('the plan of a class’s answers to a lesson', () => {
	// Without statistics SQLite picks by the shape of the indexes alone; an index led by the
	// lesson once made it walk every answer to the lesson in the whole database (0004). PostgreSQL
	// plans by statistics, so the benchmark (npm run bench, target 3) shows its plan at 1 M answers.
	it('on SQLite starts from the class’s members and reads each one’s answers by learner and lesson', async () => {
		const handle = await engines[0].open();
		try {
			const plan = await queryPlan(handle, classAnswersQuery(handle.db, 'c', ['m/l']));
			expect(plan[0]).toMatch(/^SEARCH memberships USING (COVERING )?INDEX/);
			expect(plan[1]).toBe('SEARCH answers USING INDEX answers_user_lesson (user_id=? AND lesson=?)');
		} finally {
			await handle.close();
		}
	});
});
