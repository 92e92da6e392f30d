import { error } from '@sveltejs/kit';
import { findLesson, findModule, modules } from '$lib/server/content';
import { lessonGuide } from '$lib/server/content/guide';
import { requireTeacher } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const views = ['guide', 'worksheet', 'key'] as const;

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireTeacher(locals, url);
	const module = findModule(params.module);
	const lesson = findLesson(params.module, params.lesson);
	if (!module || !lesson) error(404, { message: 'There is no lesson at this address.' });
	const asked = url.searchParams.get('print');
	// an unknown view is the guide itself, never an error: the address came from a link or a typo
	const view = asked === 'worksheet' || asked === 'key' ? asked : views[0];
	const guide = lessonGuide(lesson!);
	// the worksheet goes to students on paper: its page carries no key at all
	const questions = view === 'worksheet' ? guide.questions.map((q) => ({ ...q, key: [], keySentences: [], explanation: '', citations: [], model: null })) : guide.questions;
	return {
		view,
		module: { slug: module!.slug, title: module!.title, number: modules.indexOf(module!) + 1 },
		lesson: { slug: lesson!.slug, title: lesson!.title, summary: lesson!.summary, objectives: lesson!.objectives },
		...guide,
		questions
	};
};
