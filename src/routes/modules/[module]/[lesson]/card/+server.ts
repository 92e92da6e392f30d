/**
 * A lesson page's question card, answered with JavaScript: the page's script posts the card's
 * form here (what the `answer` and `write` actions take) and puts the card this returns in place
 * of its own. The same components render it as the page does, so the browser needs no code of
 * its own for feedback. `x-card` says what the body is (src/lib/outbox/card-kind.ts).
 */
import type { RequestHandler } from './$types';
import { sentForAnother, WRONG_OWNER } from '$lib/server/auth/outbox-owner';
import { findLesson } from '$lib/server/content';
import { formOrProblem } from '$lib/server/form-data';
import { CARD_KIND } from '$lib/outbox/card-kind';
import { answerCard, cardMessage, cardResponse, writtenCard } from '$lib/server/pages/lesson-card';

export const POST: RequestHandler = async (event) => {
	const { params, request, locals } = event;
	const lesson = findLesson(params.module, params.lesson);
	if (!lesson) return cardMessage(404, 'There is no lesson at this address any more. Reload the page.');
	if (sentForAnother(request, locals.user?.id ?? null, locals.guestId)) return cardMessage(409, WRONG_OWNER, CARD_KIND.wrongOwner);
	const data = await formOrProblem(request);
	if (!(data instanceof FormData)) return cardMessage(data.status, data.message);
	const question = lesson.questions.find((q) => q.id === data.get('question'));
	if (!question) return cardMessage(404, 'That question is not part of this lesson. Reload the page and try again.');
	if (question.type === 'written' && !locals.user) return cardMessage(401, 'Log in as a student to write an answer: your text is kept in this browser until you do.');
	return cardResponse(question.type === 'written' ? await writtenCard(event, lesson, question, data) : await answerCard(event, lesson, question, data));
};
