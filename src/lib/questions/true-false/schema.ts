import { z } from 'zod';
import { baseFields, oneChoice, type PublicChoice } from '../common';

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('true-false'),
	answer: z.boolean({ error: 'answer must be true or false' })
});

export type TrueFalseQuestion = z.infer<typeof questionSchema>;
export type TrueFalseKey = boolean;
export type TrueFalseAnswer = boolean;

export interface TrueFalsePublic {
	id: string;
	type: 'true-false';
	prompt: string;
	choices: PublicChoice[];
}

export const answerSchema = oneChoice.pipe(
	z.enum(['true', 'false'], { error: 'Choose True or False.' }).transform((v) => v === 'true')
);

export const toPublic = (q: TrueFalseQuestion): TrueFalsePublic => ({
	id: q.id,
	type: 'true-false',
	prompt: q.prompt,
	choices: [
		{ id: 'true', text: 'True' },
		{ id: 'false', text: 'False' }
	]
});

export const keyOf = (q: TrueFalseQuestion): TrueFalseKey => q.answer;
