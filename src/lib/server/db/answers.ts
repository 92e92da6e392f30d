/** Every graded answer, stored before the response says "saved"; one row per idempotency key. */
import type { Kysely } from 'kysely';
import type { AnswerTable, Database } from './schema';

export interface NewAnswer {
	userId: string | null;
	guestId: string | null;
	lesson: string;
	questionId: string;
	answer: unknown;
	correct: boolean;
	points: number;
	keyHash: string;
	idempotencyKey: string;
}

export type StoredAnswer = AnswerTable;

export class IdempotencyConflict extends Error {
	constructor() {
		super('This submission key was already used for a different answer.');
	}
}

/** The row of a new answer, as stored. */
export function answerRow(a: NewAnswer, id: string, now: Date): AnswerTable {
	return {
		id,
		user_id: a.userId,
		guest_id: a.guestId,
		lesson: a.lesson,
		question_id: a.questionId,
		answer: JSON.stringify(a.answer),
		correct: a.correct ? 1 : 0,
		points: a.points,
		key_hash: a.keyHash,
		idempotency_key: a.idempotencyKey,
		created_at: now.toISOString()
	};
}

/**
 * What the row found under an answer's idempotency key means for it: the answer itself (row
 * `id`), an earlier identical request, or a key reused for something else (a conflict).
 */
export function outcome(stored: StoredAnswer, id: string, a: NewAnswer): { stored: StoredAnswer; duplicate: boolean } {
	const sameOwner = stored.user_id === a.userId && stored.guest_id === a.guestId;
	if (stored.id !== id && (!sameOwner || stored.question_id !== a.questionId)) throw new IdempotencyConflict();
	return { stored, duplicate: stored.id !== id };
}

/**
 * Inserts the answer unless its idempotency key is known; either way returns the stored row.
 * `duplicate` tells the caller the row came from an earlier identical request.
 */
export async function recordAnswer(
	db: Kysely<Database>,
	a: NewAnswer,
	now = new Date()
): Promise<{ stored: StoredAnswer; duplicate: boolean }> {
	const id = crypto.randomUUID();
	await db
		.insertInto('answers')
		.values(answerRow(a, id, now))
		.onConflict((oc) => oc.column('idempotency_key').doNothing())
		.execute();
	const stored = await db
		.selectFrom('answers')
		.selectAll()
		.where('idempotency_key', '=', a.idempotencyKey)
		.executeTakeFirstOrThrow();
	return outcome(stored, id, a);
}

export async function findAnswersByIdempotencyKeys(db: Kysely<Database>, keys: readonly string[]): Promise<StoredAnswer[]> {
	if (keys.length === 0) return [];
	const out: StoredAnswer[] = [];
	// chunks keep the parameter count under SQLite's limit
	for (let i = 0; i < keys.length; i += 500) {
		out.push(
			...(await db.selectFrom('answers').selectAll().where('idempotency_key', 'in', keys.slice(i, i + 500)).execute())
		);
	}
	return out;
}

export async function countAnswers(db: Kysely<Database>): Promise<number> {
	const row = await db.selectFrom('answers').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The latest answer of one learner (user or guest) to each question of a lesson. */
export async function latestAnswers(
	db: Kysely<Database>,
	who: { userId: string | null; guestId: string | null },
	lesson: string
): Promise<StoredAnswer[]> {
	let q = db.selectFrom('answers').selectAll().where('lesson', '=', lesson);
	q = who.userId ? q.where('user_id', '=', who.userId) : q.where('guest_id', '=', who.guestId ?? '').where('user_id', 'is', null);
	const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
	const latest = new Map<string, StoredAnswer>();
	for (const r of rows) if (!latest.has(r.question_id)) latest.set(r.question_id, r);
	return [...latest.values()];
}

/** Every answer of one signed-in student, oldest first. */
export async function answersOf(db: Kysely<Database>, userId: string): Promise<StoredAnswer[]> {
	return db.selectFrom('answers').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/** How often this learner has answered a question: the attempt number seeds the retry shuffle. */
export async function attemptCounts(
	db: Kysely<Database>,
	who: { userId: string | null; guestId: string | null },
	lesson: string
): Promise<Map<string, number>> {
	let q = db
		.selectFrom('answers')
		.select((eb) => ['question_id', eb.fn.countAll<string | number>().as('n')])
		.where('lesson', '=', lesson);
	q = who.userId ? q.where('user_id', '=', who.userId) : q.where('guest_id', '=', who.guestId ?? '').where('user_id', 'is', null);
	const rows = await q.groupBy('question_id').execute();
	return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}
