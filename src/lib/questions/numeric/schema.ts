import { z } from 'zod';
import { baseFields } from '../common';

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('numeric'),
	answer: z.number({ error: 'answer must be a number' }).finite(),
	/** how far from the answer still counts as right (absolute) */
	tolerance: z.number({ error: 'tolerance must be a number' }).min(0, 'tolerance cannot be negative').default(0),
	unit: z.string().trim().min(1, 'unit is empty').optional()
});

export type NumericQuestion = z.infer<typeof questionSchema>;
export interface NumericKey {
	answer: number;
	tolerance: number;
}
export type NumericAnswer = number;

export interface NumericPublic {
	id: string;
	type: 'numeric';
	prompt: string;
	unit?: string;
}

/** "2,000", "2 000", "1.5" and "-3" are numbers; "2,5" and "about 30" are not. */
const NUMBER = /^[-−]?(\d{1,3}([, \u00a0]\d{3})+|\d+)(\.\d+)?$/;

export const answerSchema = z
	.object({ value: z.array(z.string(), { error: 'Type a number before checking.' }) })
	.transform((v) => (v.value[0] ?? '').trim())
	.pipe(
		z
			.string()
			.min(1, 'Type a number before checking.')
			.max(30, 'That number is too long.')
			.regex(NUMBER, 'Type a number in digits, like 35 or 2,000.')
			.transform((s) => Number(s.replace(/[, \u00a0]/g, '').replace('−', '-')))
	);

export const toPublic = (q: NumericQuestion): NumericPublic => ({
	id: q.id,
	type: 'numeric',
	prompt: q.prompt,
	...(q.unit ? { unit: q.unit } : {})
});

export const keyOf = (q: NumericQuestion): NumericKey => ({ answer: q.answer, tolerance: q.tolerance });
