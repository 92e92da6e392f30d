/**
 * One question card of a lesson page, rendered alone after an answer posted with JavaScript
 * (src/routes/modules/[module]/[lesson]/card): from the same components and the same data as the
 * page, so what the card shows is what a reload would show.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { render } from 'svelte/server';
import QuestionCard from '$lib/components/QuestionCard.svelte';
import WrittenCard from '$lib/components/WrittenCard.svelte';
import type { Lesson } from '$lib/content/load';
import type { Question } from '$lib/questions/registry';
import type { WrittenPublic } from '$lib/questions/written/schema';
import { publicQuestion } from '$lib/server/content';
import { submitAnswer } from '$lib/server/grading/submit';
import { answeringLearner } from '$lib/server/learner';
import { writtenStates } from '$lib/server/written/state';
import { saveWrittenAnswer } from '$lib/server/written/save';

export interface Card {
	status: number;
	html: string;
	/** when a written save was stored */
	savedAt?: string;
}

const numberOf = (lesson: Lesson, question: Question) => lesson.questions.indexOf(question) + 1;

export async function answerCard(event: RequestEvent, lesson: Lesson, question: Question, data: FormData): Promise<Card> {
	const { locals, cookies, url } = event;
	const result = await submitAnswer(lesson, data, () => answeringLearner(locals, cookies, url));
	const { body } = await render(QuestionCard, {
		props: {
			question: publicQuestion(question),
			number: numberOf(lesson, question),
			formKey: crypto.randomUUID(),
			feedback: result.ok ? result.feedback : undefined,
			error: result.ok ? undefined : result.message
		}
	});
	return { status: result.ok ? 200 : result.status, html: body };
}

export async function writtenCard(event: RequestEvent, lesson: Lesson, question: Question, data: FormData): Promise<Card> {
	const user = event.locals.user!;
	const result = await saveWrittenAnswer(lesson, data, user);
	const text = (name: string) => String(data.get(name) ?? '').toWellFormed();
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
				: { error: result.message, errors: result.errors ?? {}, values: { claim: text('claim'), evidence: data.getAll('evidence').map(String), reasoning: text('reasoning') } })
		}
	});
	return { status: result.ok ? 200 : result.status, html: body, savedAt: result.ok ? result.savedAt : undefined };
}
