import { error, fail, redirect } from '@sveltejs/kit';
import { loginAddress } from '$lib/server/guard';
import { findLesson, findModule, glossary, lessonHtml, neighbours, publicQuestion } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { formOrProblem } from '$lib/server/form-data';
import { attemptCounts } from '$lib/server/db/answers';
import { pastFeedback, submitAnswer } from '$lib/server/grading/submit';
import { answeringLearner, currentLearner } from '$lib/server/learner';
import { saveWrittenAnswer } from '$lib/server/written/save';
import { writtenStates } from '$lib/server/written/state';
import { reshuffle } from '$lib/questions/registry';
import type { Actions, PageServerLoad } from './$types';

const notFound = () => error(404, { message: 'There is no lesson at this address.' });

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const module = findModule(params.module);
	const lesson = findLesson(params.module, params.lesson);
	if (!module || !lesson) notFound();
	const { previous, next, index, count } = neighbours(lesson!);
	const learner = currentLearner(locals);
	const past = await pastFeedback(lesson!, learner);
	const retry = url.searchParams.get('retry') === 'missed';
	const missed = lesson!.questions.filter((q) => past[q.id] && !past[q.id]!.correct);
	let questions = lesson!.questions.map(publicQuestion);
	if (retry) {
		// only the missed ones, choices shuffled per attempt on the server; grading is by choice id
		const attempts = await attemptCounts((await getDb()).db, learner, `${lesson!.module}/${lesson!.slug}`);
		const who = learner.userId ?? learner.guestId ?? 'anonymous';
		questions = missed.map((q) => reshuffle(q, publicQuestion(q), `${who}:${q.id}:${attempts.get(q.id) ?? 0}`));
	}
	return {
		module: { slug: module!.slug, title: module!.title },
		lesson: {
			slug: lesson!.slug,
			title: lesson!.title,
			summary: lesson!.summary,
			objectives: lesson!.objectives,
			keyTerms: lesson!.keyTerms.map((id) => {
				const entry = glossary.find((g) => g.id === id)!;
				return { id, term: entry.term, meaning: entry.meaning };
			}),
			html: lessonHtml(lesson!)
		},
		// only the public part of each question: no key, no explanation, no citation
		questions,
		retry,
		missedCount: missed.length,
		answeredCount: Object.keys(past).length,
		// feedback only for questions this learner has already answered (not on a retry: a fresh start)
		past: retry ? {} : past,
		// the student's written answers: drafts, submissions, evidence checks and grades (never a model answer before submitting)
		written: await writtenStates(lesson!, locals.user ?? null),
		viewer: (locals.user?.role ?? 'guest') as 'student' | 'teacher' | 'guest',
		// times on the written card, the same on the server and in the browser
		timeZone: locals.user?.time_zone ?? 'UTC',
		// one submission key per form: a double click or a retried request is stored once
		formKeys: Object.fromEntries(lesson!.questions.map((q) => [q.id, crypto.randomUUID()])),
		position: { index, count },
		previous: previous && { slug: previous.slug, title: previous.title },
		next: next && { slug: next.slug, title: next.title }
	};
};

export const actions: Actions = {
	answer: async ({ params, request, cookies, url, locals }) => {
		const lesson = findLesson(params.module, params.lesson);
		if (!lesson) notFound();
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
		// a guest's writing could never be scored: log in first (and come back)
		if (!locals.user) redirect(303, loginAddress(url));
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { questionId: null, message: data.message });
		const result = await saveWrittenAnswer(lesson!, data, locals.user ?? null);
		if (!result.ok) {
			const text = (name: string) => String(data.get(name) ?? '').toWellFormed();
			const values = { claim: text('claim'), evidence: data.getAll('evidence').map(String), reasoning: text('reasoning') };
			return fail(result.status, { questionId: result.questionId, message: result.message, errors: result.errors ?? {}, values });
		}
		const notice = result.kind === 'draft' ? 'Draft saved.' : 'Submitted.';
		return { written: { questionId: result.questionId, kind: result.kind, savedAt: result.savedAt, notice } };
	}
};
