import { findLesson } from '$lib/server/content';
import { roster } from '$lib/server/db/classes';
import { answersOfClass } from '$lib/server/db/gradebook';
import { choiceTexts, courseLessonKeys, givenIds, questionOf, teacherClass, writtenAttempts } from '$lib/server/reports/class-data';
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
	/** Who answered, where and what was asked: the columns every line shares. */
	const about = (studentId: string, lessonKey: string, questionId: string) => {
		const student = byId.get(studentId);
		const [m, l] = lessonKey.split('/');
		const lesson = m && l ? findLesson(m, l) : undefined;
		const question = questionOf(lessonKey, questionId);
		const line = {
			name: student?.display_name ?? '',
			username: student?.username ?? null,
			lessonTitle: lesson?.title ?? 'A lesson no longer in the course',
			lessonKey,
			questionId,
			prompt: question?.prompt ?? 'A question no longer in the lesson'
		};
		return { question, line };
	};
	const lines: AnswerLine[] = sorted.map((a) => {
		const { question, line } = about(a.user_id, a.lesson, a.question_id);
		return {
			...line,
			given: question ? choiceTexts(question, givenIds(question, a.answer)) : [a.answer],
			correct: a.correct === 1,
			points: Number(a.points),
			at: a.created_at
		};
	});
	// written answers: the text and the rubric scores (toCsv neutralises cells a spreadsheet would run as formulas)
	const written = members.length ? await writtenAttempts(db, cls.id, courseLessonKeys()) : [];
	const writtenLines: AnswerLine[] = [...written]
		.sort((x, y) => at(x.studentId) - at(y.studentId))
		.map((w) => {
			const { question, line } = about(w.studentId, w.lesson, w.questionId);
			const rubric = question?.type === 'written' ? question.rubric : [];
			const scores = w.grade ? (JSON.parse(w.grade.scores) as Record<string, number>) : {};
			return {
				...line,
				given: [`Claim: ${w.text.claim}`, `Evidence: ${question ? choiceTexts(question, w.text.evidence).join(' | ') : w.text.evidence.join(' ')}`, `Reasoning: ${w.text.reasoning}`],
				correct: w.correct,
				points: w.points,
				at: w.at,
				verdict: w.grade
					? `${w.grade.total}/${w.grade.max} rubric points (${rubric.map((c) => `${c.name} ${scores[c.id] ?? '?'}/${c.levels.at(-1)!.points}`).join('; ')})${w.grade.comment ? `; comment: ${w.grade.comment}` : ''}`
					: 'waiting for grading'
			};
		});
	return csvResponse(answersCsv([...lines, ...writtenLines], cls.time_zone), cls.name, 'answers', cls.time_zone);
};
