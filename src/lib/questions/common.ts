/** Schema pieces every question type shares. Keys are data here; they only ever live on the server. */
import { z } from 'zod';

export const slug = z
	.string({ error: 'must be text' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens, like "envoy-office"');

export const citeSchema = z.strictObject({
	source: z.string({ error: 'name a source id, like "000"' }).min(1),
	quote: z.string({ error: 'the quote must be text' }).trim().min(1, 'the quote is empty')
});

/** What a question asks a student to do with the sources; shown to teachers, counted by the content check. */
export const skills = ['recall', 'inference', 'compare', 'evaluate'] as const;
export type Skill = (typeof skills)[number];

export const baseFields = {
	id: slug,
	skill: z.enum(skills, { error: `skill must be one of: ${skills.join(', ')}` }),
	/** why this question may share its sentences or its prompt with another one (the content check prints it) */
	reuse: z.string({ error: 'reuse must be text: why this question deliberately repeats another' }).trim().min(1, 'reuse is empty').optional(),
	prompt: z.string({ error: 'the prompt must be text' }).trim().min(1, 'the prompt is empty'),
	explanation: z.string({ error: 'the explanation must be text' }).trim().min(1, 'the explanation is empty'),
	cite: z.array(citeSchema, { error: 'cite must be a list of { source, quote }' }).min(1, 'cite at least one sentence')
};

export const choiceSchema = z.strictObject({ id: slug, text: z.string().trim().min(1, 'the choice text is empty') });

export const choicesSchema = z
	.array(choiceSchema, { error: 'choices must be a list of { id, text }' })
	.min(2, 'give at least two choices')
	.max(8, 'give at most eight choices')
	.refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'choice ids must be unique');

export interface PublicChoice {
	id: string;
	text: string;
}

/** What a form post holds: every field as the list of its values. */
export type FormFields = Record<string, string[]>;

/** Without a prototype, so that a field named `__proto__` or `constructor` is just a field. */
export function formFields(data: FormData): FormFields {
	const out: FormFields = Object.create(null);
	for (const [name, value] of data.entries()) {
		if (typeof value !== 'string') continue;
		(out[name] ??= []).push(value);
	}
	return out;
}

export const oneChoice = z
	.object({ choice: z.array(z.string(), { error: 'Choose an answer before checking.' }) })
	.refine((v) => v.choice.length === 1, 'Choose exactly one answer.')
	.transform((v) => v.choice[0]!);

export interface Score {
	correct: boolean;
	/** 0..1, for partial credit */
	points: number;
}

/** A citation once the loader has found its sentences in the source. */
export interface ResolvedCite {
	source: string;
	quote: string;
	/** 1-based ids of the quoted sentences in the source */
	sentenceIds: number[];
}

/** The sentences that prove a claim: whole sentences of the article the student is shown, verbatim. */
export const provingSchema = z
	.array(z.string({ error: 'each proving sentence is a quote (text)' }).trim().min(1, 'a proving sentence is empty'), {
		error: 'proving must be a list of the quotes that prove the claim, from the article the student searches'
	})
	.min(1, 'list at least one proving sentence');

/** A proving quote once the loader has found it in the shown article. */
export interface ResolvedProof {
	/** the article it is in, where a question shows more than one */
	source?: string;
	quote: string;
	sentenceIds: number[];
}

/** A question as the course holds it after loading: its quotes resolved to sentences. */
export type Resolved<Q> = Q extends { cite: unknown }
	? Omit<Q, 'cite' | 'proving'> & { cite: ResolvedCite[] } & (Q extends { proving: unknown } ? { proving: ResolvedProof[] } : unknown)
	: never;

/** What building a public part may need besides the question: the text of a source. */
export interface QuestionContext {
	source(id: string): { id: string; title: string; paragraphs: { sentences: { id: number; text: string }[] }[] } | undefined;
}

/** The values of every field named `<prefix><id>`, by id: for one-select-per-item forms. */
export function fieldsWithPrefix(fields: FormFields, prefix: string): Record<string, string> {
	const out: Record<string, string> = Object.create(null);
	for (const [name, values] of Object.entries(fields)) {
		if (name.startsWith(prefix) && name.length > prefix.length) out[name.slice(prefix.length)] = values[0] ?? '';
	}
	return out;
}
