/** A student's written answers in a lesson, as their page shows them: draft, submission, evidence check, grade. */
import type { Lesson, LessonQuestion } from '$lib/content/load';
import { keyOf } from '$lib/questions/registry';
import type { Criterion } from '$lib/questions/written/schema';
import { checkEvidence } from '$lib/questions/written/score';
import type { EvidenceShown, GradeShown, WrittenContent, WrittenState } from '$lib/written';
import { findSource } from '../content';
import { citedPassage } from '../content/passages';
import { classesOfStudent } from '../db/classes';
import type { GradeRow, WrittenRow } from '../db/written';
import { markGradesSeen, writtenOfLesson } from '../db/written';
import { getDb } from '../db';

type WrittenQuestion = Extract<LessonQuestion, { type: 'written' }>;

const empty: WrittenContent = { claim: '', evidence: [], reasoning: '' };
const parse = (json: string | null): WrittenContent | null => (json ? (JSON.parse(json) as WrittenContent) : null);

/** Each evidence ref with its sentence, and whether it is one of the proving sentences. */
export function evidenceShown(q: WrittenQuestion, refs: readonly string[]): EvidenceShown[] {
	return checkEvidence(refs, keyOf(q) as string[]).map(({ ref, proves }) => {
		const [source, id] = ref.split(':') as [string, string];
		const sentence = Number(id);
		return { ref, source, sentence, text: findSource(source)?.sentences[sentence - 1]?.text ?? ref, proves };
	});
}

export function gradeShown(rubric: readonly Criterion[], g: GradeRow): GradeShown {
	const scores = JSON.parse(g.scores) as Record<string, number>;
	return {
		id: g.id,
		criteria: rubric.map((c) => ({
			id: c.id,
			name: c.name,
			points: scores[c.id] ?? 0,
			max: c.levels.at(-1)!.points,
			level: c.levels.find((l) => l.points === scores[c.id])?.text ?? ''
		})),
		total: g.total,
		max: g.max,
		comment: g.comment,
		graderName: g.grader_name,
		at: g.created_at
	};
}

export function stateOf(q: WrittenQuestion, row: WrittenRow | undefined, grade: GradeRow | undefined, hasTeacher: boolean): WrittenState {
	const draft = parse(row?.draft ?? null);
	const submitted = parse(row?.submitted ?? null);
	const status: WrittenState['status'] = row?.graded_at ? 'graded' : submitted ? 'waiting' : draft ? 'draft' : 'new';
	const mayModel = status === 'graded' || (submitted !== null && !hasTeacher);
	return {
		questionId: q.id,
		text: status === 'graded' ? (submitted ?? empty) : (draft ?? submitted ?? empty),
		status,
		draftAt: row?.draft_at ?? null,
		submittedAt: row?.submitted_at ?? null,
		revising: status === 'waiting' && draft !== null,
		evidence: submitted ? evidenceShown(q, submitted.evidence) : [],
		grade: grade ? gradeShown(q.rubric, grade) : null,
		model: mayModel ? { text: q.model, explanation: q.explanation, citations: q.cite.map(citedPassage) } : null,
		hasTeacher
	};
}

/**
 * The signed-in student's written answers in the lesson; the grades shown count as seen.
 * Empty for guests and teachers.
 */
export async function writtenStates(lesson: Lesson, user: { id: string; role: string } | null): Promise<Record<string, WrittenState>> {
	const questions = lesson.questions.filter((q): q is WrittenQuestion => q.type === 'written');
	if (!user || user.role !== 'student' || !questions.length) return {};
	const { db } = await getDb();
	const rows = await writtenOfLesson(db, user.id, `${lesson.module}/${lesson.slug}`);
	const hasTeacher = (await classesOfStudent(db, user.id)).length > 0;
	const out: Record<string, WrittenState> = {};
	for (const q of questions) {
		const mine = rows.find((r) => r.answer.question_id === q.id);
		out[q.id] = stateOf(q, mine?.answer, mine?.grade, hasTeacher);
	}
	await markGradesSeen(db, user.id, rows.flatMap((r) => (r.grade && !r.grade.seen_at ? [r.grade.id] : [])));
	return out;
}
