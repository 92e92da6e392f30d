import { z } from 'zod';
import { baseFields, type QuestionContext, type Resolved } from '../common';

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('find-evidence'),
	/** the article the student searches; the key is the cited sentence(s) in it */
	source: z.string({ error: 'name the source to search, like "004"' }).min(1, 'name the source to search, like "004"')
});

export type FindEvidenceQuestion = z.infer<typeof questionSchema>;
/** sentence ids that prove the claim */
export type FindEvidenceKey = number[];
export type FindEvidenceAnswer = number;

export interface FindEvidencePublic {
	id: string;
	type: 'find-evidence';
	prompt: string;
	source: { id: string; title: string };
	/** the article's citable sentences, paragraph by paragraph */
	paragraphs: { sentences: { id: number; text: string }[] }[];
}

export const answerSchema = z
	.object({ sentence: z.array(z.string(), { error: 'Pick the sentence that proves the claim before checking.' }) })
	.transform((v) => v.sentence[0] ?? '')
	.pipe(
		z
			.string()
			.regex(/^\d{1,4}$/, 'Pick the sentence that proves the claim before checking.')
			.transform(Number)
	);

export function toPublic(q: Resolved<FindEvidenceQuestion>, ctx: QuestionContext): FindEvidencePublic {
	const source = ctx.source(q.source);
	return {
		id: q.id,
		type: 'find-evidence',
		prompt: q.prompt,
		source: { id: q.source, title: source?.title ?? q.source },
		paragraphs: source?.paragraphs ?? []
	};
}

export const keyOf = (q: Resolved<FindEvidenceQuestion>): FindEvidenceKey =>
	[...new Set(q.cite.filter((c) => c.source === q.source).flatMap((c) => c.sentenceIds))].sort((a, b) => a - b);
