import { modules } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { answersOf } from '$lib/server/db/answers';
import { requireStudent } from '$lib/server/guard';
import { reviewQueue } from '$lib/server/progress/review';
import { summarize } from '$lib/server/progress/summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireStudent(locals, url);
	const rows = await answersOf((await getDb()).db, user.id);
	const events = rows.map((r) => ({ lesson: r.lesson, questionId: r.question_id, correct: r.correct === 1, at: r.created_at }));
	const progress = summarize(modules, events);
	const due = reviewQueue(events, user.time_zone, new Date()).filter((i) => i.due).length;
	return { displayName: user.display_name, welcome: url.searchParams.has('welcome'), ...progress, due };
};
