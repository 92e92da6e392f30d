import { z } from 'zod';
import { baseFields, choicesSchema, type PublicChoice } from '../common';

export const questionSchema = z
	.strictObject({
		...baseFields,
		type: z.literal('multiple'),
		choices: choicesSchema,
		answers: z.array(z.string(), { error: 'answers must be a list of choice ids' }).min(1, 'at least one choice is right')
	})
	.refine((q) => q.answers.every((a) => q.choices.some((c) => c.id === a)), {
		message: 'every answer must be the id of one of the choices',
		path: ['answers']
	});

export type MultipleQuestion = z.infer<typeof questionSchema>;
export type MultipleKey = string[];
export type MultipleAnswer = string[];

export interface MultiplePublic {
	id: string;
	type: 'multiple';
	prompt: string;
	choices: PublicChoice[];
}

export const answerSchema = z
	.object({ choice: z.array(z.string(), { error: 'Choose at least one answer before checking.' }) })
	.refine((v) => v.choice.length > 0 && v.choice.length <= 8, 'Choose at least one answer before checking.')
	.transform((v) => [...new Set(v.choice)]);

export const toPublic = (q: MultipleQuestion): MultiplePublic => ({
	id: q.id,
	type: 'multiple',
	prompt: q.prompt,
	choices: q.choices.map(({ id, text }) => ({ id, text }))
});

export const keyOf = (q: MultipleQuestion): MultipleKey => [...q.answers].sort();
