/**
 * The one list of question types. Each type lives in its own folder (schema, score,
 * component); this file only joins them so the content schema and the grader see them all.
 */
import { z } from 'zod';
import type { FormFields, Score } from './common';
import * as multiple from './multiple/schema';
import { score as scoreMultiple } from './multiple/score';
import * as single from './single/schema';
import { score as scoreSingle } from './single/score';
import * as trueFalse from './true-false/schema';
import { score as scoreTrueFalse } from './true-false/score';

interface TypeDef<Q, P, A, K> {
	answerSchema: z.ZodType<A>;
	toPublic(q: Q): P;
	keyOf(q: Q): K;
	score(answer: A, key: K): Score;
	/** choice ids (or values) to show as given and as right, for the feedback */
	shown(value: A | K): string[];
}

const ids = (v: string | string[] | boolean): string[] => (Array.isArray(v) ? v : [String(v)]);

const types = {
	single: { ...single, score: scoreSingle, shown: ids } satisfies TypeDef<
		single.SingleQuestion,
		single.SinglePublic,
		single.SingleAnswer,
		single.SingleKey
	>,
	multiple: { ...multiple, score: scoreMultiple, shown: ids } satisfies TypeDef<
		multiple.MultipleQuestion,
		multiple.MultiplePublic,
		multiple.MultipleAnswer,
		multiple.MultipleKey
	>,
	'true-false': { ...trueFalse, score: scoreTrueFalse, shown: ids } satisfies TypeDef<
		trueFalse.TrueFalseQuestion,
		trueFalse.TrueFalsePublic,
		trueFalse.TrueFalseAnswer,
		trueFalse.TrueFalseKey
	>
};

export type QuestionType = keyof typeof types;
export const questionTypes = Object.keys(types) as QuestionType[];

export const questionSchema = z.discriminatedUnion(
	'type',
	[single.questionSchema, multiple.questionSchema, trueFalse.questionSchema],
	{ error: `type must be one of: ${Object.keys(types).join(', ')}` }
);

export type Question = z.infer<typeof questionSchema>;
export type PublicQuestion = single.SinglePublic | multiple.MultiplePublic | trueFalse.TrueFalsePublic;

// One cast, here: TypeScript cannot correlate `types[q.type]` with the narrowed `q`.
const defOf = (q: Question) => types[q.type] as unknown as TypeDef<Question, PublicQuestion, unknown, unknown>;

export const toPublic = (q: Question): PublicQuestion => defOf(q).toPublic(q);

/** The key as plain data: what grading compares against, and what its version hash covers. */
export const keyOf = (q: Question): unknown => defOf(q).keyOf(q);

export type Graded =
	| { ok: true; correct: boolean; points: number; answer: unknown; given: string[]; key: string[] }
	| { ok: false; message: string };

export function grade(q: Question, fields: FormFields): Graded {
	const def = defOf(q);
	const parsed = def.answerSchema.safeParse(fields);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'That answer is not valid.' };
	const key = def.keyOf(q);
	const { correct, points } = def.score(parsed.data, key);
	return { ok: true, correct, points, answer: parsed.data, given: def.shown(parsed.data), key: def.shown(key) };
}

/** Choice ids (or values) of a stored answer and of the key, to show a past answer again. */
export const shownAnswer = (q: Question, answer: unknown): string[] => defOf(q).shown(answer);
export const shownKey = (q: Question): string[] => defOf(q).shown(defOf(q).keyOf(q));
