/** The data of a source page: the article (the same for everyone, built once) and the sentences to highlight. */
import { error } from '@sveltejs/kit';
import { findSource } from '$lib/server/content';
import type { PageInput } from '$lib/server/page-cache/routes';
import { sameForEveryone } from '$lib/server/page-cache/shared';

/** `?hl=12,13`: the sentences to highlight. Numbers that are not sentences of this text are reported, not fatal. */
function parseHighlight(value: string | null, count: number) {
	const wanted = (value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	const ids = wanted.map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= count);
	return { ids: [...new Set(ids)].sort((a, b) => a - b), invalid: wanted.length - ids.length };
}

type Source = NonNullable<ReturnType<typeof findSource>>;

function shown(source: Source) {
	return sameForEveryone({
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
	});
}

const built = new Map<Source, ReturnType<typeof shown>>();

export function sourcePageData({ params, url }: PageInput) {
	const source = findSource(params.source ?? '');
	if (!source) error(404, { message: 'There is no source with this id.' });
	let article = built.get(source);
	if (!article) built.set(source, (article = shown(source)));
	return { source: article, highlight: parseHighlight(url.searchParams.get('hl'), source.sentences.length) };
}
