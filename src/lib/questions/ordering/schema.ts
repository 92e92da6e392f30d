import { z } from 'zod';
import { baseFields, choiceSchema, fieldsWithPrefix, type PublicChoice } from '../common';
import { shuffledAway } from '../shuffle';
import { POSITION_FIELD } from './fields';

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('ordering'),
	/** in the right order; students see them shuffled */
	items: z
		.array(choiceSchema, { error: 'items must be a list of { id, text }, in the right order' })
		.min(3, 'give at least three items')
		.max(6, 'give at most six items')
		.refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, 'item ids must be unique')
});

export type OrderingQuestion = z.infer<typeof questionSchema>;
/** item ids, first to last */
export type OrderingKey = string[];
export type OrderingAnswer = string[];

export interface OrderingPublic {
	id: string;
	type: 'ordering';
	prompt: string;
	/** never in the right order */
	items: PublicChoice[];
}

/** One position select per item (`pos-<item id>`); positions must differ. */
export const answerSchema = z
	.record(z.string(), z.array(z.string()))
	.transform((fields) => fieldsWithPrefix(fields, POSITION_FIELD))
	.superRefine((positions, ctx) => {
		const values = Object.values(positions);
		if (values.length < 2 || values.some((v) => !/^\d{1,2}$/.test(v))) {
			ctx.addIssue({ code: 'custom', message: 'Give every item a position before checking.' });
			return;
		}
		const twice = values.find((v, i) => values.indexOf(v) !== i);
		if (twice) ctx.addIssue({ code: 'custom', message: `Each position can be used once, but two items are in position ${twice}.` });
	})
	.transform((positions) =>
		Object.entries(positions)
			.sort((a, b) => Number(a[1]) - Number(b[1]))
			.map(([id]) => id)
	);

export const toPublic = (q: OrderingQuestion): OrderingPublic => ({
	id: q.id,
	type: 'ordering',
	prompt: q.prompt,
	items: shuffledAway(q.items, `ordering:${q.id}`).map(({ id, text }) => ({ id, text }))
});

export const keyOf = (q: OrderingQuestion): OrderingKey => q.items.map((i) => i.id);
