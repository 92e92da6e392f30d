import { describe, expect, it } from 'vitest';
import {
	assignedLessons,
	buildGradebook,
	DEFAULT_SORT,
	gradeCell,
	lessonSummaries,
	parseSort,
	sortRows,
	type GradebookAnswer,
	type GradebookLesson
} from '../../../../src/lib/server/reports/gradebook';

// a course of two modules: m1 (a: 2 questions, b: 1), m2 (c: 2)
const lesson = (module: string, slug: string, ids: string[]) => ({ module, slug, title: slug.toUpperCase(), questions: ids.map((id) => ({ id })) });
const course = { m1: [lesson('m1', 'a', ['a1', 'a2']), lesson('m1', 'b', ['b1'])], m2: [lesson('m2', 'c', ['c1', 'c2'])] };
const resolve = (target: string) => {
	const [m, l] = target.split('/') as [keyof typeof course, string | undefined];
	const lessons = course[m] ?? [];
	return l ? lessons.filter((x) => x.slug === l) : lessons;
};
const order = ['m1/a', 'm1/b', 'm2/c'];

const ans = (studentId: string, lesson: string, questionId: string, correct: boolean, at: string, points = correct ? 1 : 0): GradebookAnswer => ({
	studentId,
	lesson,
	questionId,
	correct,
	points,
	at
});

describe('assignedLessons', () => {
	it('lists each covered lesson once, in course order, with the earliest due date of the assignments covering it', () => {
		const lessons = assignedLessons(
			[
				{ target: 'm2/c', due_at: null },
				{ target: 'm1', due_at: '2026-03-10T12:00:00.000Z' },
				{ target: 'm1/b', due_at: '2026-03-05T12:00:00.000Z' },
				{ target: 'm2', due_at: '2026-03-20T12:00:00.000Z' },
				{ target: 'gone', due_at: '2026-03-01T12:00:00.000Z' }
			],
			resolve,
			order
		);
		expect(lessons.map((l) => [l.key, l.dueAt])).toEqual([
			['m1/a', '2026-03-10T12:00:00.000Z'],
			['m1/b', '2026-03-05T12:00:00.000Z'],
			// an assignment without a due date does not hide the other's
			['m2/c', '2026-03-20T12:00:00.000Z']
		]);
		expect(lessons[0]).toMatchObject({ slug: 'a', module: 'm1', title: 'A', questionIds: ['a1', 'a2'] });
	});

	it('nothing assigned, nothing listed', () => {
		expect(assignedLessons([], resolve, order)).toEqual([]);
	});
});

describe('gradeCell', () => {
	const [a] = assignedLessons([{ target: 'm1/a', due_at: '2026-03-10T12:00:00.000Z' }], resolve, order) as [GradebookLesson];
	const now = new Date('2026-03-09T00:00:00Z');

	it('not started: no score; due soon within 48 hours of the due date', () => {
		expect(gradeCell(a, [], 'latest', new Date('2026-03-01T00:00:00Z'))).toMatchObject({ score: null, right: 0, answered: 0, total: 2, state: 'not-started' });
		expect(gradeCell(a, [], 'latest', now)).toMatchObject({ score: null, state: 'due-soon' });
	});

	it('a written answer: answered but waiting (no points) until scored, then its rubric points over the maximum', () => {
		const written = { ...ans('s', 'm1/a', 'a2', false, '2026-03-08T10:00:00Z', 0), waiting: true };
		const right = ans('s', 'm1/a', 'a1', true, '2026-03-08T09:00:00Z');
		expect(gradeCell(a, [right, written], 'latest', now)).toMatchObject({ answered: 2, waiting: 1, points: 1, score: 0.5, state: 'done' });
		// scored 3 of 4 rubric points: 0.75 of a question
		const scored = { ...written, waiting: false, points: 0.75 };
		expect(gradeCell(a, [right, scored], 'latest', now)).toMatchObject({ answered: 2, waiting: 0, points: 1.75, right: 1, score: 0.875 });
	});

	it('scores the counted attempt per question over all questions of the lesson', () => {
		const list = [ans('s', 'm1/a', 'a1', false, '2026-03-08T10:00:00Z'), ans('s', 'm1/a', 'a1', true, '2026-03-08T10:05:00Z')];
		expect(gradeCell(a, list, 'latest', now)).toMatchObject({ score: 0.5, right: 1, answered: 1, state: 'due-soon' });
		expect(gradeCell(a, list, 'first', now)).toMatchObject({ score: 0, right: 0, answered: 1 });
		expect(gradeCell(a, list, 'best', now)).toMatchObject({ score: 0.5, right: 1 });
	});

	it('counts partial credit: a two-part answer with only Part A right gives half a question', () => {
		const list = [ans('s', 'm1/a', 'a1', false, '2026-03-08T10:00:00Z', 0.5), ans('s', 'm1/a', 'a2', true, '2026-03-08T10:05:00Z')];
		expect(gradeCell(a, list, 'latest', now)).toMatchObject({ score: 0.75, right: 1, points: 1.5, answered: 2 });
		const rows = buildGradebook({ students: [{ id: 's', name: 'S', username: 's' }], lessons: [a], answers: list, counting: 'latest', now });
		expect(rows[0]!.total).toMatchObject({ right: 1, answered: 2, questions: 2, score: 0.75 });
	});

	it('done, done late (last first answer after the due date), overdue', () => {
		const onTime = [ans('s', 'm1/a', 'a1', true, '2026-03-08T10:00:00Z'), ans('s', 'm1/a', 'a2', false, '2026-03-09T10:00:00Z')];
		expect(gradeCell(a, onTime, 'latest', now)).toMatchObject({ score: 0.5, state: 'done', doneAt: '2026-03-09T10:00:00Z' });
		const late = [ans('s', 'm1/a', 'a1', true, '2026-03-08T10:00:00Z'), ans('s', 'm1/a', 'a2', true, '2026-03-11T10:00:00Z')];
		expect(gradeCell(a, late, 'latest', new Date('2026-03-12T00:00:00Z'))).toMatchObject({ score: 1, state: 'done-late' });
		const half = [ans('s', 'm1/a', 'a1', true, '2026-03-08T10:00:00Z')];
		expect(gradeCell(a, half, 'latest', new Date('2026-03-11T00:00:00Z'))).toMatchObject({ state: 'overdue' });
	});

	it('late answers: counted and marked late, or (the class rule "exclude") kept but given no points', () => {
		const after = new Date('2026-03-12T00:00:00Z');
		const list = [
			ans('s', 'm1/a', 'a1', false, '2026-03-08T10:00:00Z'),
			// a better retry after the due date, and a first answer after it
			ans('s', 'm1/a', 'a1', true, '2026-03-11T10:00:00Z'),
			ans('s', 'm1/a', 'a2', true, '2026-03-11T11:00:00Z')
		];
		expect(gradeCell(a, list, 'latest', after, 'accept')).toMatchObject({ score: 1, right: 2, late: 2, lateNotCounted: 0, state: 'done-late' });
		// only the on-time wrong answer to a1 counts; a2 has no on-time answer
		expect(gradeCell(a, list, 'latest', after, 'exclude')).toMatchObject({ score: 0, right: 0, points: 0, answered: 2, late: 2, lateNotCounted: 2, state: 'done-late' });
		// "first" picks the on-time answer anyway: the rule changes nothing for a1
		expect(gradeCell(a, list, 'first', after, 'exclude')).toMatchObject({ score: 0, late: 2, lateNotCounted: 1 });
		// no due date: nothing is late
		const [open] = assignedLessons([{ target: 'm1/a', due_at: null }], resolve, order) as [GradebookLesson];
		expect(gradeCell(open, list, 'latest', after, 'exclude')).toMatchObject({ score: 1, late: 0, lateNotCounted: 0 });
		const rows = buildGradebook({ students: [{ id: 's', name: 'S', username: 's' }], lessons: [a], answers: list, counting: 'latest', now: after, latePolicy: 'exclude' });
		expect(rows[0]!.total).toMatchObject({ score: 0, answered: 2 });
	});

	it('ignores answers to other lessons and to questions no longer in the lesson', () => {
		const list = [ans('s', 'm1/b', 'a1', true, '2026-03-08T10:00:00Z'), ans('s', 'm1/a', 'old', true, '2026-03-08T10:00:00Z')];
		expect(gradeCell(a, list, 'latest', now)).toMatchObject({ score: null, answered: 0 });
	});
});

describe('buildGradebook', () => {
	const lessons = assignedLessons([{ target: 'm1', due_at: null }], resolve, order);
	const students = [
		{ id: 'u1', name: 'Zoe', username: 'zoe' },
		{ id: 'u2', name: 'adam', username: 'adam' },
		{ id: 'u3', name: 'Mia', username: 'mia' }
	];
	const answers = [
		ans('u1', 'm1/a', 'a1', true, '2026-03-01T10:00:00Z'),
		ans('u1', 'm1/a', 'a2', true, '2026-03-01T10:01:00Z'),
		ans('u1', 'm1/b', 'b1', false, '2026-03-01T10:02:00Z'),
		ans('u2', 'm1/a', 'a1', false, '2026-03-01T10:00:00Z'),
		ans('u2', 'm1/b', 'b1', true, '2026-03-01T10:03:00Z'),
		// someone not in the list of students: never shown
		ans('stranger', 'm1/a', 'a1', true, '2026-03-01T10:00:00Z')
	];
	const rows = buildGradebook({ students, lessons, answers, counting: 'latest', now: new Date('2026-03-02T00:00:00Z') });

	it('one row per student, a cell per lesson, and totals over all assigned questions', () => {
		expect(rows.map((r) => r.student.id)).toEqual(['u1', 'u2', 'u3']);
		expect(rows[0]!.cells.map((c) => [c.lesson, c.score, c.state])).toEqual([
			['m1/a', 1, 'done'],
			['m1/b', 0, 'done']
		]);
		expect(rows[0]!.total).toEqual({ right: 2, answered: 3, questions: 3, score: 2 / 3, done: 2 });
		expect(rows[1]!.total).toEqual({ right: 1, answered: 2, questions: 3, score: 1 / 3, done: 1 });
		expect(rows[2]!.total).toEqual({ right: 0, answered: 0, questions: 3, score: null, done: 0 });
		expect(rows[2]!.cells.every((c) => c.state === 'not-started' && c.score === null)).toBe(true);
	});

	it('class summary per lesson: done count and the mean score of those who started', () => {
		expect(lessonSummaries(rows, lessons)).toEqual([
			{ lesson: 'm1/a', done: 1, started: 2, mean: 0.5 },
			{ lesson: 'm1/b', done: 2, started: 2, mean: 0.5 }
		]);
	});

	it('sorts by name (case-insensitive), by a lesson or by the total; not started ranks lowest', () => {
		const names = (sort: { key: string; dir: 'asc' | 'desc' }) => sortRows(rows, sort, lessons).map((r) => r.student.name);
		expect(names({ key: 'name', dir: 'asc' })).toEqual(['adam', 'Mia', 'Zoe']);
		expect(names({ key: 'name', dir: 'desc' })).toEqual(['Zoe', 'Mia', 'adam']);
		expect(names({ key: 'a', dir: 'desc' })).toEqual(['Zoe', 'adam', 'Mia']);
		expect(names({ key: 'a', dir: 'asc' })).toEqual(['Mia', 'adam', 'Zoe']);
		// equal scores (b: adam 1, Zoe 0 … total: Zoe 2/3, adam 1/3) stay in name order
		expect(names({ key: 'total', dir: 'desc' })).toEqual(['Zoe', 'adam', 'Mia']);
		expect(names({ key: 'b', dir: 'desc' })).toEqual(['adam', 'Zoe', 'Mia']);
		// the input is not changed
		expect(rows.map((r) => r.student.id)).toEqual(['u1', 'u2', 'u3']);
	});

	it('equal scores are in name order whichever the direction', () => {
		const tied = buildGradebook({ students, lessons, answers: [], counting: 'latest', now: new Date() });
		expect(sortRows(tied, { key: 'a', dir: 'desc' }, lessons).map((r) => r.student.name)).toEqual(['adam', 'Mia', 'Zoe']);
		expect(sortRows(tied, { key: 'a', dir: 'asc' }, lessons).map((r) => r.student.name)).toEqual(['adam', 'Mia', 'Zoe']);
	});
});

describe('parseSort: only known columns, anything else the default (never an error)', () => {
	const lessons = [{ slug: 'a' }, { slug: 'b' }];
	const p = (q: string) => parseSort(new URLSearchParams(q), lessons);

	it('accepts name, total and the slug of an assigned lesson', () => {
		expect(p('sort=name&dir=desc')).toEqual({ key: 'name', dir: 'desc' });
		expect(p('sort=total&dir=asc')).toEqual({ key: 'total', dir: 'asc' });
		expect(p('sort=b&dir=asc')).toEqual({ key: 'b', dir: 'asc' });
	});

	it('a missing or unknown direction gets the column’s usual one', () => {
		expect(p('sort=a')).toEqual({ key: 'a', dir: 'desc' });
		expect(p('sort=name&dir=sideways')).toEqual({ key: 'name', dir: 'asc' });
	});

	it.each(['', 'sort=', 'sort=c', 'sort=__proto__', 'sort=%00&dir=desc', 'sort=a&sort=zzz', "sort=' OR 1=1"])('%s → default', (q) => {
		const s = p(q);
		if (q === 'sort=a&sort=zzz') expect(s.key).toBe('a');
		else expect(s).toEqual(DEFAULT_SORT);
	});
});
