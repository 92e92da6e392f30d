/**
 * A review card, answered with JavaScript: the review page's script posts the card's form here
 * (what the page's `answer` action takes) and puts the card this returns in its place, its
 * choices in the order the student saw them. `x-card` as in the lesson's card address.
 */
import type { RequestHandler } from './$types';
import { sentForAnother, WRONG_OWNER } from '$lib/server/auth/outbox-owner';
import { findQuestion } from '$lib/server/content/questions';
import { formOrProblem } from '$lib/server/form-data';
import { CARD_KIND } from '$lib/outbox/card-kind';
import { cardMessage, cardResponse, reviewCard } from '$lib/server/pages/lesson-card';

export const POST: RequestHandler = async ({ request, locals }) => {
	const user = locals.user;
	if (sentForAnother(request, user?.id ?? null, locals.guestId)) return cardMessage(409, WRONG_OWNER, CARD_KIND.wrongOwner);
	if (!user) return cardMessage(401, 'Log in as a student to review: your answer is kept in this browser until you do.');
	if (user.role !== 'student') return cardMessage(403, 'Only students have a review queue.');
	const data = await formOrProblem(request);
	if (!(data instanceof FormData)) return cardMessage(data.status, data.message);
	const id = data.get('question');
	const found = typeof id === 'string' ? findQuestion(id) : undefined;
	if (!found) return cardMessage(404, 'That question is not part of the course any more. Reload the page.');
	return cardResponse(await reviewCard(user.id, found.lesson, found.question, data));
};
