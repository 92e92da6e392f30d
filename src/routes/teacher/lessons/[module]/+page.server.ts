import { error } from '@sveltejs/kit';
import { findModule, modules } from '$lib/server/content';
import { moduleGuide } from '$lib/server/content/guide';
import { requireTeacher } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireTeacher(locals, url);
	const module = findModule(params.module);
	if (!module) error(404, { message: 'There is no module at this address.' });
	return {
		module: { slug: module!.slug, title: module!.title, summary: module!.summary, objectives: module!.objectives, number: modules.indexOf(module!) + 1 },
		lessons: moduleGuide(module!)
	};
};
