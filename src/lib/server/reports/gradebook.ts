/**
 * The gradebook: students × assigned lessons. Pure over the class's rows and the course
 * content, so the rules are unit-tested:
 *
 * - A lesson is in the gradebook when an assignment covers it (a whole module or the lesson);
 *   its due date is the earliest due date of the assignments that cover it.
 * - A cell's score is the lesson's points over its questions: each question gives the points of
 *   its counted attempt (first, best or latest, the class's setting): 1 when right, a share for
 *   partial credit (a two-part question with only Part A right gives half; a written answer its
 *   rubric points over the rubric's maximum), 0 when not answered or while a written answer
 *   waits for its teacher (the cell counts those as `waiting`).
 *   Null while the student has answered nothing in the lesson.
 * - A cell's state comes from `dueState` with the time of each question's first answer.
 * - Late answers (after the lesson's due date) follow the class's rule: `accept` counts them and
 *   marks them late; `exclude` keeps them but gives them no points, so the counted attempt is
 *   chosen among the answers on time.
 * - A student's total: points over all questions of the assigned lessons.
 */
import { dueState, type DueState } from '../progress/due';
import { countedAttempt, type Counting, type StudentAttempt } from './item-analysis';

export interface GradebookLesson {
	/** "module/lesson", as stored with each answer */
	key: string;
	slug: string;
	module: string;
	title: string;
	questionIds: string[];
	dueAt: string | null;
}

export interface GradebookAnswer extends StudentAttempt {
	/** "module/lesson" */
	lesson: string;
}

export interface GradebookStudent {
	id: string;
	name: string;
	username: string | null;
}

export interface GradebookCell {
	lesson: string;
	/** 0..1, or null while nothing is answered */
	score: number | null;
	/** questions whose counted attempt is wholly right */
	right: number;
	/** the counted attempts' points, partial credit included */
	points: number;
	answered: number;
	total: number;
	state: DueState;
	doneAt: string | null;
	/** questions with an answer after the due date */
	late: number;
	/** of those, how many earn nothing because the class does not count late answers */
	lateNotCounted: number;
	/** written answers waiting for a teacher: answered, no points yet */
	waiting: number;
}

export interface GradebookRow {
	student: GradebookStudent;
	cells: GradebookCell[];
	total: { right: number; answered: number; questions: number; score: number | null; done: number };
}

/** What the gradebook needs of a lesson (a content Lesson fits). */
export interface LessonLike {
	slug: string;
	module: string;
	title: string;
	questions: readonly { id: string }[];
}

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(b) < Date.parse(a) ? b : a);

/**
 * The lessons the assignments cover, once each, in course order (`courseOrder`: lesson keys),
 * with the earliest due date among the assignments covering each.
 */
export function assignedLessons(
	assignments: readonly { target: string; due_at: string | null }[],
	resolve: (target: string) => readonly LessonLike[],
	courseOrder: readonly string[] = []
): GradebookLesson[] {
	const byKey = new Map<string, GradebookLesson>();
	for (const a of assignments) {
		for (const l of resolve(a.target)) {
			const key = `${l.module}/${l.slug}`;
			const seen = byKey.get(key);
			if (seen) seen.dueAt = earlier(seen.dueAt, a.due_at);
			else byKey.set(key, { key, slug: l.slug, module: l.module, title: l.title, questionIds: l.questions.map((q) => q.id), dueAt: a.due_at });
		}
	}
	const rank = (key: string) => {
		const i = courseOrder.indexOf(key);
		return i < 0 ? courseOrder.length : i;
	};
	// Array.prototype.sort is stable: lessons not in the course order keep the order found
	return [...byKey.values()].sort((a, b) => rank(a.key) - rank(b.key));
}

export type LatePolicy = 'accept' | 'exclude';

/** One student's cell for one lesson, from their attempts at it (any order). */
export function gradeCell(lesson: GradebookLesson, attempts: readonly GradebookAnswer[], counting: Counting, now: Date, latePolicy: LatePolicy = 'accept'): GradebookCell {
	const byQuestion = new Map<string, GradebookAnswer[]>(lesson.questionIds.map((id) => [id, []]));
	for (const a of attempts) if (a.lesson === lesson.key) byQuestion.get(a.questionId)?.push(a);
	const isLate = (a: GradebookAnswer) => lesson.dueAt !== null && Date.parse(a.at) > Date.parse(lesson.dueAt);
	let right = 0;
	let points = 0;
	let late = 0;
	let lateNotCounted = 0;
	let waiting = 0;
	const firstAt: string[] = [];
	for (const list of byQuestion.values()) {
		if (!list.length) continue;
		firstAt.push(countedAttempt(list, 'first')!.at);
		if (list.some(isLate)) late++;
		const eligible = latePolicy === 'exclude' ? list.filter((a) => !isLate(a)) : list;
		const counted = countedAttempt(eligible, counting);
		if (latePolicy === 'exclude' && list.some(isLate) && counted !== countedAttempt(list, counting)) lateNotCounted++;
		if (!counted) continue;
		if (counted.waiting) waiting++;
		if (counted.correct) right++;
		points += counted.points;
	}
	const total = lesson.questionIds.length;
	const { state, doneAt } = dueState(firstAt, total, lesson.dueAt, now);
	return { lesson: lesson.key, score: firstAt.length && total ? points / total : null, right, points, answered: firstAt.length, total, state, doneAt, late, lateNotCounted, waiting };
}

export function buildGradebook(input: {
	students: readonly GradebookStudent[];
	lessons: readonly GradebookLesson[];
	answers: readonly GradebookAnswer[];
	counting: Counting;
	now: Date;
	latePolicy?: LatePolicy;
}): GradebookRow[] {
	const byStudent = new Map<string, GradebookAnswer[]>();
	for (const a of input.answers) {
		const list = byStudent.get(a.studentId);
		if (list) list.push(a);
		else byStudent.set(a.studentId, [a]);
	}
	return input.students.map((student) => {
		const mine = byStudent.get(student.id) ?? [];
		const cells = input.lessons.map((l) => gradeCell(l, mine, input.counting, input.now, input.latePolicy));
		const right = cells.reduce((n, c) => n + c.right, 0);
		const points = cells.reduce((n, c) => n + c.points, 0);
		const answered = cells.reduce((n, c) => n + c.answered, 0);
		const questions = cells.reduce((n, c) => n + c.total, 0);
		const done = cells.filter((c) => c.state === 'done' || c.state === 'done-late').length;
		return { student, cells, total: { right, answered, questions, score: answered && questions ? points / questions : null, done } };
	});
}

/** Per lesson, for the table's last row: how many are done, and the mean score of those who started. */
export function lessonSummaries(rows: readonly GradebookRow[], lessons: readonly GradebookLesson[]) {
	return lessons.map((l, i) => {
		const cells = rows.map((r) => r.cells[i]!);
		const started = cells.filter((c) => c.score !== null);
		return {
			lesson: l.key,
			done: cells.filter((c) => c.state === 'done' || c.state === 'done-late').length,
			started: started.length,
			mean: started.length ? started.reduce((n, c) => n + c.score!, 0) / started.length : null
		};
	});
}

// ---- sorting: ?sort=name|total|<lesson slug>&dir=asc|desc, validated, never an error ----

export type SortDir = 'asc' | 'desc';
export interface Sort {
	/** "name", "total" or a lesson slug */
	key: string;
	dir: SortDir;
}

export const DEFAULT_SORT: Sort = { key: 'name', dir: 'asc' };

/** The direction a first click on a column sorts by: names A to Z, scores highest first. */
export const firstDir = (key: string): SortDir => (key === 'name' ? 'asc' : 'desc');

/** The sort asked for, if it names a column; the default otherwise. A bad direction gets the column's usual one. */
export function parseSort(params: URLSearchParams, lessons: readonly Pick<GradebookLesson, 'slug'>[]): Sort {
	const key = params.get('sort');
	if (!key || !(key === 'name' || key === 'total' || lessons.some((l) => l.slug === key))) return DEFAULT_SORT;
	const dir = params.get('dir');
	return { key, dir: dir === 'asc' || dir === 'desc' ? dir : firstDir(key) };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const byName = (a: GradebookRow, b: GradebookRow) =>
	collator.compare(a.student.name, b.student.name) || collator.compare(a.student.username ?? '', b.student.username ?? '') || (a.student.id < b.student.id ? -1 : 1);

/**
 * Rows sorted by name, total score or one lesson's score. Not started (no score) ranks below
 * 0%; equal scores are in name order whichever the direction.
 */
export function sortRows(rows: readonly GradebookRow[], sort: Sort, lessons: readonly GradebookLesson[]): GradebookRow[] {
	const sign = sort.dir === 'asc' ? 1 : -1;
	if (sort.key === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
	const i = lessons.findIndex((l) => l.slug === sort.key);
	if (sort.key !== 'total' && i < 0) return [...rows].sort(byName);
	const score = (r: GradebookRow) => (sort.key === 'total' ? r.total.score : r.cells[i]!.score) ?? -1;
	return [...rows].sort((a, b) => sign * (score(a) - score(b)) || byName(a, b));
}
