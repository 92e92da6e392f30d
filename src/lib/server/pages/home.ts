/** The data of the home page: the course outline, and where a signed-in student left off. */
import { modules } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { answersOf } from '$lib/server/db/answers';
import type { PageInput } from '$lib/server/page-cache/routes';
import { sameForEveryone } from '$lib/server/page-cache/shared';
import { summarize } from '$lib/server/progress/summary';

const courseOutline = sameForEveryone(
	modules.map((m) => ({
		slug: m.slug,
		title: m.title,
		summary: m.summary,
		lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title, summary: l.summary, questions: l.questions.length }))
	}))
);

export async function homePageData({ locals, url }: PageInput) {
	let resume: { title: string; href: string; started: boolean } | null = null;
	if (locals.user) {
		const rows = await answersOf((await getDb()).db, locals.user.id);
		const p = summarize(
			modules,
			rows.map((r) => ({ lesson: r.lesson, questionId: r.question_id, correct: r.correct === 1, at: r.created_at }))
		);
		if (p.continueWith) resume = { title: p.continueWith.title, href: p.continueWith.href, started: p.started };
	}
	return {
		deleted: url.searchParams.has('deleted'),
		resume,
		modules: courseOutline
	};
}
