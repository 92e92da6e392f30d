/** A resolved citation as the passage students read: its sentences and a link that highlights them. */
import type { Citation } from '$lib/content/load';
import type { CitedPassage } from '$lib/feedback';
import { findLessonBySlug, findSource } from './index';

export function citedPassage(c: Citation): CitedPassage {
	const source = findSource(c.source)!;
	return {
		source: source.id,
		title: source.title,
		sentences: c.sentenceIds.map((id) => ({ id, text: source.sentences[id - 1]!.text })),
		href: `/sources/${source.id}?hl=${c.sentenceIds.join(',')}#s-${c.sentenceIds[0]}`
	};
}

/** Lesson slugs as links (the loader has checked that each exists). */
export const lessonLinks = (slugs: readonly string[]) =>
	slugs.flatMap((slug) => {
		const l = findLessonBySlug(slug);
		return l ? [{ title: l.title, href: `/modules/${l.module}/${l.slug}` }] : [];
	});
