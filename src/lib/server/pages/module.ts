/** The data of a module page: the same for everyone, built once per module. */
import { error } from '@sveltejs/kit';
import type { Module } from '$lib/content/load';
import { findModule, modules } from '$lib/server/content';
import type { PageInput } from '$lib/server/page-cache/routes';
import { sameForEveryone } from '$lib/server/page-cache/shared';

const built = new Map<Module, { number: number; module: object }>();

function moduleData(module: Module) {
	return {
		number: modules.indexOf(module) + 1,
		module: sameForEveryone({
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
		})
	};
}

export function modulePageData({ params }: PageInput): ReturnType<typeof moduleData> {
	const module = findModule(params.module ?? '');
	if (!module) error(404, { message: 'There is no module at this address.' });
	let data = built.get(module) as ReturnType<typeof moduleData> | undefined;
	if (!data) built.set(module, (data = moduleData(module)));
	return data;
}
