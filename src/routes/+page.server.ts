import { modules } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	modules: modules.map((m) => ({
		slug: m.slug,
		title: m.title,
		summary: m.summary,
		lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title, summary: l.summary, questions: l.questions.length }))
	}))
});
