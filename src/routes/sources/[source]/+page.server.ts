import { error } from '@sveltejs/kit';
import { findSource } from '$lib/server/content';
import type { PageServerLoad } from './$types';

/** `?hl=12,13`: the sentences to highlight. Numbers that are not sentences of this text are reported, not fatal. */
function parseHighlight(value: string | null, count: number) {
	const wanted = (value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	const ids = wanted.map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= count);
	return { ids: [...new Set(ids)].sort((a, b) => a - b), invalid: wanted.length - ids.length };
}

export const load: PageServerLoad = ({ params, url }) => {
	const source = findSource(params.source);
	if (!source) error(404, { message: 'There is no source with this id.' });
	const highlight = parseHighlight(url.searchParams.get('hl'), source.sentences.length);
	return {
		source: {
			id: source.id,
			title: source.title,
			date: source.date,
			byline: source.byline,
			about: source.about,
			notes: source.notes,
			paragraphs: source.paragraphs.map((p) => ({
				kind: p.kind,
				why: p.why,
				sentences: p.sentences.map((s) => ({ id: s.id, text: s.text }))
			}))
		},
		highlight
	};
};
