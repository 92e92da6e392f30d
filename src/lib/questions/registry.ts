/**
 * The one list of question types. Each type lives in its own folder (schema, score,
 * component); this file only joins them so the content schema and the grader see them all.
 */
import { z } from 'zod';
import type { FormFields, QuestionContext, Resolved, Score } from './common';
import * as findEvidence from './find-evidence/schema';
import { score as scoreFindEvidence } from './find-evidence/score';
import * as matching from './matching/schema';
import { score as scoreMatching } from './matching/score';
import * as multiple from './multiple/schema';
import { score as scoreMultiple } from './multiple/score';
import * as numeric from './numeric/schema';
import { score as scoreNumeric } from './numeric/score';
import * as ordering from './ordering/schema';
import { score as scoreOrdering } from './ordering/score';
import { seededShuffle } from './shuffle';
import * as single from './single/schema';
import { score as scoreSingle } from './single/score';
import * as trueFalse from './true-false/schema';
import { score as scoreTrueFalse } from './true-false/score';
import * as twoPart from './two-part/schema';
import { part } from './two-part/parts';
import { score as scoreTwoPart } from './two-part/score';
import * as written from './written/schema';
import { score as scoreWritten } from './written/score';

interface TypeDef<Q, P, A, K> {
	answerSchema: z.ZodType<A>;
	toPublic(q: Resolved<Q>, ctx: QuestionContext): P;
	keyOf(q: Resolved<Q>): K;
	score(answer: A, key: K): Score;
	/** an answer or key as short strings (choice ids, values, "left:letter"), for feedback and storage-free display */
	shown(value: A | K): string[];
	/** shown strings as the words a teacher reads in a report */
	texts(pub: P, shown: string[]): string[];
	/** a fresh order for a retry (never one that gives the key away); grading never depends on display order */
	reshuffle(pub: P, seed: string, key: K): P;
}

const sentenceText = (pub: { paragraphs: { sentences: { id: number; text: string }[] }[] }, id: string) => {
	const s = pub.paragraphs.flatMap((p) => p.sentences).find((x) => String(x.id) === id);
	return s ? `s-${id}: ${s.text}` : id;
};
const ids = (v: string | string[] | boolean): string[] => (Array.isArray(v) ? v : [String(v)]);
/** in the question's choice order; ids that are no choice (an edited question) at the end */
const byChoice = (pub: { choices: { id: string; text: string }[] }, shown: string[]) => [
	...pub.choices.filter((c) => shown.includes(c.id)).map((c) => c.text),
	...shown.filter((id) => !pub.choices.some((c) => c.id === id))
];
const keepOrder = <P>(pub: P) => pub;
const shuffleChoices = <P extends { choices: unknown[] }>(pub: P, seed: string): P => ({ ...pub, choices: seededShuffle(pub.choices, seed) });

const types = {
	single: { ...single, score: scoreSingle, shown: ids, texts: byChoice, reshuffle: shuffleChoices } satisfies TypeDef<
		single.SingleQuestion,
		single.SinglePublic,
		single.SingleAnswer,
		single.SingleKey
	>,
	multiple: { ...multiple, score: scoreMultiple, shown: ids, texts: byChoice, reshuffle: shuffleChoices } satisfies TypeDef<
		multiple.MultipleQuestion,
		multiple.MultiplePublic,
		multiple.MultipleAnswer,
		multiple.MultipleKey
	>,
	'true-false': { ...trueFalse, score: scoreTrueFalse, shown: ids, texts: byChoice, reshuffle: keepOrder } satisfies TypeDef<
		trueFalse.TrueFalseQuestion,
		trueFalse.TrueFalsePublic,
		trueFalse.TrueFalseAnswer,
		trueFalse.TrueFalseKey
	>,
	numeric: {
		...numeric,
		score: scoreNumeric,
		shown: (v) => [String(typeof v === 'number' ? v : v.answer)],
		texts: (pub, shown) => shown.map((v) => (pub.unit ? `${v} ${pub.unit}` : v)),
		reshuffle: keepOrder
	} satisfies TypeDef<numeric.NumericQuestion, numeric.NumericPublic, numeric.NumericAnswer, numeric.NumericKey>,
	ordering: {
		...ordering,
		score: scoreOrdering,
		shown: (v) => v,
		texts: (pub, shown) => [shown.map((id) => pub.items.find((i) => i.id === id)?.text ?? id).join(' → ')],
		reshuffle: (pub, seed, key) => {
			const items = seededShuffle(pub.items, seed);
			// the right order is the one order a retry must not show
			if (items.every((x, i) => x.id === key[i])) items.push(items.shift()!);
			return { ...pub, items };
		}
	} satisfies TypeDef<ordering.OrderingQuestion, ordering.OrderingPublic, ordering.OrderingAnswer, ordering.OrderingKey>,
	matching: {
		...matching,
		score: scoreMatching,
		shown: (v) => Object.entries(v).map(([left, letter]) => `${left}:${letter}`),
		texts: (pub, shown) => {
			const pairs = new Map(shown.map((s) => s.split(':') as [string, string]));
			return pub.left.filter((l) => pairs.has(l.id)).map((l) => `${l.text} → ${pub.options.find((o) => o.id === pairs.get(l.id))?.text ?? pairs.get(l.id)}`);
		},
		reshuffle: (pub, seed, key) => {
			const options = seededShuffle(pub.options, seed);
			// nor may each description sit level with its own item
			if (options.every((o, i) => o.id === key[pub.left[i]?.id ?? ''])) options.push(options.shift()!);
			return { ...pub, options };
		}
	} satisfies TypeDef<matching.MatchingQuestion, matching.MatchingPublic, matching.MatchingAnswer, matching.MatchingKey>,
	'find-evidence': {
		...findEvidence,
		score: scoreFindEvidence,
		shown: (v) => (Array.isArray(v) ? v.map(String) : [String(v)]),
		texts: (pub, shown) => shown.map((id) => sentenceText(pub, id)),
		reshuffle: keepOrder
	} satisfies TypeDef<findEvidence.FindEvidenceQuestion, findEvidence.FindEvidencePublic, findEvidence.FindEvidenceAnswer, findEvidence.FindEvidenceKey>,
	'two-part': {
		...twoPart,
		score: scoreTwoPart,
		texts: (pub, shown) => [
			...byChoice(pub, part(shown, 'a') ?? []).map((t) => `Part A: ${t}`),
			...(part(shown, 'b') ?? []).map((id) => `Part B: ${sentenceText(pub, id)}`)
		],
		reshuffle: shuffleChoices
	} satisfies TypeDef<twoPart.TwoPartQuestion, twoPart.TwoPartPublic, twoPart.TwoPartAnswer, twoPart.TwoPartKey>,
	written: {
		...written,
		score: scoreWritten,
		shown: (v) => (Array.isArray(v) ? v : v.evidence),
		texts: (pub, shown) =>
			shown.map((ref) => {
				const [source, id] = ref.split(':') as [string, string];
				const article = pub.articles.find((a) => a.source.id === source);
				return article ? `${source} ${sentenceText(article, id)}` : ref;
			}),
		reshuffle: keepOrder
	} satisfies TypeDef<written.WrittenQuestion, written.WrittenPublic, written.WrittenAnswer, written.WrittenKey>
};

export type QuestionType = keyof typeof types;
export const questionTypes = Object.keys(types) as QuestionType[];
/** types answered by picking among listed choices: their reports count each choice */
export const choiceTypes: readonly QuestionType[] = ['single', 'multiple', 'true-false'];

export const questionSchema = z.discriminatedUnion(
	'type',
	[
		single.questionSchema,
		multiple.questionSchema,
		trueFalse.questionSchema,
		numeric.questionSchema,
		ordering.questionSchema,
		matching.questionSchema,
		findEvidence.questionSchema,
		twoPart.questionSchema,
		written.questionSchema
	],
	{ error: `type must be one of: ${Object.keys(types).join(', ')}` }
);

/** A question as written in a lesson file. */
export type AuthoredQuestion = z.infer<typeof questionSchema>;
/** A question as the course holds it: quotes resolved to sentence ids. */
export type Question = Resolved<AuthoredQuestion>;
export type PublicQuestion =
	| single.SinglePublic
	| multiple.MultiplePublic
	| trueFalse.TrueFalsePublic
	| numeric.NumericPublic
	| ordering.OrderingPublic
	| matching.MatchingPublic
	| findEvidence.FindEvidencePublic
	| twoPart.TwoPartPublic
	| written.WrittenPublic;
/** types a teacher scores: never graded by `grade`, saved as drafts and submissions instead */
export const teacherScored = (type: QuestionType): type is 'written' => type === 'written';

// One cast, here: TypeScript cannot correlate `types[q.type]` with the narrowed `q`.
const defOf = (q: { type: QuestionType }) =>
	types[q.type] as unknown as TypeDef<AuthoredQuestion, PublicQuestion, unknown, unknown>;

export const toPublic = (q: Question, ctx: QuestionContext): PublicQuestion => defOf(q).toPublic(q, ctx);

/** The key as plain data: what grading compares against, and what its version hash covers. */
export const keyOf = (q: Question): unknown => defOf(q).keyOf(q);

export type Graded =
	| { ok: true; correct: boolean; points: number; answer: unknown; given: string[]; key: string[] }
	| { ok: false; message: string };

export function grade(q: Question, fields: FormFields): Graded {
	if (teacherScored(q.type)) return { ok: false, message: 'A written answer is saved with its own buttons: “Save draft” or “Submit for grading”.' };
	const def = defOf(q);
	const parsed = def.answerSchema.safeParse(fields);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'That answer is not valid.' };
	const key = def.keyOf(q);
	const { correct, points } = def.score(parsed.data, key);
	return { ok: true, correct, points, answer: parsed.data, given: def.shown(parsed.data), key: def.shown(key) };
}

/** Shown strings of a stored answer and of the key, to show a past answer again. */
export const shownAnswer = (q: Question, answer: unknown): string[] => defOf(q).shown(answer);
export const shownKey = (q: Question): string[] => defOf(q).shown(defOf(q).keyOf(q));
/** Shown strings in words, for teachers' reports and exports. */
export const shownTexts = (pub: PublicQuestion, shown: string[]): string[] => defOf(pub).texts(pub, shown);
export const reshuffle = (q: Question, pub: PublicQuestion, seed: string): PublicQuestion => defOf(q).reshuffle(pub, seed, defOf(q).keyOf(q));
