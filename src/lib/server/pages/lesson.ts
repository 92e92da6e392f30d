/** The data of a lesson page (`/modules/[module]/[lesson]`): the public lesson and this learner's state in it. */
import { error } from '@sveltejs/kit';
import { findLesson, findModule, glossary, lessonHtml, neighbours, publicQuestion } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { attemptCounts } from '$lib/server/db/answers';
import { pastFeedback } from '$lib/server/grading/submit';
import { currentLearner } from '$lib/server/learner';
import { writtenStates } from '$lib/server/written/state';
import { shuffled } from './shuffle';
import type { Lesson, Module } from '$lib/content/load';
import type { PageInput } from '$lib/server/page-cache/routes';
import { sameForEveryone } from '$lib/server/page-cache/shared';

export const notFound = () => error(404, { message: 'There is no lesson at this address.' });


/** The part of a lesson page that is the same for everyone: built once per lesson, and the same objects every time. */
function sharedPart(module: Module, lesson: Lesson) {
	const { previous, next, index, count } = neighbours(lesson);
	return {
		module: { slug: module.slug, title: module.title },
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			summary: lesson.summary,
			objectives: lesson.objectives,
			keyTerms: lesson.keyTerms.map((id) => {
				const entry = glossary.find((g) => g.id === id)!;
				return { id, term: entry.term, meaning: entry.meaning };
			}),
			html: lessonHtml(lesson)
		},
		// only the public part of each question: no key, no explanation, no citation
		questions: lesson.questions.map(publicQuestion),
		position: { index, count },
		previous: previous && { slug: previous.slug, title: previous.title },
		next: next && { slug: next.slug, title: next.title }
	};
}

const shared = new Map<Lesson, ReturnType<typeof sharedPart>>();

function lessonShared(module: Module, lesson: Lesson): ReturnType<typeof sharedPart> {
	let part = shared.get(lesson);
	if (!part) {
		part = sharedPart(module, lesson);
		for (const value of Object.values(part)) if (value) sameForEveryone(value);
		shared.set(lesson, part);
	}
	return part;
}

/**
 * Everything a lesson page renders from, for whoever asks. `keyFor` makes each question form's
 * submission key: a fresh one by default; the page cache passes slots it fills in per response.
 */
export async function lessonPageData({ params, locals, url }: PageInput, keyFor: (questionId: string) => string = () => crypto.randomUUID()) {
	const module = findModule(params.module ?? '');
	const lesson = findLesson(params.module ?? '', params.lesson ?? '');
	if (!module || !lesson) notFound();
	const same = lessonShared(module!, lesson!);
	const learner = currentLearner(locals);
	const past = await pastFeedback(lesson!, learner);
	const retry = url.searchParams.get('retry') === 'missed';
	const missed = lesson!.questions.filter((q) => past[q.id] && !past[q.id]!.correct);
	let questions = same.questions;
	const shuffles: Record<string, number> = {};
	if (retry) {
		// only the missed ones, choices shuffled per attempt on the server
		const attempts = await attemptCounts((await getDb()).db, learner, `${lesson!.module}/${lesson!.slug}`);
		for (const q of missed) shuffles[q.id] = attempts.get(q.id) ?? 0;
		questions = missed.map((q) => shuffled(q, learner, shuffles[q.id]!));
	}
	return {
		...same,
		questions,
		shuffles,
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
		formKeys: Object.fromEntries(lesson!.questions.map((q) => [q.id, keyFor(q.id)]))
	};
}
