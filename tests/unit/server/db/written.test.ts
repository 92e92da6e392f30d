/** Written answers on both engines: drafts, submissions, idempotency, the lock once graded, regrades, the class queue. */
import { afterEach, describe, expect, it } from 'vitest';
import { addMembership, createClass, removeMember } from '../../../../src/lib/server/db/classes';
import type { Db } from '../../../../src/lib/server/db/client';
import { createUser } from '../../../../src/lib/server/db/users';
import {
	countWaiting,
	gradedInClass,
	gradeHistory,
	gradeWritten,
	markGradesSeen,
	saveWritten,
	unseenGrades,
	waitingInClass,
	WrittenChanged,
	WrittenKeyConflict,
	WrittenLocked,
	writtenOfClass,
	writtenOfLesson,
	writtenSubmissionsOf,
	type SaveWritten
} from '../../../../src/lib/server/db/written';
import { engines } from './engines';

const LESSON = 'who-talks/talking-directly';
const text = (claim: string) => ({ claim, evidence: ['004:3'], reasoning: `Because ${claim}.` });

describe.each(engines)('written answers on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	async function seed() {
		handle = await engine.open();
		const db = handle.db;
		const person = (role: 'student' | 'teacher', name: string) =>
			createUser(db, { role, username: role === 'student' ? name : null, email: role === 'teacher' ? `${name}@school.test` : null, displayName: `Name ${name}`, passwordHash: 'h', timeZone: 'UTC' });
		const [teacher, sam, ola, outsider] = await Promise.all([person('teacher', 'teach'), person('student', 'sam'), person('student', 'ola'), person('student', 'out')]);
		const cls = await createClass(db, { teacherId: teacher.id, name: 'History', section: null, timeZone: 'UTC' });
		await addMembership(db, cls.id, sam.id);
		await addMembership(db, cls.id, ola.id);
		let t = Date.parse('2026-03-02T09:00:00Z');
		const later = () => new Date((t += 60_000));
		const save = (userId: string, kind: SaveWritten['kind'], claim: string, idem = crypto.randomUUID()) =>
			saveWritten(db, { userId, lesson: LESSON, questionId: 'q-w', kind, content: text(claim), keyHash: 'kh', idempotencyKey: idem }, later());
		const grade = (answerId: string, submittedAt: string, total: number, idem = crypto.randomUUID()) =>
			gradeWritten(db, { answerId, submittedAt, graderId: teacher.id, graderName: 'Ms T', scores: { claim: total }, total, max: 4, comment: `c${total}`, rubricHash: 'rh', idempotencyKey: idem }, later());
		return { db, teacher, sam, ola, outsider, cls, save, grade };
	}

	it('a draft, then a submission that replaces it, then a newer draft beside the submission; every save a version', async () => {
		const { db, sam, save } = await seed();
		const d1 = await save(sam.id, 'draft', 'first');
		expect(d1.answer).toMatchObject({ draft: JSON.stringify(text('first')), submitted: null, graded_at: null });
		const s1 = await save(sam.id, 'submission', 'second');
		expect(s1.answer).toMatchObject({ draft: null, submitted: JSON.stringify(text('second')), key_hash: 'kh' });
		const d2 = await save(sam.id, 'draft', 'third');
		expect(d2.answer).toMatchObject({ draft: JSON.stringify(text('third')), submitted: JSON.stringify(text('second')) });
		expect(d2.answer.id).toBe(d1.answer.id);
		const versions = await db.selectFrom('written_versions').select(['kind', 'content']).orderBy('created_at').execute();
		expect(versions.map((v) => [v.kind, JSON.parse(v.content).claim])).toEqual([
			['draft', 'first'],
			['submission', 'second'],
			['draft', 'third']
		]);
		expect((await writtenSubmissionsOf(db, sam.id)).map((w) => w.first_submitted_at)).toEqual([s1.answer.submitted_at]);
	});

	it('the same key twice is stored once; the key reused for another question or student is refused', async () => {
		const { db, sam, ola, save } = await seed();
		const idem = crypto.randomUUID();
		const a = await save(sam.id, 'submission', 'once', idem);
		const b = await save(sam.id, 'submission', 'once', idem);
		expect([a.duplicate, b.duplicate]).toEqual([false, true]);
		expect(await db.selectFrom('written_versions').select('id').execute()).toHaveLength(1);
		await expect(save(ola.id, 'submission', 'once', idem)).rejects.toBeInstanceOf(WrittenKeyConflict);
		await expect(save(sam.id, 'draft', 'once', idem)).rejects.toBeInstanceOf(WrittenKeyConflict);
	});

	it('graded closes it to edits (the retry of a save already stored still answers); a regrade keeps the history', async () => {
		const { db, sam, save, grade } = await seed();
		const idem = crypto.randomUUID();
		const { answer } = await save(sam.id, 'submission', 'mine', idem);
		const g1 = await grade(answer.id, answer.submitted_at!, 2);
		await expect(save(sam.id, 'draft', 'too late')).rejects.toBeInstanceOf(WrittenLocked);
		await expect(save(sam.id, 'submission', 'too late')).rejects.toBeInstanceOf(WrittenLocked);
		expect((await save(sam.id, 'submission', 'mine', idem)).duplicate).toBe(true);
		const g2 = await grade(answer.id, answer.submitted_at!, 4);
		expect((await gradeHistory(db, answer.id)).map((g) => g.total)).toEqual([2, 4]);
		// the first grade's time stays the answer's graded time
		const [row] = await writtenOfLesson(db, sam.id, LESSON);
		expect(row!.answer.graded_at).toBe(g1.grade.created_at);
		expect(row!.grade?.id).toBe(g2.grade.id);
		// the same grade posted twice is one grade
		const idemG = crypto.randomUUID();
		await grade(answer.id, answer.submitted_at!, 3, idemG);
		expect((await grade(answer.id, answer.submitted_at!, 3, idemG)).duplicate).toBe(true);
		expect(await gradeHistory(db, answer.id)).toHaveLength(3);
	});

	it('a grade of a version the student has since changed is refused, and nothing is stored', async () => {
		const { db, sam, save, grade } = await seed();
		const { answer: first } = await save(sam.id, 'submission', 'v1');
		await save(sam.id, 'submission', 'v2');
		await expect(grade(first.id, first.submitted_at!, 3)).rejects.toBeInstanceOf(WrittenChanged);
		expect(await gradeHistory(db, first.id)).toEqual([]);
		expect((await writtenOfLesson(db, sam.id, LESSON))[0]!.answer.graded_at).toBeNull();
	});

	it('the queue: submitted answers of current members, oldest first; drafts and outsiders never; graded ones apart', async () => {
		const { db, cls, sam, ola, outsider, save, grade } = await seed();
		await save(ola.id, 'draft', 'only a draft');
		const { answer: s } = await save(sam.id, 'submission', 'sam');
		await save(outsider.id, 'submission', 'not in the class');
		const { answer: o } = await save(ola.id, 'submission', 'ola');
		expect((await waitingInClass(db, cls.id)).map((w) => w.display_name)).toEqual(['Name sam', 'Name ola']);
		expect(await countWaiting(db, cls.id)).toBe(2);
		await grade(s.id, s.submitted_at!, 4);
		expect((await waitingInClass(db, cls.id)).map((w) => w.id)).toEqual([o.id]);
		expect((await gradedInClass(db, cls.id)).map((w) => w.id)).toEqual([s.id]);
		const reports = await writtenOfClass(db, cls.id, [LESSON]);
		expect(reports.map((r) => [r.answer.user_id, r.grade?.total ?? null])).toEqual([
			[sam.id, 4],
			[ola.id, null]
		]);
		// a student who leaves takes their writing out of the class's queue and reports
		await removeMember(db, cls.id, ola.id);
		expect(await countWaiting(db, cls.id)).toBe(0);
	});

	it('new grades are unseen until the student’s page shows them', async () => {
		const { db, sam, save, grade } = await seed();
		const { answer } = await save(sam.id, 'submission', 'mine');
		const { grade: g } = await grade(answer.id, answer.submitted_at!, 3);
		expect((await unseenGrades(db, sam.id)).map((u) => [u.id, u.lesson, u.question_id, u.comment])).toEqual([[g.id, LESSON, 'q-w', 'c3']]);
		await markGradesSeen(db, sam.id, [g.id]);
		expect(await unseenGrades(db, sam.id)).toEqual([]);
	});
});
