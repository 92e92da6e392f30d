import { error } from '@sveltejs/kit';
import { findModule, modules } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const module = findModule(params.module);
	if (!module) error(404, { message: 'There is no module at this address.' });
	return {
		number: modules.indexOf(module) + 1,
		module: {
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			objectives: module.objectives,
			lessons: module.lessons.map((l) => ({
				slug: l.slug,
				title: l.title,
				summary: l.summary,
				questions: l.questions.length
			}))
		}
	};
};
