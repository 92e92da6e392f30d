/**
 * A question as a retry or the review shows it: its choices shuffled per learner and per attempt,
 * so a student who remembers where the right choice was gains nothing. Grading is by choice id.
 * The card carries the attempt count it was shuffled by (`shuffle`, not a secret: it only picks
 * an order), so the card the server renders after an answer posted by the page's script keeps the
 * order the student was looking at, answer after answer, as a hydrated page kept its question.
 */
import { z } from 'zod';
import type { Question } from '$lib/questions/registry';
import { reshuffle } from '$lib/questions/registry';
import type { Learner } from '$lib/server/grading/submit';
import { publicQuestion } from '$lib/server/content';

export const shuffled = (question: Question, who: Learner, attempts: number) =>
	reshuffle(question, publicQuestion(question), `${who.userId ?? who.guestId ?? 'anonymous'}:${question.id}:${attempts}`);

const posted = z.string().regex(/^\d{1,6}$/).transform(Number);

/** The `shuffle` a card's form sent: the attempt count its order came from, or null for the lesson's own order. */
export function postedShuffle(data: FormData): number | null {
	const value = data.get('shuffle');
	const n = posted.safeParse(value);
	return n.success ? n.data : null;
}
