import { z } from 'zod';
import { baseFields, choicesSchema, oneChoice, type PublicChoice } from '../common';

export const questionSchema = z
	.strictObject({
		...baseFields,
		type: z.literal('single'),
		choices: choicesSchema,
		answer: z.string({ error: 'answer must be the id of one choice' })
	})
	.refine((q) => q.choices.some((c) => c.id === q.answer), {
		message: 'answer must be the id of one of the choices',
		path: ['answer']
	});

export type SingleQuestion = z.infer<typeof questionSchema>;
export type SingleKey = string;
export type SingleAnswer = string;

export interface SinglePublic {
	id: string;
	type: 'single';
	prompt: string;
	choices: PublicChoice[];
}

export const answerSchema = oneChoice;

export const toPublic = (q: SingleQuestion): SinglePublic => ({
	id: q.id,
	type: 'single',
	prompt: q.prompt,
	choices: q.choices.map(({ id, text }) => ({ id, text }))
});

export const keyOf = (q: SingleQuestion): SingleKey => q.answer;
