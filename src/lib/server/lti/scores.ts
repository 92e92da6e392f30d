/**
 * A student's score for the lesson or module of each LMS line item they launched, by the
 * gradebook's own rules (gradeCell: the class's "which attempt counts", partial credit, written
 * answers once graded), queued in the outbox whenever it changes.
 */
import type { Kysely } from 'kysely';
import { answersOf } from '../db/answers';
import { gradeLinksOf, queueScore } from '../db/lti-outbox';
import type { Database } from '../db/schema';
import { writtenOfLesson } from '../db/written';
import { lessonsOfTarget } from '../content/assignments';
import { toAttempt, writtenAttempt } from '../reports/class-data';
import { gradeCell, type GradebookAnswer } from '../reports/gradebook';
import { kickOutbox } from './outbox';

export async function scoreOf(db: Kysely<Database>, userId: string, target: string, counting: 'first' | 'best' | 'latest') {
	const lessons = lessonsOfTarget(target);
	const keys = new Set(lessons.map((l) => `${l.module}/${l.slug}`));
	const answers: GradebookAnswer[] = (await answersOf(db, userId)).filter((a) => keys.has(a.lesson)).map((a) => toAttempt({ ...a, user_id: userId }));
	for (const key of keys) {
		for (const { answer, grade } of await writtenOfLesson(db, userId, key)) if (answer.submitted_at) answers.push(writtenAttempt(answer, grade));
	}
	let given = 0;
	let maximum = 0;
	let answered = 0;
	let waiting = 0;
	for (const l of lessons) {
		const key = `${l.module}/${l.slug}`;
		const cell = gradeCell({ key, slug: l.slug, module: l.module, title: l.title, questionIds: l.questions.map((q) => q.id), dueAt: null }, answers, counting, new Date());
		given += cell.points;
		maximum += cell.total;
		answered += cell.answered;
		waiting += cell.waiting;
	}
	return {
		scoreGiven: Math.round(given * 1000) / 1000,
		scoreMaximum: maximum,
		activity: answered === maximum ? ('Completed' as const) : ('InProgress' as const),
		grading: waiting > 0 ? ('Pending' as const) : ('FullyGraded' as const)
	};
}

/** After an answer (or a grade) in a lesson: queue the new score of every line item it counts in. */
export async function queueLessonScores(db: Kysely<Database>, userId: string, lessonKey: string): Promise<number> {
	const moduleSlug = lessonKey.split('/')[0]!;
	const links = await gradeLinksOf(db, userId, [lessonKey, moduleSlug]);
	let queued = 0;
	for (const link of links) {
		const s = await scoreOf(db, userId, link.target, link.counting ?? 'latest');
		const added = await queueScore(db, {
			link_id: link.id,
			user_id: userId,
			score_given: s.scoreGiven,
			score_maximum: s.scoreMaximum,
			activity_progress: s.activity,
			grading_progress: s.grading
		});
		if (added) queued++;
	}
	if (queued) kickOutbox();
	return queued;
}
