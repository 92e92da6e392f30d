import { z } from 'zod';
import { baseFields, fieldsWithPrefix, slug, type PublicChoice } from '../common';
import { shuffledAway } from '../shuffle';
import { MATCH_FIELD } from './fields';

const pairSchema = z.strictObject({
	id: slug,
	left: z.string({ error: 'left must be text' }).trim().min(1, 'left is empty'),
	right: z.string({ error: 'right must be text' }).trim().min(1, 'right is empty')
});

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('matching'),
	/** each left item with its one right partner; students see the right side shuffled */
	pairs: z
		.array(pairSchema, { error: 'pairs must be a list of { id, left, right }' })
		.min(3, 'give at least three pairs')
		.max(6, 'give at most six pairs')
		.refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'pair ids must be unique')
		.refine((ps) => new Set(ps.map((p) => p.right)).size === ps.length, 'each right side must be different')
});

export type MatchingQuestion = z.infer<typeof questionSchema>;
/** left id → option letter */
export type MatchingKey = Record<string, string>;
export type MatchingAnswer = Record<string, string>;

export interface MatchingPublic {
	id: string;
	type: 'matching';
	prompt: string;
	left: PublicChoice[];
	/** the right sides, shuffled, named by letter: nothing in them points at their partner */
	options: PublicChoice[];
}

const LETTERS = 'abcdefgh';

/** The right sides in the order students see them, each with its letter. */
const lettered = (q: MatchingQuestion) =>
	shuffledAway(q.pairs, `matching:${q.id}`).map((p, i) => ({ pair: p.id, letter: LETTERS[i]!, text: p.right }));

export const answerSchema = z
	.record(z.string(), z.array(z.string()))
	.transform((fields) => fieldsWithPrefix(fields, MATCH_FIELD))
	.refine((m) => Object.keys(m).length >= 2 && Object.values(m).every((v) => /^[a-h]$/.test(v)), 'Match every item before checking.');

export const toPublic = (q: MatchingQuestion): MatchingPublic => ({
	id: q.id,
	type: 'matching',
	prompt: q.prompt,
	left: q.pairs.map((p) => ({ id: p.id, text: p.left })),
	options: lettered(q).map((o) => ({ id: o.letter, text: o.text }))
});

/** in the order of the pairs, as students see the left side */
export function keyOf(q: MatchingQuestion): MatchingKey {
	const letterOf = new Map(lettered(q).map((o) => [o.pair, o.letter]));
	return Object.fromEntries(q.pairs.map((p) => [p.id, letterOf.get(p.id)!]));
}
