/**
 * A review card, answered with JavaScript: the review page's script posts the card's form here
 * (what the page's `answer` action takes) and puts the card this returns in its place. The
 * choices stay in the order the student saw them. `x-card` as in the lesson's card address.
 */
import type { RequestHandler } from './$types';
import { render } from 'svelte/server';
import QuestionCard from '$lib/components/QuestionCard.svelte';
import { getDb } from '$lib/server/db';
import { answersOf } from '$lib/server/db/answers';
import { sentForAnother, WRONG_OWNER } from '$lib/server/auth/outbox-owner';
import { findQuestion } from '$lib/server/content/questions';
import { publicQuestion } from '$lib/server/content';
import { formOrProblem } from '$lib/server/form-data';
import { submitAnswer } from '$lib/server/grading/submit';
import { reshuffle } from '$lib/questions/registry';

const message = (status: number, text: string, kind = 'message') =>
	new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-card': kind, 'cache-control': 'no-store' } });

export const POST: RequestHandler = async ({ request, locals }) => {
	const user = locals.user;
	if (sentForAnother(request, user?.id ?? null, locals.guestId)) return message(409, WRONG_OWNER, 'wrong-owner');
	if (!user) return message(401, 'Log in as a student to review: your answer is kept in this browser until you do.');
	if (user.role !== 'student') return message(403, 'Only students have a review queue.');
	const data = await formOrProblem(request);
	if (!(data instanceof FormData)) return message(data.status, data.message);
	const id = data.get('question');
	const found = typeof id === 'string' ? findQuestion(id) : undefined;
	if (!found) return message(404, 'That question is not part of the course any more. Reload the page.');
	// the order the card was shown in: shuffled by the attempts made before this one
	const before = (await answersOf((await getDb()).db, user.id)).filter((r) => r.question_id === found.question.id).length;
	const result = await submitAnswer(found.lesson, data, () => ({ userId: user.id, guestId: null }));
	// (a replay of a stored answer: that answer was counted already)
	const attempts = result.ok && result.duplicate ? Math.max(0, before - 1) : before;
	const { body } = await render(QuestionCard, {
		props: {
			question: reshuffle(found.question, publicQuestion(found.question), `${user.id}:${found.question.id}:${attempts}`),
			number: 1,
			formKey: crypto.randomUUID(),
			feedback: result.ok ? result.feedback : undefined,
			error: result.ok ? undefined : result.message
		}
	});
	return new Response(body, { status: result.ok ? 200 : result.status, headers: { 'content-type': 'text/html; charset=utf-8', 'x-card': 'html', 'cache-control': 'no-store' } });
};
