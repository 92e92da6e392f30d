/**
 * Written answers: drafts and submissions (each save one version, once per idempotency key, in
 * one transaction with the answer's current state) and the teacher's rubric grades. An answer
 * can be edited until it is graded; the "not graded" test is part of the update itself, so a
 * grade and an edit arriving together cannot both win.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, WrittenAnswerTable, WrittenGradeTable } from './schema';

export interface WrittenContent {
	claim: string;
	evidence: string[];
	reasoning: string;
}

export class WrittenLocked extends Error {
	constructor() {
		super('Your teacher has already graded this answer, so it can no longer be changed.');
	}
}

export class WrittenKeyConflict extends Error {
	constructor() {
		super('This submission key was already used for something else. Reload the page and try again.');
	}
}

/** The student changed the answer after the teacher opened it: grade the new version instead. */
export class WrittenChanged extends Error {
	constructor() {
		super('The student changed this answer after you opened it. The new version is shown below; score it again.');
	}
}

export interface SaveWritten {
	userId: string;
	lesson: string;
	questionId: string;
	kind: 'draft' | 'submission';
	content: WrittenContent;
	keyHash: string;
	idempotencyKey: string;
}

export type WrittenRow = WrittenAnswerTable;
export type GradeRow = WrittenGradeTable;

/** Stores one draft or submission; a repeated request (same key) is stored once and reported as a duplicate. */
export async function saveWritten(db: Kysely<Database>, s: SaveWritten, now = new Date()): Promise<{ answer: WrittenRow; duplicate: boolean }> {
	const at = now.toISOString();
	return db.transaction().execute(async (tx) => {
		const seen = await tx.selectFrom('written_versions').selectAll().where('idempotency_key', '=', s.idempotencyKey).executeTakeFirst();
		if (seen) {
			const answer = await tx.selectFrom('written_answers').selectAll().where('id', '=', seen.answer_id).executeTakeFirstOrThrow();
			if (answer.user_id !== s.userId || answer.lesson !== s.lesson || answer.question_id !== s.questionId || seen.kind !== s.kind) throw new WrittenKeyConflict();
			return { answer, duplicate: true };
		}
		await tx
			.insertInto('written_answers')
			.values({
				id: crypto.randomUUID(),
				user_id: s.userId,
				lesson: s.lesson,
				question_id: s.questionId,
				draft: null,
				draft_at: null,
				submitted: null,
				submitted_at: null,
				key_hash: null,
				graded_at: null,
				created_at: at
			})
			.onConflict((oc) => oc.columns(['user_id', 'lesson', 'question_id']).doNothing())
			.execute();
		const json = JSON.stringify(s.content);
		const update =
			s.kind === 'draft'
				? { draft: json, draft_at: at }
				: // a submission replaces the draft it came from
					{ submitted: json, submitted_at: at, key_hash: s.keyHash, draft: null, draft_at: null };
		const r = await tx
			.updateTable('written_answers')
			.set(update)
			.where('user_id', '=', s.userId)
			.where('lesson', '=', s.lesson)
			.where('question_id', '=', s.questionId)
			.where('graded_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 0) throw new WrittenLocked();
		const answer = await currentOf(tx, s.userId, s.lesson, s.questionId);
		await tx
			.insertInto('written_versions')
			.values({ id: crypto.randomUUID(), answer_id: answer.id, user_id: s.userId, kind: s.kind, content: json, idempotency_key: s.idempotencyKey, created_at: at })
			.execute();
		return { answer, duplicate: false };
	});
}

const currentOf = (tx: Transaction<Database>, userId: string, lesson: string, questionId: string) =>
	tx
		.selectFrom('written_answers')
		.selectAll()
		.where('user_id', '=', userId)
		.where('lesson', '=', lesson)
		.where('question_id', '=', questionId)
		.executeTakeFirstOrThrow();

/** One student's written answers in a lesson, each with its latest grade (if any). */
export async function writtenOfLesson(db: Kysely<Database>, userId: string, lesson: string) {
	const answers = await db.selectFrom('written_answers').selectAll().where('user_id', '=', userId).where('lesson', '=', lesson).execute();
	const grades = await latestGrades(db, answers.map((a) => a.id));
	return answers.map((a) => ({ answer: a, grade: grades.get(a.id) }));
}

/** The latest grade of each answer id given. */
export async function latestGrades(db: Kysely<Database>, answerIds: readonly string[]): Promise<Map<string, GradeRow>> {
	const out = new Map<string, GradeRow>();
	for (let i = 0; i < answerIds.length; i += 500) {
		const rows = await db
			.selectFrom('written_grades')
			.selectAll()
			.where('answer_id', 'in', answerIds.slice(i, i + 500))
			.orderBy('created_at')
			.orderBy('id')
			.execute();
		for (const g of rows) out.set(g.answer_id, g);
	}
	return out;
}

/** Every grade of one answer, oldest first: the regrading history. */
export async function gradeHistory(db: Kysely<Database>, answerId: string): Promise<GradeRow[]> {
	return db.selectFrom('written_grades').selectAll().where('answer_id', '=', answerId).orderBy('created_at').orderBy('id').execute();
}

/** The student has seen these grades (their lesson page showed them). */
export async function markGradesSeen(db: Kysely<Database>, userId: string, gradeIds: readonly string[], now = new Date()): Promise<void> {
	if (!gradeIds.length) return;
	await db
		.updateTable('written_grades')
		.set({ seen_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('id', 'in', [...gradeIds])
		.where('seen_at', 'is', null)
		.execute();
}

/** Grades with a comment the student has not seen yet, newest first, with where to find them. */
export async function unseenGrades(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('written_grades')
		.innerJoin('written_answers', 'written_answers.id', 'written_grades.answer_id')
		.select(['written_grades.id', 'written_grades.comment', 'written_grades.total', 'written_grades.max', 'written_grades.grader_name', 'written_grades.created_at', 'written_answers.lesson', 'written_answers.question_id'])
		.where('written_grades.user_id', '=', userId)
		.where('written_grades.seen_at', 'is', null)
		.orderBy('written_grades.created_at', 'desc')
		.execute();
}

/** When each of a student's written answers was first submitted: answering it, for due dates and progress. */
export async function writtenSubmissionsOf(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('written_versions')
		.innerJoin('written_answers', 'written_answers.id', 'written_versions.answer_id')
		.select((eb) => ['written_answers.lesson', 'written_answers.question_id', eb.fn.min('written_versions.created_at').as('first_submitted_at')])
		.where('written_versions.user_id', '=', userId)
		.where('written_versions.kind', '=', 'submission')
		.groupBy(['written_answers.lesson', 'written_answers.question_id'])
		.execute();
}

/** Submitted answers of the class's current members: waiting ones (oldest first) or graded ones (latest first). */
export function classWrittenQuery(db: Kysely<Database>, classId: string) {
	return db
		.selectFrom('memberships')
		.innerJoin('written_answers', 'written_answers.user_id', 'memberships.student_id')
		.innerJoin('users', 'users.id', 'memberships.student_id')
		.selectAll('written_answers')
		.select(['users.display_name', 'users.username'])
		.where('memberships.class_id', '=', classId)
		.where('written_answers.submitted_at', 'is not', null);
}

export async function waitingInClass(db: Kysely<Database>, classId: string) {
	return classWrittenQuery(db, classId).where('written_answers.graded_at', 'is', null).orderBy('written_answers.submitted_at').orderBy('written_answers.id').execute();
}

export async function gradedInClass(db: Kysely<Database>, classId: string) {
	return classWrittenQuery(db, classId).where('written_answers.graded_at', 'is not', null).orderBy('written_answers.graded_at', 'desc').orderBy('written_answers.id').execute();
}

export async function countWaiting(db: Kysely<Database>, classId: string): Promise<number> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('written_answers', 'written_answers.user_id', 'memberships.student_id')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('memberships.class_id', '=', classId)
		.where('written_answers.submitted_at', 'is not', null)
		.where('written_answers.graded_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One submitted answer, only while its student is a member of the class. */
export async function writtenInClass(db: Kysely<Database>, classId: string, answerId: string) {
	return classWrittenQuery(db, classId).where('written_answers.id', '=', answerId).executeTakeFirst();
}

/** Submitted answers of the class's members to the given lessons, with their latest grades: for the reports. */
export async function writtenOfClass(db: Kysely<Database>, classId: string, lessons: readonly string[]) {
	if (!lessons.length) return [];
	const answers = await classWrittenQuery(db, classId).where('written_answers.lesson', 'in', [...new Set(lessons)]).orderBy('written_answers.submitted_at').execute();
	const grades = await latestGrades(db, answers.map((a) => a.id));
	return answers.map((a) => ({ answer: a, grade: grades.get(a.id) }));
}

export interface NewGrade {
	answerId: string;
	/** the submission time the teacher saw: a newer submission refuses the grade */
	submittedAt: string;
	graderId: string;
	graderName: string;
	scores: Record<string, number>;
	total: number;
	max: number;
	comment: string;
	rubricHash: string;
	idempotencyKey: string;
}

/** Stores a grade (or a regrade) and closes the answer to edits, in one transaction. */
export async function gradeWritten(db: Kysely<Database>, g: NewGrade, now = new Date()): Promise<{ grade: GradeRow; duplicate: boolean }> {
	const at = now.toISOString();
	return db.transaction().execute(async (tx) => {
		const seen = await tx.selectFrom('written_grades').selectAll().where('idempotency_key', '=', g.idempotencyKey).executeTakeFirst();
		if (seen) {
			if (seen.answer_id !== g.answerId || seen.grader_id !== g.graderId) throw new WrittenKeyConflict();
			return { grade: seen, duplicate: true };
		}
		const r = await tx
			.updateTable('written_answers')
			.set((eb) => ({ graded_at: eb.fn.coalesce('graded_at', eb.val(at)) }))
			.where('id', '=', g.answerId)
			.where('submitted_at', '=', g.submittedAt)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 0) throw new WrittenChanged();
		const answer = await tx.selectFrom('written_answers').select('user_id').where('id', '=', g.answerId).executeTakeFirstOrThrow();
		const grade: GradeRow = {
			id: crypto.randomUUID(),
			answer_id: g.answerId,
			user_id: answer.user_id,
			grader_id: g.graderId,
			grader_name: g.graderName,
			scores: JSON.stringify(g.scores),
			total: g.total,
			max: g.max,
			comment: g.comment,
			rubric_hash: g.rubricHash,
			idempotency_key: g.idempotencyKey,
			created_at: at,
			seen_at: null
		};
		await tx.insertInto('written_grades').values(grade).execute();
		return { grade, duplicate: false };
	});
}

/** Everything a student wrote and was given, for "download my data". */
export async function writtenExport(db: Kysely<Database>, userId: string) {
	const writtenAnswers = await db
		.selectFrom('written_answers')
		.select(['id', 'lesson', 'question_id', 'draft', 'draft_at', 'submitted', 'submitted_at', 'graded_at', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const writtenVersions = await db
		.selectFrom('written_versions')
		.select(['id', 'answer_id', 'kind', 'content', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const writtenGrades = await db
		.selectFrom('written_grades')
		.select(['id', 'answer_id', 'grader_name', 'scores', 'total', 'max', 'comment', 'created_at', 'seen_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return { writtenAnswers, writtenVersions, writtenGrades };
}

/** Inside deleteUser's transaction: grades, then versions, then the answers. */
export async function deleteWrittenOf(tx: Transaction<Database>, userId: string): Promise<void> {
	await tx.deleteFrom('written_grades').where('user_id', '=', userId).execute();
	await tx.deleteFrom('written_versions').where('user_id', '=', userId).execute();
	await tx.deleteFrom('written_answers').where('user_id', '=', userId).execute();
}
