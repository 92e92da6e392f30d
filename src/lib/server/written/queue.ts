/**
 * The grading queue of a class: written answers of its members waiting for a teacher, oldest
 * first, one at a time; a grade is the rubric's levels and a comment, saved once per
 * submission key, and a regrade keeps the earlier grades.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { LessonQuestion } from '$lib/content/load';
import { groupDigits } from '$lib/digits';
import { keyOf } from '$lib/questions/registry';
import { cleanText, type Criterion } from '$lib/questions/written/schema';
import { rubricScore } from '$lib/questions/written/score';
import type { WrittenContent } from '$lib/written';
import { findLesson, findModule, publicQuestion } from '../content';
import type { Database } from '../db/schema';
import { gradedInClass, gradeHistory, gradeWritten, waitingInClass, WrittenChanged, WrittenKeyConflict, writtenInClass } from '../db/written';
import { queueLessonScores } from '../lti/scores';
import { gradeShown } from './state';

type WrittenQuestion = Extract<LessonQuestion, { type: 'written' }>;

export const COMMENT_MAX = 2000;

/** The written question of a stored answer, if the course still has it. */
export function writtenQuestionOf(lessonKey: string, questionId: string): { question: WrittenQuestion; lessonTitle: string; moduleTitle: string } | undefined {
	const [module, slug] = lessonKey.split('/');
	const lesson = findLesson(module ?? '', slug ?? '');
	const q = lesson?.questions.find((x) => x.id === questionId);
	if (!lesson || q?.type !== 'written') return undefined;
	return { question: q, lessonTitle: lesson.title, moduleTitle: findModule(lesson.module)?.title ?? lesson.module };
}

/** A version of the rubric, stored with each grade: an edited rubric never silently changes old scores' meaning. */
export const rubricHash = (rubric: readonly Criterion[]) => createHash('sha256').update(JSON.stringify(rubric)).digest('hex').slice(0, 32);

/** "Answer 3" instead of a name while names are hidden: stable for the answer, the same for everyone. */
const blindLabel = (answerId: string) => `Answer ${answerId.slice(0, 4).toUpperCase()}`;

export async function gradingView(db: Kysely<Database>, classId: string, opts: { answerId: string | null; blind: boolean; timeZone: string }) {
	const [waiting, graded] = await Promise.all([waitingInClass(db, classId), gradedInClass(db, classId)]);
	// answers to questions the course no longer has cannot be scored with a rubric
	const gradable = waiting.filter((w) => writtenQuestionOf(w.lesson, w.question_id));
	const picked = opts.answerId ? await writtenInClass(db, classId, opts.answerId) : gradable[0];
	const found = picked ? writtenQuestionOf(picked.lesson, picked.question_id) : undefined;
	const name = (row: { id: string; display_name: string; graded_at: string | null }) => (opts.blind && !row.graded_at ? blindLabel(row.id) : row.display_name);
	let current = null;
	if (picked && found) {
		const q = found.question;
		const text = JSON.parse(picked.submitted!) as WrittenContent;
		const key = new Set(keyOf(q) as string[]);
		const pub = publicQuestion(q);
		const history = await gradeHistory(db, picked.id);
		current = {
			id: picked.id,
			student: name(picked),
			position: gradable.findIndex((w) => w.id === picked.id) + 1,
			lessonTitle: found.lessonTitle,
			moduleTitle: found.moduleTitle,
			prompt: q.prompt,
			rubric: q.rubric,
			model: q.model,
			claim: text.claim,
			reasoning: text.reasoning,
			evidence: text.evidence,
			submittedAt: picked.submitted_at!,
			gradedAt: picked.graded_at,
			articles: pub.type === 'written' ? pub.articles.map((a) => ({ ...a, picked: text.evidence.filter((r) => r.startsWith(`${a.source.id}:`)).map((r) => Number(r.split(':')[1])), proving: [...key].filter((r) => r.startsWith(`${a.source.id}:`)).map((r) => Number(r.split(':')[1])) })) : [],
			history: history.map((g) => gradeShown(q.rubric, g)).reverse()
		};
	}
	return {
		waiting: gradable.length,
		current,
		// a regrade starts from the latest scores
		next: gradable.find((w) => w.id !== current?.id)?.id ?? null,
		graded: graded.slice(0, 50).map((g) => {
			const f = writtenQuestionOf(g.lesson, g.question_id);
			return { id: g.id, student: g.display_name, lessonTitle: f?.lessonTitle ?? g.lesson, prompt: f?.question.prompt ?? g.question_id, gradedAt: g.graded_at! };
		})
	};
}

const gradeForm = z.object({
	answer: z.string({ error: 'The form did not say which answer it grades. Reload the page.' }).regex(/^[0-9a-f-]{36}$/i, 'The form did not say which answer it grades. Reload the page.'),
	submitted: z.string({ error: 'The form is missing the version of the answer. Reload the page.' }).min(1, 'The form is missing the version of the answer. Reload the page.'),
	comment: z
		.string()
		.optional()
		.transform((c) => cleanText(c ?? '').trim())
		.superRefine((c, ctx) => {
			if (c.length > COMMENT_MAX) ctx.addIssue({ code: 'custom', message: `Your comment is ${groupDigits(c.length)} characters long; keep it to ${groupDigits(COMMENT_MAX)}.` });
		}),
	idem: z.string({ error: 'The form is missing its submission key. Reload the page.' }).regex(/^[A-Za-z0-9-]{16,64}$/, 'The form’s submission key is not valid. Reload the page.')
});

export type GradeResult = { ok: true; duplicate: boolean } | { ok: false; status: 400 | 404 | 409; message: string; errors: Record<string, string> };

export async function saveGrade(db: Kysely<Database>, classId: string, teacher: { id: string; display_name: string }, data: FormData): Promise<GradeResult> {
	const parsed = gradeForm.safeParse({
		answer: data.get('answer') ?? undefined,
		submitted: data.get('submitted') ?? undefined,
		comment: data.get('comment') ?? undefined,
		idem: data.get('idem') ?? undefined
	});
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
		return { ok: false, status: 400, message: Object.values(errors).join(' '), errors };
	}
	const row = await writtenInClass(db, classId, parsed.data.answer);
	const found = row && writtenQuestionOf(row.lesson, row.question_id);
	if (!row || !found) return { ok: false, status: 404, message: 'There is no written answer of this class at this address.', errors: {} };
	const given: Record<string, string | undefined> = {};
	for (const c of found.question.rubric) {
		const v = data.get(`c-${c.id}`);
		given[c.id] = typeof v === 'string' ? v : undefined;
	}
	const scored = rubricScore(found.question.rubric, given);
	if (!scored.ok) return { ok: false, status: 400, message: Object.values(scored.errors).join(' '), errors: Object.fromEntries(Object.entries(scored.errors).map(([k, v]) => [`c-${k}`, v])) };
	try {
		const { duplicate } = await gradeWritten(db, {
			answerId: row.id,
			submittedAt: parsed.data.submitted,
			graderId: teacher.id,
			graderName: teacher.display_name,
			scores: scored.scores,
			total: scored.total,
			max: scored.max,
			comment: parsed.data.comment,
			rubricHash: rubricHash(found.question.rubric),
			idempotencyKey: parsed.data.idem
		});
		// the student's LMS line items get the graded score
		await queueLessonScores(db, row.user_id, row.lesson);
		return { ok: true, duplicate };
	} catch (e) {
		if (e instanceof WrittenChanged || e instanceof WrittenKeyConflict) return { ok: false, status: 409, message: e.message, errors: {} };
		throw e;
	}
}
