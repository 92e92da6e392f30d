/** The data of a student's dashboard, /me: progress, assignments, comments and what is due for review. */
import { findLesson, modules } from '$lib/server/content';
import { unseenGrades, writtenSubmissionsOf } from '$lib/server/db/written';
import { getDb } from '$lib/server/db';
import { answersOf } from '$lib/server/db/answers';
import { assignmentsForStudent } from '$lib/server/db/classes';
import { lessonsOfTarget } from '$lib/server/content/assignments';
import { dueLabel, dueState } from '$lib/server/progress/due';
import { formatInZone } from '$lib/time-zone';
import { requireStudent } from '$lib/server/guard';
import { reviewQueue } from '$lib/server/progress/review';
import { summarize } from '$lib/server/progress/summary';
import type { PageInput } from '$lib/server/page-cache/routes';

export async function mePageData({ locals, url }: PageInput) {
	const user = requireStudent(locals, url);
	const { db } = await getDb();
	const [rows, assigned, written, unseen] = await Promise.all([answersOf(db, user.id), assignmentsForStudent(db, user.id), writtenSubmissionsOf(db, user.id), unseenGrades(db, user.id)]);
	const events = rows.map((r) => ({ lesson: r.lesson, questionId: r.question_id, correct: r.correct === 1, at: r.created_at }));
	// a written answer counts as answered once submitted (its score is the teacher's, shown on the lesson)
	const progress = summarize(modules, [...events, ...written.map((w) => ({ lesson: w.lesson, questionId: w.question_id, correct: false, at: w.first_submitted_at, written: true }))]);
	const due = reviewQueue(events, user.time_zone, new Date()).filter((i) => i.due).length;
	const firstAt = new Map<string, string>();
	for (const r of rows) if (!firstAt.has(`${r.lesson}#${r.question_id}`)) firstAt.set(`${r.lesson}#${r.question_id}`, r.created_at);
	// a written answer is answered once submitted (its first submission is its answer time)
	for (const w of written) firstAt.set(`${w.lesson}#${w.question_id}`, w.first_submitted_at);
	const now = new Date();
	const assignments = assigned.flatMap((a) =>
		lessonsOfTarget(a.target).map((l) => {
			const key = `${l.module}/${l.slug}`;
			const times = l.questions.map((q) => firstAt.get(`${key}#${q.id}`)).filter((t): t is string => Boolean(t));
			const { state } = dueState(times, l.questions.length, a.due_at, now);
			return {
				id: `${a.id}:${key}`,
				title: l.title,
				href: `/modules/${key}`,
				className: a.class_name,
				due: a.due_at ? formatInZone(a.due_at, a.time_zone) : null,
				state,
				label: dueLabel[state],
				// the class's rule for answers after the due date, said where it matters
				lateRule: a.due_at ? (a.late_policy === 'exclude' ? 'answers after the due date do not count' : 'late answers count, marked late') : null
			};
		})
	);
	const comments = unseen.map((g) => {
		const [module, slug] = g.lesson.split('/');
		const lesson = findLesson(module ?? '', slug ?? '');
		return { id: g.id, href: `/modules/${g.lesson}#q-${g.question_id}`, lessonTitle: lesson?.title ?? g.lesson, total: g.total, max: g.max, graderName: g.grader_name, hasComment: g.comment.length > 0 };
	});
	return { comments, assignments, displayName: locals.pageCache?.name ?? user.display_name, welcome: url.searchParams.has('welcome'), passwordSet: url.searchParams.get('password') === 'set', ...progress, due };
}
