/**
 * What to play on each exported QTI item, worked out from the lesson files (not from the export):
 * a right answer that must score full marks and a wrong one that must score zero, in the
 * response identifiers and choice identifiers the export names.
 */
import type { Content, LessonQuestion } from '../../src/lib/content/load';
import { leftId, qtiId, rightId, sentenceId } from '../../src/lib/server/exports/qti3';
import { maxPoints } from '../../src/lib/questions/written/schema';
import { keyOf as matchingKey } from '../../src/lib/questions/matching/schema';

export interface PlayCase {
	what: string;
	responses: Record<string, string | string[]>;
	/** the outcome the player's response processing sets */
	outcome: 'SCORE' | 'EVIDENCE_FOUND';
	want: number;
}

const proving = (q: { proving: { sentenceIds: number[] }[] }) => [...new Set(q.proving.flatMap((p) => p.sentenceIds))];

/** A sentence of the article that proves nothing: what a wrong pick looks like. */
function notProving(c: Content, sourceId: string, right: readonly number[]): number {
	const source = c.sources.find((s) => s.id === sourceId)!;
	const s = source.paragraphs.filter((p) => p.kind === 'text').flatMap((p) => p.sentences).find((x) => x.citable && !right.includes(x.id));
	if (!s) throw new Error(`source ${sourceId} has no sentence outside the key`);
	return s.id;
}

const wrongChoice = (choices: { id: string }[], right: string) => qtiId(choices.find((ch) => ch.id !== right)!.id);

export function playCases(q: LessonQuestion, c: Content): PlayCase[] {
	const right = (responses: PlayCase['responses'], want = 1, what = 'right'): PlayCase => ({ what, responses, outcome: 'SCORE', want });
	const wrong = (responses: PlayCase['responses'], what = 'wrong'): PlayCase => ({ what, responses, outcome: 'SCORE', want: 0 });
	switch (q.type) {
		case 'single':
			return [right({ RESPONSE: qtiId(q.answer) }), wrong({ RESPONSE: wrongChoice(q.choices, q.answer) })];
		case 'multiple': {
			const wrongOnes = q.choices.filter((ch) => !q.answers.includes(ch.id)).map((ch) => qtiId(ch.id));
			return [right({ RESPONSE: q.answers.map(qtiId) }), wrong({ RESPONSE: wrongOnes }, 'only the wrong choices')];
		}
		case 'true-false':
			return [right({ RESPONSE: String(q.answer) }), wrong({ RESPONSE: String(!q.answer) })];
		case 'numeric':
			return [right({ RESPONSE: String(q.answer) }), wrong({ RESPONSE: String(q.answer + q.tolerance + 1) }, 'off by more than the tolerance')];
		case 'ordering': {
			const order = q.items.map((i) => qtiId(i.id));
			return [right({ RESPONSE: order }), wrong({ RESPONSE: [...order].reverse() }, 'the reverse order')];
		}
		case 'matching': {
			const ids = q.pairs.map((p) => p.id);
			const letter = matchingKey(q);
			return [
				right({ RESPONSE: ids.map((id) => `${leftId(id)} ${rightId(letter[id]!)}`) }),
				wrong({ RESPONSE: ids.map((id, i) => `${leftId(id)} ${rightId(letter[ids[(i + 1) % ids.length]!]!)}`) }, 'every left side with the next one’s partner')
			];
		}
		case 'find-evidence': {
			const ids = proving(q);
			return [...ids.map((id) => right({ RESPONSE: sentenceId(id) }, 1, `proving sentence ${id}`)), wrong({ RESPONSE: sentenceId(notProving(c, q.source, ids)) })];
		}
		case 'two-part': {
			const ids = proving(q);
			const b = sentenceId(ids[0]!);
			return [
				...ids.map((id) => right({ RESPONSE_A: qtiId(q.answer), RESPONSE_B: sentenceId(id) }, 1, `both right, sentence ${id}`)),
				right({ RESPONSE_A: qtiId(q.answer), RESPONSE_B: sentenceId(notProving(c, q.source, ids)) }, 0.5, 'Part A right, Part B wrong'),
				wrong({ RESPONSE_A: wrongChoice(q.choices, q.answer), RESPONSE_B: b }, 'Part A wrong, Part B right')
			];
		}
		case 'written': {
			const refs = q.proving.flatMap((p) => p.sentenceIds.map((id) => ({ source: p.source ?? q.sources[0]!, id })));
			const first = refs[0]!;
			const other = notProving(
				c,
				first.source,
				refs.filter((r) => r.source === first.source).map((r) => r.id)
			);
			const text = { CLAIM: 'A claim.', REASONING: 'Some reasoning.' };
			// the rubric score is a person's; what the player scores is whether the evidence can prove a claim
			return [
				{ what: `proving evidence (rubric out of ${maxPoints(q.rubric)} is human-scored)`, responses: { ...text, EVIDENCE: [sentenceId(first.id, first.source)] }, outcome: 'EVIDENCE_FOUND', want: 1 },
				{ what: 'evidence that proves nothing', responses: { ...text, EVIDENCE: [sentenceId(other, first.source)] }, outcome: 'EVIDENCE_FOUND', want: 0 }
			];
		}
	}
}
