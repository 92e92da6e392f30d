import { error, fail } from '@sveltejs/kit';
import { findLesson, findModule, lessonHtml, neighbours } from '$lib/server/content';
import { ensureGuestId, readGuestId } from '$lib/server/guest';
import { pastFeedback, submitAnswer } from '$lib/server/grading/submit';
import { toPublic } from '$lib/questions/registry';
import type { Actions, PageServerLoad } from './$types';

const notFound = () => error(404, { message: 'There is no lesson at this address.' });

export const load: PageServerLoad = async ({ params, cookies }) => {
	const module = findModule(params.module);
	const lesson = findLesson(params.module, params.lesson);
	if (!module || !lesson) notFound();
	const { previous, next, index, count } = neighbours(lesson!);
	return {
		module: { slug: module!.slug, title: module!.title },
		lesson: {
			slug: lesson!.slug,
			title: lesson!.title,
			summary: lesson!.summary,
			objectives: lesson!.objectives,
			keyTerms: lesson!.keyTerms,
			html: lessonHtml(lesson!)
		},
		// only the public part of each question: no key, no explanation, no citation
		questions: lesson!.questions.map(toPublic),
		// feedback only for questions this learner has already answered
		past: await pastFeedback(lesson!, { userId: null, guestId: readGuestId(cookies) }),
		// one submission key per form: a double click or a retried request is stored once
		formKeys: Object.fromEntries(lesson!.questions.map((q) => [q.id, crypto.randomUUID()])),
		position: { index, count },
		previous: previous && { slug: previous.slug, title: previous.title },
		next: next && { slug: next.slug, title: next.title }
	};
};

export const actions: Actions = {
	answer: async ({ params, request, cookies, url }) => {
		const lesson = findLesson(params.module, params.lesson);
		if (!lesson) notFound();
		const data = await request.formData().catch(() => null);
		if (!data) return fail(400, { questionId: null, message: 'The answer could not be read. Please try again.' });
		const result = await submitAnswer(lesson!, data, () => ({ userId: null, guestId: ensureGuestId(cookies, url) }));
		if (!result.ok) {
			const qid = data.get('question');
			return fail(result.status, { questionId: typeof qid === 'string' ? qid : null, message: result.message });
		}
		return { feedback: result.feedback };
	}
};
