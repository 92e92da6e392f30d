/**
 * An evidence pair, as CommonLit's Part A / Part B: Part A is a single-choice question that needs
 * an inference; Part B asks for the sentence of the article that best supports the Part A answer.
 */
import { z } from 'zod';
import { baseFields, choicesSchema, provingSchema, type PublicChoice, type QuestionContext, type Resolved } from '../common';
import { articleOf, provingIds, sentencePick } from '../find-evidence/schema';

export const DEFAULT_PART_B = 'Which sentence of the article best supports your answer to Part A?';

export const questionSchema = z
	.strictObject({
		...baseFields,
		type: z.literal('two-part'),
		choices: choicesSchema,
		answer: z.string({ error: 'answer must be the id of one choice' }),
		/** the article Part B shows */
		source: z.string({ error: 'name the source Part B shows, like "004"' }).min(1, 'name the source Part B shows, like "004"'),
		/** Part B's question; a plain default fits most pairs */
		partB: z.string({ error: 'partB must be text' }).trim().min(1, 'partB is empty').optional(),
		/** the sentences of `source` that support the right Part A answer */
		proving: provingSchema
	})
	.refine((q) => q.choices.some((c) => c.id === q.answer), {
		message: 'answer must be the id of one of the choices',
		path: ['answer']
	});

export type TwoPartQuestion = z.infer<typeof questionSchema>;
export interface TwoPartKey {
	choice: string;
	sentences: number[];
}
export interface TwoPartAnswer {
	choice: string;
	sentence: number;
}

export interface TwoPartPublic {
	id: string;
	type: 'two-part';
	prompt: string;
	choices: PublicChoice[];
	partB: string;
	source: { id: string; title: string };
	paragraphs: { sentences: { id: number; text: string }[] }[];
}

export const answerSchema = z
	.object({
		choice: z.array(z.string(), { error: 'Answer Part A before checking.' }).refine((v) => v.length === 1, 'Choose exactly one answer in Part A.'),
		sentence: sentencePick('Pick a sentence for Part B before checking.')
	})
	.transform((v): TwoPartAnswer => ({ choice: v.choice[0]!, sentence: v.sentence }));

export const toPublic = (q: Resolved<TwoPartQuestion>, ctx: QuestionContext): TwoPartPublic => ({
	id: q.id,
	type: 'two-part',
	prompt: q.prompt,
	choices: q.choices.map(({ id, text }) => ({ id, text })),
	partB: q.partB ?? DEFAULT_PART_B,
	...articleOf(q.source, ctx)
});

export const keyOf = (q: Resolved<TwoPartQuestion>): TwoPartKey => ({ choice: q.answer, sentences: provingIds(q.proving) });

/** An answer or key as short strings: `a:<choice id>` for Part A, `b:<sentence id>` for Part B. */
export const shown = (v: TwoPartAnswer | TwoPartKey): string[] => [
	`a:${v.choice}`,
	...('sentences' in v ? v.sentences : [v.sentence]).map((id) => `b:${id}`)
];
