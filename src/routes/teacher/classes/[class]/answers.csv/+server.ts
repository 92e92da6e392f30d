import { findLesson } from '$lib/server/content';
import { roster } from '$lib/server/db/classes';
import { answersOfClass } from '$lib/server/db/gradebook';
import { choiceTexts, courseLessonKeys, givenIds, questionOf, teacherClass } from '$lib/server/reports/class-data';
import { answersCsv, csvResponse, type AnswerLine } from '$lib/server/reports/csv-exports';
import type { RequestHandler } from './$types';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Every answer the class's current members gave in the course: by student, then oldest first. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const members = await roster(db, cls.id);
	const answers = members.length ? await answersOfClass(db, cls.id, courseLessonKeys()) : [];
	const byId = new Map(members.map((m) => [m.id, m]));
	const order = [...members].sort(
		(x, y) => collator.compare(x.display_name, y.display_name) || collator.compare(x.username ?? '', y.username ?? '') || (x.id < y.id ? -1 : 1)
	);
	const rank = new Map(order.map((m, i) => [m.id, i]));
	// stable: each student's answers stay oldest first
	const at = (id: string) => rank.get(id) ?? order.length; // someone who joined a moment ago
	const sorted = [...answers].sort((x, y) => at(x.user_id) - at(y.user_id));
	const lines: AnswerLine[] = sorted.map((a) => {
		const student = byId.get(a.user_id);
		const [m, l] = a.lesson.split('/');
		const lesson = m && l ? findLesson(m, l) : undefined;
		const question = questionOf(a.lesson, a.question_id);
		return {
			name: student?.display_name ?? '',
			username: student?.username ?? null,
			lessonTitle: lesson?.title ?? 'A lesson no longer in the course',
			lessonKey: a.lesson,
			questionId: a.question_id,
			prompt: question?.prompt ?? 'A question no longer in the lesson',
			given: question ? choiceTexts(question, givenIds(question, a.answer)) : [a.answer],
			correct: a.correct === 1,
			points: Number(a.points),
			at: a.created_at
		};
	});
	return csvResponse(answersCsv(lines, cls.time_zone), cls.name, 'answers', cls.time_zone);
};
