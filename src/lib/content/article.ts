/** What a student is shown of a source when picking sentences: its citable body sentences, paragraph by paragraph. */
import type { Source } from './load';

export interface ShownArticle {
	id: string;
	title: string;
	paragraphs: { sentences: { id: number; text: string }[] }[];
}

export function shownArticle(s: Pick<Source, 'id' | 'title' | 'paragraphs'>): ShownArticle {
	return {
		id: s.id,
		title: s.title,
		paragraphs: s.paragraphs
			.filter((p) => p.kind === 'text' || p.kind === 'heading')
			.map((p) => ({ sentences: p.sentences.filter((x) => x.citable).map(({ id, text }) => ({ id, text })) }))
			.filter((p) => p.sentences.length)
	};
}
