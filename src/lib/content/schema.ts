/** The shapes of content files. Validated once, when content is loaded; after that code trusts the types. */
import { z } from 'zod';
import { citeSchema, slug } from '../questions/common';
import { questionSchema } from '../questions/registry';

const text = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} is empty`);

export const moduleSchema = z.strictObject({
	title: text('title'),
	summary: text('summary'),
	objectives: z.array(text('an objective'), { error: 'objectives must be a list' }).min(1, 'list at least one objective')
});

export const lessonSchema = z.strictObject({
	title: text('title'),
	summary: text('summary'),
	objectives: z.array(text('an objective'), { error: 'objectives must be a list' }).min(1, 'list at least one objective'),
	/** glossary ids, checked against the glossary once everything is loaded */
	keyTerms: z
		.array(z.string({ error: 'a key term is a glossary id, like intermediary' }).pipe(slug), {
			error: 'keyTerms must be a list of glossary ids, like [intermediary, ceasefire-phase]'
		})
		.default([]),
	// each question is validated on its own (see load.ts), so one bad question hides no other problem
	questions: z.array(z.unknown(), { error: 'questions must be a list' }).min(1, 'a lesson ends with questions')
});

export { questionSchema };

const cites = z.array(citeSchema, { error: 'cite must be a list of { source, quote }' }).min(1, 'cite at least one sentence');

export const glossarySchema = z.strictObject({
	id: slug,
	term: text('term'),
	kind: z.enum(['term', 'actor'], { error: 'kind must be term or actor' }),
	meaning: text('meaning'),
	cite: cites
});

export const timelineSchema = z.strictObject({
	when: z
		.union([z.string(), z.number()], { error: 'when must be a date like "2025-03" or "1997"' })
		.transform(String)
		.pipe(z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'when must be YYYY, YYYY-MM or YYYY-MM-DD, like "2025-03"')),
	title: text('title'),
	text: text('text'),
	cite: cites,
	lessons: z.array(slug, { error: 'lessons must be a list of lesson slugs' }).default([])
});

export const sourceMetaSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
	file: text('file'),
	title: text('title'),
	/** the date exactly as the text states it, or null when it states none */
	date: z.string().nullable(),
	byline: z.string().nullable(),
	about: text('about'),
	notes: z.array(text('a note')).default([]),
	/** lines holding the date or byline, shown small rather than as headings */
	metaLines: z.array(z.string()).default([]),
	debris: z
		.array(
			z.union([
				z.strictObject({ line: text('line'), why: text('why') }),
				z.strictObject({ from: text('from'), why: text('why') })
			])
		)
		.default([])
});

export type ModuleMeta = z.infer<typeof moduleSchema>;
export type LessonMeta = z.infer<typeof lessonSchema>;
export type SourceMeta = z.infer<typeof sourceMetaSchema>;
