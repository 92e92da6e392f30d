/**
 * Saving a written answer: a draft (any part may be empty) or a submission (all three parts).
 * Lengths and evidence are checked here; the row and its version are committed before the
 * response says "saved".
 */
import { z } from 'zod';
import type { Lesson, LessonQuestion } from '$lib/content/load';
import { formFields } from '$lib/questions/common';
import { answerSchema, draftSchema } from '$lib/questions/written/schema';
import { findSource } from '../content';
import { getDb } from '../db';
import { saveWritten, WrittenKeyConflict, WrittenLocked } from '../db/written';
import { queueLessonScores } from '../lti/scores';
import { keyHash } from '../grading/key-hash';

type WrittenQuestion = Extract<LessonQuestion, { type: 'written' }>;

const intent = z.enum(['draft', 'submit'], { error: 'The form did not say whether to save a draft or submit. Reload the page and try again.' });
const idempotencyKey = z
	.string({ error: 'The form is missing its submission key. Reload the page and try again.' })
	.regex(/^[A-Za-z0-9-]{16,64}$/, 'The form’s submission key is not valid. Reload the page and try again.');

export type SaveResult =
	| { ok: true; kind: 'draft' | 'submission'; questionId: string; savedAt: string; duplicate: boolean }
	| { ok: false; status: 400 | 403 | 404 | 409; questionId: string | null; message: string; errors?: Record<string, string> };

export function writtenQuestion(lesson: Lesson, id: unknown): WrittenQuestion | undefined {
	const q = lesson.questions.find((x) => x.id === id);
	return q?.type === 'written' ? q : undefined;
}

/** Every evidence ref names a body sentence of one of the question's articles. */
function unknownEvidence(q: WrittenQuestion, refs: readonly string[]): boolean {
	return refs.some((ref) => {
		const [source, id] = ref.split(':');
		if (!q.sources.includes(source ?? '')) return true;
		const s = findSource(source!);
		const n = Number(id);
		return !s?.paragraphs.some((p) => p.sentences.some((x) => x.id === n));
	});
}

/** What the student sent, to put back in the editor with a refusal. */
export function sentValues(data: FormData) {
	const text = (name: string) => String(data.get(name) ?? '').toWellFormed();
	return { claim: text('claim'), evidence: data.getAll('evidence').map(String), reasoning: text('reasoning') };
}

export async function saveWrittenAnswer(lesson: Lesson, data: FormData, user: { id: string; role: 'student' | 'teacher' } | null): Promise<SaveResult> {
	const rawId = data.get('question');
	const questionId = typeof rawId === 'string' ? rawId : null;
	if (!user) return { ok: false, status: 403, questionId, message: 'Sign up or log in as a student to write an answer: a teacher scores it, and nobody can score a guest.' };
	if (user.role !== 'student') return { ok: false, status: 403, questionId, message: 'Only students write answers here. The teacher’s guide shows this question’s rubric and model answer.' };
	const q = writtenQuestion(lesson, rawId);
	if (!q) return { ok: false, status: 404, questionId, message: 'That written question is not part of this lesson. Reload the page and try again.' };
	const how = intent.safeParse(data.get('intent') ?? undefined);
	if (!how.success) return { ok: false, status: 400, questionId, message: how.error.issues[0]!.message };
	const key = idempotencyKey.safeParse(data.get('idem') ?? undefined);
	if (!key.success) return { ok: false, status: 400, questionId, message: key.error.issues[0]!.message };
	const parsed = (how.data === 'submit' ? answerSchema : draftSchema).safeParse(formFields(data));
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
		return { ok: false, status: 400, questionId, message: Object.values(errors).join(' '), errors };
	}
	if (unknownEvidence(q, parsed.data.evidence)) {
		const message = 'One of the evidence sentences is not a sentence of this question’s articles. Reload the page and pick again.';
		return { ok: false, status: 400, questionId, message, errors: { evidence: message } };
	}
	const kind = how.data === 'submit' ? 'submission' : 'draft';
	const { db } = await getDb();
	try {
		const { answer, duplicate } = await saveWritten(db, {
			userId: user.id,
			lesson: `${lesson.module}/${lesson.slug}`,
			questionId: q.id,
			kind,
			content: parsed.data,
			keyHash: keyHash(q),
			idempotencyKey: key.data
		});
		// a submission waits for its teacher: an LMS line item shows the lesson as pending
		if (kind === 'submission') await queueLessonScores(db, user.id, `${lesson.module}/${lesson.slug}`);
		return { ok: true, kind, questionId: q.id, savedAt: (kind === 'draft' ? answer.draft_at : answer.submitted_at) ?? new Date().toISOString(), duplicate };
	} catch (e) {
		if (e instanceof WrittenLocked || e instanceof WrittenKeyConflict) return { ok: false, status: 409, questionId, message: e.message };
		throw e;
	}
}
