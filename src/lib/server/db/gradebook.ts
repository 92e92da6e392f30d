/**
 * What the teacher reports read: the answers of a class's current members. Answers belong to
 * students, not to classes, so "the class's answers" are those of whoever is a member now;
 * a student who leaves takes their answers out of the reports, and a guest's never appear.
 *
 * Each query is one statement driven by the membership list (index memberships_class) and
 * looked up per member through answers_user_lesson (user_id, lesson, created_at), so the cost
 * grows with the class's own answers, not with the whole table.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface ClassAnswer {
	id: string;
	user_id: string;
	lesson: string;
	question_id: string;
	/** the parsed answer as JSON */
	answer: string;
	correct: 0 | 1;
	points: number;
	created_at: string;
}

const columns = [
	'answers.id',
	'answers.user_id',
	'answers.lesson',
	'answers.question_id',
	'answers.answer',
	'answers.correct',
	'answers.points',
	'answers.created_at'
] as const;

/** Keeps the parameter count of one statement far under SQLite's limit. */
const MAX_LESSONS = 500;

/**
 * Every answer of the class's current members to the given lessons ("module/lesson"), oldest
 * first. Nothing for an empty list.
 */
export async function answersOfClass(db: Kysely<Database>, classId: string, lessonKeys: readonly string[]): Promise<ClassAnswer[]> {
	const lessons = [...new Set(lessonKeys)];
	if (lessons.length === 0) return [];
	if (lessons.length > MAX_LESSONS) throw new Error(`answersOfClass: at most ${MAX_LESSONS} lessons at once`);
	// user_id is nullable in the table (guests), never null through the membership join
	return (await classAnswersQuery(db, classId, lessons).execute()) as ClassAnswer[];
}

/** The statement of answersOfClass, unexecuted: the benchmark and tests read its plan. */
export function classAnswersQuery(db: Kysely<Database>, classId: string, lessons: string[]) {
	return db
		.selectFrom('memberships')
		.innerJoin('answers', 'answers.user_id', 'memberships.student_id')
		.select(columns)
		.where('memberships.class_id', '=', classId)
		.where('answers.lesson', 'in', lessons)
		.orderBy('answers.created_at')
		.orderBy('answers.id');
}

/** One member of the class, or undefined when this student is not (or no longer) in it. */
export async function memberOfClass(db: Kysely<Database>, classId: string, studentId: string) {
	return db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.student_id')
		.select(['users.id', 'users.display_name', 'users.username', 'memberships.joined_at'])
		.where('memberships.class_id', '=', classId)
		.where('memberships.student_id', '=', studentId)
		.executeTakeFirst();
}

/**
 * Every answer of one student to the given lessons, oldest first, and only while the student
 * is a member of the class (empty otherwise).
 */
export async function answersOfMember(
	db: Kysely<Database>,
	classId: string,
	studentId: string,
	lessonKeys: readonly string[]
): Promise<ClassAnswer[]> {
	const lessons = [...new Set(lessonKeys)];
	if (lessons.length === 0) return [];
	if (lessons.length > MAX_LESSONS) throw new Error(`answersOfMember: at most ${MAX_LESSONS} lessons at once`);
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('answers', 'answers.user_id', 'memberships.student_id')
		.select(columns)
		.where('memberships.class_id', '=', classId)
		.where('memberships.student_id', '=', studentId)
		.where('answers.lesson', 'in', lessons)
		.orderBy('answers.created_at')
		.orderBy('answers.id')
		.execute();
	return rows as ClassAnswer[];
}
