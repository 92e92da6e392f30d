/**
 * One question card, rendered alone after an answer the page's script posted to a card address
 * (src/routes/modules/[module]/[lesson]/card, src/routes/me/review/card): from the same
 * components and the same data as the page, so what the card shows is what a reload would show,
 * in the order the student saw its choices (`shuffle`).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { render } from 'svelte/server';
import QuestionCard from '$lib/components/QuestionCard.svelte';
import WrittenCard from '$lib/components/WrittenCard.svelte';
import type { Lesson } from '$lib/content/load';
import { CARD_HEADER, CARD_KIND, type CardKind } from '$lib/outbox/card-kind';
import type { Question } from '$lib/questions/registry';
import type { WrittenPublic } from '$lib/questions/written/schema';
import { publicQuestion } from '$lib/server/content';
import { submitAnswer, type Learner } from '$lib/server/grading/submit';
import { answeringLearner } from '$lib/server/learner';
import { writtenStates } from '$lib/server/written/state';
import { saveWrittenAnswer, sentValues } from '$lib/server/written/save';
import { postedShuffle, shuffled } from './shuffle';

export interface Card {
	status: number;
	html: string;
	/** when a written save was stored */
	savedAt?: string;
}

/** A reply with no card: why, in words. */
export const cardMessage = (status: number, text: string, kind: CardKind = CARD_KIND.message) =>
	new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', [CARD_HEADER]: kind, 'cache-control': 'no-store' } });

export function cardResponse(card: Card): Response {
	const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', [CARD_HEADER]: CARD_KIND.html, 'cache-control': 'no-store' };
	if (card.savedAt) headers['x-saved-at'] = card.savedAt;
	return new Response(card.html, { status: card.status, headers });
}

/** A choice card: the answer stored and graded, the card with its feedback (or the refusal). */
async function choiceCard(lesson: Lesson, question: Question, number: number, data: FormData, learner: () => Learner): Promise<Card> {
	const result = await submitAnswer(lesson, data, learner);
	const shuffle = postedShuffle(data);
	const { body } = await render(QuestionCard, {
		props: {
			question: shuffle === null ? publicQuestion(question) : shuffled(question, learner(), shuffle),
			number,
			formKey: crypto.randomUUID(),
			shuffle: shuffle ?? undefined,
			feedback: result.ok ? result.feedback : undefined,
			error: result.ok ? undefined : result.message
		}
	});
	return { status: result.ok ? 200 : result.status, html: body };
}

const numberOf = (lesson: Lesson, question: Question) => lesson.questions.indexOf(question) + 1;

export function answerCard(event: RequestEvent, lesson: Lesson, question: Question, data: FormData): Promise<Card> {
	const { locals, cookies, url } = event;
	const learner = () => answeringLearner(locals, cookies, url);
	return choiceCard(lesson, question, numberOf(lesson, question), data, learner);
}

/** A card of the review queue (a student's): numbered 1, as the page renders it alone. */
export function reviewCard(userId: string, lesson: Lesson, question: Question, data: FormData): Promise<Card> {
	const learner = () => ({ userId, guestId: null });
	return choiceCard(lesson, question, 1, data, learner);
}

export async function writtenCard(event: RequestEvent, lesson: Lesson, question: Question, data: FormData): Promise<Card> {
	const user = event.locals.user!;
	const result = await saveWrittenAnswer(lesson, data, user);
	const { body } = await render(WrittenCard, {
		props: {
			question: publicQuestion(question) as WrittenPublic,
			number: numberOf(lesson, question),
			state: (await writtenStates(lesson, user))[question.id] ?? null,
			viewer: user.role === 'teacher' ? 'teacher' : 'student',
			timeZone: user.time_zone ?? 'UTC',
			formKey: crypto.randomUUID(),
			...(result.ok
				? { notice: result.kind === 'draft' ? 'Draft saved.' : 'Submitted.', savedAt: result.savedAt }
				: { error: result.message, errors: result.errors ?? {}, values: sentValues(data) })
		}
	});
	return { status: result.ok ? 200 : result.status, html: body, savedAt: result.ok ? result.savedAt : undefined };
}
