import { fail, redirect } from '@sveltejs/kit';
import { loginAddress } from '$lib/server/guard';
import { sentForAnother, WRONG_OWNER } from '$lib/server/auth/outbox-owner';
import { findLesson } from '$lib/server/content';
import { formOrProblem } from '$lib/server/form-data';
import { submitAnswer } from '$lib/server/grading/submit';
import { answeringLearner } from '$lib/server/learner';
import { lessonPageData, notFound } from '$lib/server/pages/lesson';
import { cachedLoad } from '$lib/server/page-cache/load';
import { saveWrittenAnswer, sentValues } from '$lib/server/written/save';
import type { Actions, PageServerLoad } from './$types';

// Not hydrated: the page's one script (src/lib/enhance/lesson.ts) makes its forms post without a
// reload, and the server renders what they show after; the lesson page's JavaScript stays small.
export const csr = false;

export const load: PageServerLoad = cachedLoad(lessonPageData);

export const actions: Actions = {
	answer: async ({ params, request, cookies, url, locals }) => {
		const lesson = findLesson(params.module, params.lesson);
		if (!lesson) notFound();
		if (sentForAnother(request, locals.user?.id ?? null, locals.guestId)) return fail(409, { questionId: null, message: WRONG_OWNER, wrongOwner: true });
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { questionId: null, message: data.message });
		const result = await submitAnswer(lesson!, data, () => answeringLearner(locals, cookies, url));
		if (!result.ok) {
			const qid = data.get('question');
			return fail(result.status, { questionId: typeof qid === 'string' ? qid : null, message: result.message });
		}
		return { feedback: result.feedback };
	},
	write: async ({ params, request, locals, url }) => {
		const lesson = findLesson(params.module, params.lesson);
		if (!lesson) notFound();
		if (sentForAnother(request, locals.user?.id ?? null, locals.guestId)) return fail(409, { questionId: null, message: WRONG_OWNER, wrongOwner: true });
		// a guest's writing could never be scored: log in first (and come back)
		if (!locals.user) redirect(303, loginAddress(url));
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { questionId: null, message: data.message });
		const result = await saveWrittenAnswer(lesson!, data, locals.user ?? null);
		if (!result.ok) return fail(result.status, { questionId: result.questionId, message: result.message, errors: result.errors ?? {}, values: sentValues(data) });
		const notice = result.kind === 'draft' ? 'Draft saved.' : 'Submitted.';
		return { written: { questionId: result.questionId, kind: result.kind, savedAt: result.savedAt, notice } };
	}
};
