import { sources } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	sources: sources.map((s) => ({
		id: s.id,
		title: s.title,
		date: s.date,
		byline: s.byline,
		about: s.about,
		sentences: s.sentences.filter((x) => x.citable).length
	}))
});
