import { error } from '@sveltejs/kit';
import { isRecordId } from '$lib/schemas/classes';
import { modules } from '$lib/server/content';
import { lessonsOfTarget } from '$lib/server/content/assignments';
import { assignmentsOf } from '$lib/server/db/classes';
import { answersOfMember, memberOfClass } from '$lib/server/db/gradebook';
import { buildFeedback } from '$lib/server/grading/grade';
import { dueLabel } from '$lib/server/progress/due';
import { choiceTexts, courseLessonKeys, givenIds, keyTexts, teacherClass, toAttempt, writtenAttempts } from '$lib/server/reports/class-data';
import { writtenQuestionOf } from '$lib/server/written/queue';
import { assignedLessons, gradeCell } from '$lib/server/reports/gradebook';
import { countedAttempt, countingSentence } from '$lib/server/reports/item-analysis';
import { shownKey } from '$lib/questions/registry';
import { formatInZone } from '$lib/time-zone';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const member = isRecordId(params.student) ? await memberOfClass(db, cls.id, params.student) : undefined;
	if (!member) error(404, { message: 'This student is not in this class.' });
	const keys = courseLessonKeys();
	const [answers, assignments] = await Promise.all([answersOfMember(db, cls.id, member!.id, keys), assignmentsOf(db, cls.id)]);
	// written answers count once scored (rubric points over the maximum), and wait until then
	const written = (await writtenAttempts(db, cls.id, keys)).filter((w) => w.studentId === member!.id);
	const attempts = [...answers.map(toAttempt), ...written];
	const now = new Date();
	const assigned = assignedLessons(assignments, lessonsOfTarget, keys);

	const lessons = modules
		.flatMap((m) => m.lessons)
		.map((lesson) => {
			const key = `${lesson.module}/${lesson.slug}`;
			const mine = answers.filter((a) => a.lesson === key);
			if (!mine.length) return null;
			const known = new Set(lesson.questions.map((q) => q.id));
			const questions = lesson.questions
				.map((q) => {
					const rows = mine.filter((a) => a.question_id === q.id);
					if (!rows.length) return null;
					const counted = countedAttempt(
						rows.map((a) => ({ ...toAttempt(a), id: a.id })),
						cls.counting
					)?.id;
					// only the cited sentences are used: the verdict is per attempt, below
					const { citations } = buildFeedback(q, { correct: true, points: 1, given: [], key: shownKey(q) }, true);
					return {
						id: q.id,
						prompt: q.prompt,
						key: keyTexts(q),
						citations,
						attempts: rows.map((a, i) => ({
							id: a.id,
							n: i + 1,
							time: formatInZone(a.created_at, cls.time_zone),
							iso: a.created_at,
							given: choiceTexts(q, givenIds(q, a.answer)),
							correct: a.correct === 1,
							points: Number(a.points),
							counted: a.id === counted
						}))
					};
				})
				.filter((q) => q !== null);
			const gone = mine.filter((a) => !known.has(a.question_id)).length;
			const gl = assigned.find((l) => l.key === key) ?? {
				key,
				slug: lesson.slug,
				module: lesson.module,
				title: lesson.title,
				questionIds: [...known],
				dueAt: null
			};
			const cell = gradeCell(gl, attempts, cls.counting, now, cls.late_policy);
			return {
				key,
				slug: lesson.slug,
				title: lesson.title,
				assigned: assigned.some((l) => l.key === key),
				score: cell.score,
				answered: cell.answered,
				total: cell.total,
				right: cell.right,
				questions,
				gone
			};
		})
		.filter((l) => l !== null);

	const overview = assigned.map((l) => {
		const cell = gradeCell(l, attempts, cls.counting, now, cls.late_policy);
		return {
			slug: l.slug,
			title: l.title,
			score: cell.score,
			answered: cell.answered,
			total: cell.total,
			state: cell.state,
			label: dueLabel[cell.state],
			due: l.dueAt ? formatInZone(l.dueAt, cls.time_zone) : null
		};
	});

	return {
		klass: { id: cls.id, name: cls.name, section: cls.section, timeZone: cls.time_zone },
		student: {
			id: member!.id,
			name: member!.display_name,
			username: member!.username,
			joined: formatInZone(member!.joined_at, cls.time_zone)
		},
		counting: countingSentence[cls.counting],
		overview,
		lessons,
		written: written.map((w) => {
			const found = writtenQuestionOf(w.lesson, w.questionId);
			return {
				id: w.answerId,
				lessonTitle: found?.lessonTitle ?? w.lesson,
				prompt: found?.question.prompt ?? w.questionId,
				claim: w.text.claim,
				submitted: formatInZone(w.at, cls.time_zone),
				score: w.grade ? `${w.grade.total} / ${w.grade.max}` : null
			};
		}),
		answerCount: answers.length
	};
};
