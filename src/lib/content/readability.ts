/**
 * How hard a lesson's prose is to read: the Flesch–Kincaid US grade level, from wooorm's
 * `flesch-kincaid` (the formula) and `syllable` (the syllable counts). Only our own prose is
 * measured: headings, link targets and anything in quotation marks are left out.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** The readable text of a Markdown body: paragraphs and list items, without markup or quotations. */
export function proseOf(markdown: string): string {
	return markdown
		.split('\n')
		.filter((line) => !/^\s*(#|>|<|```|\||---)/.test(line))
		.map((line) =>
			line
				.replace(/^\s*([-*+]|\d+\.)\s+/, '')
				.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
				.replace(/[*_`]/g, '')
				.replace(/“[^”]*”|"[^"]*"/g, ' ')
		)
		.filter((line) => line.trim())
		.join('\n');
}

export interface Readability {
	grade: number;
	sentences: number;
	words: number;
	syllables: number;
}

export function readability(prose: string): Readability {
	let sentences = 0;
	let words = 0;
	let syllables = 0;
	for (const paragraph of prose.split('\n')) {
		for (const { segment } of sentenceSegmenter.segment(paragraph)) {
			let inSentence = 0;
			for (const w of wordSegmenter.segment(segment)) {
				if (!w.isWordLike) continue;
				inSentence++;
				syllables += syllable(w.segment);
			}
			if (inSentence) {
				sentences++;
				words += inSentence;
			}
		}
	}
	const grade = words ? fleschKincaid({ sentence: sentences, word: words, syllable: syllables }) : 0;
	return { grade, sentences, words, syllables };
}
