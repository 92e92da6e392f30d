import { glossary } from '$lib/server/content';
import { citedPassage, lessonLinks } from '$lib/server/content/passages';
import type { PageServerLoad } from './$types';

const entry = (g: (typeof glossary)[number]) => ({
	id: g.id,
	term: g.term,
	meaning: g.meaning,
	citations: g.cite.map(citedPassage),
	lessons: lessonLinks(g.lessons)
});

export const load: PageServerLoad = () => ({
	actors: glossary.filter((g) => g.kind === 'actor').map(entry),
	terms: glossary.filter((g) => g.kind === 'term').map(entry)
});
