import { z } from 'zod';
import { baseFields, provingSchema, type QuestionContext, type Resolved } from '../common';

export const questionSchema = z.strictObject({
	...baseFields,
	type: z.literal('find-evidence'),
	/** the article the student searches; the key is the cited sentence(s) in it */
	source: z.string({ error: 'name the source to search, like "004"' }).min(1, 'name the source to search, like "004"'),
	/** the sentences of `source` that prove the claim (the key); `cite` may add context that does not */
	proving: provingSchema
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

/** One picked sentence id, from the field `sentence`; `missing` is the words for an answer without one. */
export const sentencePick = (missing: string) =>
	z
		.array(z.string(), { error: missing })
		.transform((v) => v[0] ?? '')
		.pipe(z.string().regex(/^\d{1,4}$/, missing).transform(Number));

export const answerSchema = z
	.object({ sentence: sentencePick('Pick the sentence that proves the claim before checking.') })
	.transform((v) => v.sentence);

export const toPublic = (q: Resolved<FindEvidenceQuestion>, ctx: QuestionContext): FindEvidencePublic => ({
	id: q.id,
	type: 'find-evidence',
	prompt: q.prompt,
	...articleOf(q.source, ctx)
});

/** The article's sentences, paragraph by paragraph, as a student picks among them. */
export function articleOf(sourceId: string, ctx: QuestionContext) {
	const source = ctx.source(sourceId);
	return { source: { id: sourceId, title: source?.title ?? sourceId }, paragraphs: source?.paragraphs ?? [] };
}

/** Ids of the proving sentences, sorted: any one of them proves the claim. */
export const provingIds = (proving: readonly { sentenceIds: number[] }[]): number[] =>
	[...new Set(proving.flatMap((p) => p.sentenceIds))].sort((a, b) => a - b);

export const keyOf = (q: Resolved<FindEvidenceQuestion>): FindEvidenceKey => provingIds(q.proving);
