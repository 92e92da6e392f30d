/**
 * The path of an answer: grade on the server, store it durably (once per idempotency key, in
 * a group commit with the answers arriving beside it), and only then report it saved.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Lesson } from '$lib/content/load';
import type { Feedback } from '$lib/feedback';
import { shownAnswer, shownKey } from '$lib/questions/registry';
import { IdempotencyConflict, latestAnswers } from '../db/answers';
import { answerWriter } from '../db/group-commit';
import { getDb } from '../db';
import { buildFeedback, gradeAnswer } from './grade';
import { sameForEveryone } from '../page-cache/shared';
import { keyHash } from './key-hash';
import { queueLessonScores } from '../lti/scores';

export interface Learner {
	userId: string | null;
	guestId: string | null;
}

const idempotencyKey = z
	.string({ error: 'The form is missing its submission key. Reload the page and try again.' })
	.regex(/^[A-Za-z0-9-]{16,64}$/, 'The form’s submission key is not valid. Reload the page and try again.');

export type SubmitResult = { ok: true; feedback: Feedback; duplicate: boolean } | { ok: false; status: 400 | 404 | 409; message: string };

export async function submitAnswer(lesson: Lesson, data: FormData, learner: () => Learner): Promise<SubmitResult> {
	const graded = gradeAnswer(lesson, data);
	if (!graded.ok) return graded;
	const key = idempotencyKey.safeParse(data.get('idem') ?? undefined);
	if (!key.success) return { ok: false, status: 400, message: key.error.issues[0]!.message };
	const who = learner();
	const { db } = await getDb();
	try {
		const { duplicate } = await answerWriter(db).write({
			...who,
			lesson: `${lesson.module}/${lesson.slug}`,
			questionId: graded.question.id,
			answer: graded.answer,
			correct: graded.feedback.correct,
			points: graded.feedback.points,
			keyHash: keyHash(graded.question),
			idempotencyKey: key.data
		});
		// before the answer is acknowledged, so that a score for an LMS is never lost (a resent
		// duplicate queues it too, should the first try have died before this line)
		if (who.userId) await queueLessonScores(db, who.userId, `${lesson.module}/${lesson.slug}`);
		return { ok: true, feedback: { ...graded.feedback, saved: true }, duplicate };
	} catch (e) {
		if (e instanceof IdempotencyConflict) return { ok: false, status: 409, message: e.message };
		throw e;
	}
}

/** The learner's latest stored answer to each question of the lesson, shown again as feedback. */
export async function pastFeedback(lesson: Lesson, who: Learner): Promise<Record<string, Feedback>> {
	if (!who.userId && !who.guestId) return {};
	const { db } = await getDb();
	const rows = await latestAnswers(db, who, `${lesson.module}/${lesson.slug}`);
	const out: Record<string, Feedback> = {};
	for (const row of rows) {
		const q = lesson.questions.find((x) => x.id === row.question_id);
		if (!q) continue;
		// the same answer gets the same feedback, made once: the page cache keys on it by its id
		const memo = `${lesson.module}/${lesson.slug}\u0000${q.id}\u0000${row.answer}\u0000${row.correct}\u0000${row.points}`;
		let feedback = madeFeedback.get(memo);
		if (!feedback) {
			const given = shownAnswer(q, JSON.parse(row.answer));
			feedback = sameForEveryone(buildFeedback(q, { correct: row.correct === 1, points: row.points, given, key: shownKey(q) }, true));
			madeFeedback.set(memo, feedback);
		}
		out[q.id] = feedback;
	}
	return out;
}

const madeFeedback = new LRUCache<string, Feedback>({ max: 20_000 });
