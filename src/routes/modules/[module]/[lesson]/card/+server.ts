/**
 * A lesson page's question card, answered with JavaScript: the page's script posts the card's
 * form here (what the `answer` and `write` actions take) and puts the card this returns in place
 * of its own. The same components render it as the page does, so the browser needs no code of
 * its own for feedback. `x-card` says what the body is: `html` (the card, also when the answer
 * was refused, with the reason in it) or `message` (no card: why not).
 */
import type { RequestHandler } from './$types';
import { sentForAnother, WRONG_OWNER } from '$lib/server/auth/outbox-owner';
import { findLesson } from '$lib/server/content';
import { formOrProblem } from '$lib/server/form-data';
import { notFound } from '$lib/server/pages/lesson';
import { answerCard, writtenCard } from '$lib/server/pages/lesson-card';

const message = (status: number, text: string, kind = 'message') =>
	new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-card': kind, 'cache-control': 'no-store' } });

export const POST: RequestHandler = async (event) => {
	const { params, request, locals } = event;
	const lesson = findLesson(params.module, params.lesson);
	if (!lesson) notFound();
	if (sentForAnother(request, locals.user?.id ?? null, locals.guestId)) return message(409, WRONG_OWNER, 'wrong-owner');
	const data = await formOrProblem(request);
	if (!(data instanceof FormData)) return message(data.status, data.message);
	const question = lesson!.questions.find((q) => q.id === data.get('question'));
	if (!question) return message(404, 'That question is not part of this lesson. Reload the page and try again.');
	if (question.type === 'written' && !locals.user) return message(401, 'Log in as a student to write an answer: your text is kept in this browser until you do.');
	const card = question.type === 'written' ? await writtenCard(event, lesson!, question, data) : await answerCard(event, lesson!, question, data);
	const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'x-card': 'html', 'cache-control': 'no-store' };
	if (card.savedAt) headers['x-saved-at'] = card.savedAt;
	return new Response(card.html, { status: card.status, headers });
};
