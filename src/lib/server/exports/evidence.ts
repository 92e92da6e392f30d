/** The proof that travels with an exported question: its explanation and each cited sentence with its source. */
import { shownArticle, type ShownArticle } from '$lib/content/article';
import type { LessonQuestion, Source } from '$lib/content/load';
import type { Course } from './course';

export interface Evidence {
	/** the cited sentences, verbatim, in the order of the source */
	sentences: { id: number; text: string }[];
	source: Pick<Source, 'id' | 'title' | 'date' | 'byline'>;
}

export interface QuestionFeedback {
	explanation: string;
	evidence: Evidence[];
}

function sourceOf(course: Course, id: string): Source {
	const source = course.sources.find((s) => s.id === id);
	// the loader has proved every cite against its source, so this is a broken caller, not bad content
	if (!source) throw new Error(`No source "${id}" in the content given to the export.`);
	return source;
}

export function feedbackOf(q: LessonQuestion, course: Course): QuestionFeedback {
	return {
		explanation: q.explanation,
		evidence: q.cite.map((c) => {
			const source = sourceOf(course, c.source);
			return {
				sentences: c.sentenceIds.map((id) => ({ id, text: source.sentences[id - 1]!.text })),
				source: { id: source.id, title: source.title, date: source.date, byline: source.byline }
			};
		})
	};
}

/** "Title, by X, date; source 000, sentences 3, 4": the source as the content gives it, and where in it. */
export function sourceLine(e: Evidence): string {
	const { title, byline, date, id } = e.source;
	const ids = e.sentences.map((s) => s.id);
	return `${[title, byline, date ?? 'no date given'].filter(Boolean).join(', ')}; source ${id}, sentence${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}

/** The article a question shows for picking sentences, as students see it. */
export const articleOf = (course: Course, id: string): ShownArticle & { source: Source } => {
	const source = sourceOf(course, id);
	return { ...shownArticle(source), source };
};

/** "Title, by X, date": how an article is named above its sentences. */
export const articleName = (s: Pick<Source, 'title' | 'date' | 'byline'>) => [s.title, s.byline, s.date ?? 'no date given'].filter(Boolean).join(', ');
