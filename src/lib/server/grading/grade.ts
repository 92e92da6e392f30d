/** Grades one posted answer on the server and builds the feedback the student sees afterwards. */
import { formFields } from '$lib/questions/common';
import { grade } from '$lib/questions/registry';
import type { Lesson, LessonQuestion } from '$lib/content/load';
import type { Feedback } from '$lib/feedback';
import { citedPassage } from '../content/passages';

export type GradeResult =
	| { ok: true; question: LessonQuestion; answer: unknown; feedback: Feedback }
	| { ok: false; status: 400 | 404; message: string };

export function buildFeedback(
	question: LessonQuestion,
	graded: { correct: boolean; points: number; given: string[]; key: string[] },
	saved: boolean
): Feedback {
	return {
		questionId: question.id,
		correct: graded.correct,
		points: graded.points,
		given: graded.given,
		key: graded.key,
		saved,
		explanation: question.explanation,
		citations: question.cite.map(citedPassage)
	};
}

export function gradeAnswer(lesson: Lesson, data: FormData): GradeResult {
	const id = data.get('question');
	if (typeof id !== 'string' || !id) return { ok: false, status: 400, message: 'The answer did not say which question it belongs to.' };
	const question = lesson.questions.find((q) => q.id === id);
	if (!question) return { ok: false, status: 404, message: 'That question is not part of this lesson. Reload the page and try again.' };
	const graded = grade(question, formFields(data));
	if (!graded.ok) return { ok: false, status: 400, message: graded.message };
	return { ok: true, question, answer: graded.answer, feedback: buildFeedback(question, graded, false) };
}
