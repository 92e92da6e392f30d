import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formOrProblem } from '$lib/server/form-data';
import { answersOf } from '$lib/server/db/answers';
import { findQuestion } from '$lib/server/content/questions';
import { publicQuestion } from '$lib/server/content';
import { submitAnswer } from '$lib/server/grading/submit';
import { requireStudent } from '$lib/server/guard';
import { reviewQueue } from '$lib/server/progress/review';
import { shuffled } from '$lib/server/pages/shuffle';
import type { Actions, PageServerLoad } from './$types';

// Not hydrated: its cards post with the lesson page's script (src/lib/enhance/lesson.ts).
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireStudent(locals, url);
	const rows = await answersOf((await getDb()).db, user.id);
	const attempts = new Map<string, number>();
	for (const r of rows) attempts.set(r.question_id, (attempts.get(r.question_id) ?? 0) + 1);
	const events = rows.map((r) => ({ questionId: r.question_id, correct: r.correct === 1, at: r.created_at }));
	const queue = reviewQueue(events, user.time_zone, new Date()).filter((i) => findQuestion(i.questionId));
	const due = queue.filter((i) => i.due).map((i) => {
		const { lesson, question } = findQuestion(i.questionId)!;
		const shuffle = attempts.get(question.id) ?? 0;
		return {
			box: i.box,
			lesson: { title: lesson.title, href: `/modules/${lesson.module}/${lesson.slug}` },
			question: shuffled(question, { userId: user.id, guestId: null }, shuffle),
			shuffle,
			formKey: crypto.randomUUID()
		};
	});
	return { due, later: queue.filter((i) => !i.due).length };
};

export const actions: Actions = {
	answer: async ({ request, locals, url }) => {
		const user = requireStudent(locals, url);
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { questionId: null, message: data.message });
		const id = data.get('question');
		const found = typeof id === 'string' ? findQuestion(id) : undefined;
		if (!found) return fail(404, { questionId: typeof id === 'string' ? id : null, message: 'That question is not part of the course any more. Reload the page.' });
		const result = await submitAnswer(found.lesson, data, () => ({ userId: user.id, guestId: null }));
		if (!result.ok) return fail(result.status, { questionId: found.question.id, message: result.message });
		// the public part too, so the page can show the answered card even if it has left the queue
		return { feedback: result.feedback, question: publicQuestion(found.question) };
	}
};
