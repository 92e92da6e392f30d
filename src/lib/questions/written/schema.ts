/**
 * A written answer (claim, evidence, reasoning), scored by a teacher with a rubric. The evidence
 * is checked at once against the sentences that can prove a good claim; the writing waits for
 * the teacher. The model answer and the proving sentences stay on the server.
 */
import { z } from 'zod';
import { groupDigits } from '../../digits';
import { baseFields, citeSchema, slug, type QuestionContext, type Resolved } from '../common';
import { articleOf } from '../find-evidence/schema';

export const CLAIM_MAX = 300;
export const REASONING_MAX = 2000;
export const EVIDENCE_MAX = 6;

const levelSchema = z.strictObject({
	points: z.number({ error: 'points must be a whole number' }).int('points must be a whole number').min(0, 'points cannot be negative').max(10, 'at most 10 points a level'),
	text: z.string({ error: 'a level needs words: text' }).trim().min(1, 'the level text is empty')
});

const criterionSchema = z
	.strictObject({
		id: slug,
		name: z.string({ error: 'a criterion needs a name' }).trim().min(1, 'the criterion name is empty'),
		/** from the lowest to the highest */
		levels: z.array(levelSchema, { error: 'levels must be a list of { points, text }' }).min(2, 'give a criterion 2 to 4 levels').max(4, 'give a criterion 2 to 4 levels')
	})
	.refine((c) => c.levels.every((l, i) => i === 0 || l.points > c.levels[i - 1]!.points), {
		message: 'list the levels from the fewest points to the most, each worth more than the one before',
		path: ['levels']
	});

export const questionSchema = z
	.strictObject({
		...baseFields,
		type: z.literal('written'),
		/** the articles the student picks evidence from: one or two */
		sources: z.array(z.string().min(1), { error: 'sources must be a list of source ids, like ["003", "004"]' }).min(1, 'name one or two sources').max(2, 'name one or two sources'),
		rubric: z.array(criterionSchema, { error: 'rubric must be a list of criteria' }).min(2, 'give a rubric 2 to 4 criteria').max(4, 'give a rubric 2 to 4 criteria'),
		/** for teachers; a student sees it only once they have submitted (see `modelFor`) */
		model: z.string({ error: 'model must be text: a model answer' }).trim().min(1, 'the model answer is empty'),
		/** sentences of `sources` that can prove a good claim */
		proving: z.array(citeSchema, { error: 'proving must be a list of { source, quote }' }).min(1, 'list at least one proving sentence')
	})
	.refine((q) => new Set(q.rubric.map((c) => c.id)).size === q.rubric.length, { message: 'criterion ids must be unique', path: ['rubric'] })
	.refine((q) => new Set(q.sources).size === q.sources.length, { message: 'name each source once', path: ['sources'] })
	.refine((q) => q.proving.every((p) => q.sources.includes(p.source)), { message: 'every proving sentence must come from one of sources', path: ['proving'] });

export type WrittenQuestion = z.infer<typeof questionSchema>;
export type Criterion = WrittenQuestion['rubric'][number];

/** `"<source>:<sentence id>"` of each proving sentence, sorted. */
export type WrittenKey = string[];

export interface WrittenAnswer {
	claim: string;
	/** `"<source>:<sentence id>"`, in the order of the articles */
	evidence: string[];
	reasoning: string;
}

export interface WrittenPublic {
	id: string;
	type: 'written';
	prompt: string;
	/** the rubric is no key: students see how they will be scored before writing */
	rubric: Criterion[];
	articles: { source: { id: string; title: string }; paragraphs: { sentences: { id: number; text: string }[] }[] }[];
	limits: { claim: number; reasoning: number; evidence: number };
}

/**
 * Unicode that would corrupt or disguise text: lone surrogates cannot be stored as UTF-8, and
 * NUL is refused by PostgreSQL. Bidi marks and joiners are legitimate in names and scripts and
 * are kept; the page shows the text as text, isolated with `dir="auto"`.
 */
export function cleanText(text: string): string {
	return text.toWellFormed().replaceAll('\u0000', '').replace(/\r\n?/g, '\n');
}

const textField = (label: string, max: number) =>
	z
		.array(z.string())
		.optional()
		.transform((v) => cleanText(v?.[0] ?? '').trim())
		// UTF-16 units, as the browser's maxlength counts them
		.superRefine((s, ctx) => {
			if (s.length > max) ctx.addIssue({ code: 'custom', message: `Your ${label} is ${groupDigits(s.length)} characters long; keep it to ${groupDigits(max)}.` });
		});

const evidenceField = z
	.array(z.string())
	.optional()
	.transform((v) => [...new Set(v ?? [])])
	.pipe(
		z
			.array(z.string().regex(/^[A-Za-z0-9_-]{1,40}:\d{1,4}$/, 'One of the evidence sentences is not a sentence of the articles. Reload the page and pick again.'))
			.max(EVIDENCE_MAX, `Pick at most ${EVIDENCE_MAX} evidence sentences: the ones that matter most.`)
	);

/** A draft may be empty or half done; lengths are enforced all the same. */
export const draftSchema = z.object({
	claim: textField('claim', CLAIM_MAX),
	evidence: evidenceField,
	reasoning: textField('reasoning', REASONING_MAX)
});

/** A submission needs all three parts. */
export const answerSchema = draftSchema.superRefine((v, ctx) => {
	if (!v.claim) ctx.addIssue({ code: 'custom', message: 'Write your claim before submitting.', path: ['claim'] });
	if (!v.evidence.length) ctx.addIssue({ code: 'custom', message: 'Pick at least one evidence sentence before submitting.', path: ['evidence'] });
	if (!v.reasoning) ctx.addIssue({ code: 'custom', message: 'Explain your reasoning before submitting.', path: ['reasoning'] });
});

export const toPublic = (q: Resolved<WrittenQuestion>, ctx: QuestionContext): WrittenPublic => ({
	id: q.id,
	type: 'written',
	prompt: q.prompt,
	rubric: q.rubric,
	articles: q.sources.map((id) => articleOf(id, ctx)),
	limits: { claim: CLAIM_MAX, reasoning: REASONING_MAX, evidence: EVIDENCE_MAX }
});

export const keyOf = (q: Resolved<WrittenQuestion>): WrittenKey =>
	[...new Set(q.proving.flatMap((p) => p.sentenceIds.map((id) => `${p.source ?? q.sources[0]}:${id}`)))].sort();


/** The most a rubric gives: the top level of each criterion. */
export const maxPoints = (rubric: readonly Criterion[]): number => rubric.reduce((n, c) => n + c.levels.at(-1)!.points, 0);
