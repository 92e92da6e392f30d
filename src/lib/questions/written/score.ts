import type { Score } from '../common';
import { maxPoints, type Criterion, type WrittenAnswer, type WrittenKey } from './schema';

export interface EvidencePick {
	/** `"<source>:<sentence id>"` */
	ref: string;
	/** one of the sentences that can prove a good claim */
	proves: boolean;
}

/** Which of the student's evidence sentences can prove a claim of this kind: shown at once on submitting. */
export function checkEvidence(evidence: readonly string[], key: WrittenKey): EvidencePick[] {
	return evidence.map((ref) => ({ ref, proves: key.includes(ref) }));
}

/**
 * The automatic part of a written answer: right when at least one pick proves a good claim. It
 * earns no points; the points are the teacher's rubric scores (see `rubricScore`).
 */
export function score(answer: WrittenAnswer, key: WrittenKey): Score {
	return { correct: checkEvidence(answer.evidence, key).some((p) => p.proves), points: 0 };
}

export type RubricScores = Record<string, number>;

export type RubricResult = { ok: true; scores: RubricScores; total: number; max: number } | { ok: false; errors: Record<string, string> };

/**
 * A teacher's scores, one level per criterion, given as the level's points. Every criterion must
 * be scored, each with the points of one of its levels.
 */
export function rubricScore(rubric: readonly Criterion[], given: Readonly<Record<string, string | undefined>>): RubricResult {
	const errors: Record<string, string> = {};
	const scores: RubricScores = {};
	for (const c of rubric) {
		const raw = given[c.id];
		if (raw === undefined || raw === '') {
			errors[c.id] = `Pick a level for “${c.name}”.`;
			continue;
		}
		const points = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
		if (!c.levels.some((l) => l.points === points)) {
			errors[c.id] = `“${c.name}” has no level worth ${raw} points; pick one of ${c.levels.map((l) => l.points).join(', ')}.`;
			continue;
		}
		scores[c.id] = points;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, scores, total: Object.values(scores).reduce((a, b) => a + b, 0), max: maxPoints(rubric) };
}
