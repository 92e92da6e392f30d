/**
 * Splits a source article into paragraphs (one per non-empty line) and sentences, numbered
 * from 1 across the whole text, so that `s-12` names the same sentence everywhere.
 * Intl.Segmenter does the splitting; two small repairs follow it because ICU's default
 * rules break after honorifics ("Mr. Trump") and leave stray closing quote marks alone.
 */
export interface DebrisRule {
	/** a line (trimmed) that is debris */
	line?: string;
	/** this line (trimmed) and every line after it are debris */
	from?: string;
	why: string;
}

/** title: the first line; meta: a date or byline line; debris: not part of the article */
export type ParagraphKind = 'title' | 'meta' | 'heading' | 'text' | 'debris';

export interface Sentence {
	id: number;
	text: string;
	paragraph: number;
	citable: boolean;
}

export interface Paragraph {
	index: number;
	kind: ParagraphKind;
	sentences: Sentence[];
	/** why a debris paragraph is not part of the article */
	why?: string;
}

export interface SplitSource {
	paragraphs: Paragraph[];
	sentences: Sentence[];
}

// "U.S." is listed because ICU breaks "drafted by U.S. Middle East envoy" in two.
export const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Lt|Col|Gov|Prof|St|Jr|Sr|vs|U\.S|U\.K|U\.N|[A-Z])\.$/;
export const HAS_WORD = /[\p{L}\p{N}]/u;
const END_PUNCTUATION = /[.!?…"”’)]$/;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(paragraph: string): string[] {
	const out: string[] = [];
	let carry = '';
	for (const { segment } of segmenter.segment(paragraph)) {
		const piece = (carry + segment).trim();
		carry = '';
		if (!piece) continue;
		if (!HAS_WORD.test(piece) && out.length > 0) {
			out[out.length - 1] += ' ' + piece;
			continue;
		}
		if (ABBREVIATION.test(piece)) {
			carry = piece + ' ';
			continue;
		}
		out.push(piece);
	}
	if (carry.trim()) out.push(carry.trim());
	return out;
}

function kindOf(line: string, index: number): ParagraphKind {
	const isHeading = !END_PUNCTUATION.test(line) && line.split(/\s+/).length <= 16;
	if (!isHeading) return 'text';
	return index === 0 ? 'title' : 'heading';
}

export function splitSource(
	text: string,
	debris: readonly DebrisRule[] = [],
	metaLines: readonly string[] = []
): SplitSource {
	const lines = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l.length > 0);
	const paragraphs: Paragraph[] = [];
	const sentences: Sentence[] = [];
	let debrisFrom: DebrisRule | undefined;
	lines.forEach((line, index) => {
		debrisFrom ??= debris.find((r) => r.from !== undefined && r.from === line);
		const rule = debrisFrom ?? debris.find((r) => r.line !== undefined && r.line === line);
		const kind: ParagraphKind = rule ? 'debris' : metaLines.includes(line) ? 'meta' : kindOf(line, index);
		const parts = kind === 'text' ? splitSentences(line) : [line];
		const paragraph: Paragraph = { index, kind, sentences: [], ...(rule ? { why: rule.why } : {}) };
		for (const part of parts) {
			const sentence: Sentence = {
				id: sentences.length + 1,
				text: part,
				paragraph: index,
				citable: kind !== 'debris'
			};
			sentences.push(sentence);
			paragraph.sentences.push(sentence);
		}
		paragraphs.push(paragraph);
	});
	return { paragraphs, sentences };
}
