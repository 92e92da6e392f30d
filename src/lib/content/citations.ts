/**
 * Proves a quote against its source: it must be one or more whole, consecutive sentences,
 * verbatim apart from folded white space, and none of them page debris. When it is not,
 * the nearest real sentence (or run of sentences) is found by edit distance so that the
 * author sees at once what the text actually says.
 */
import { distance } from 'fastest-levenshtein';
import type { Sentence } from './sentences';

export const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface Nearest {
	ids: number[];
	text: string;
	/** 1 = identical, 0 = nothing in common (1 − edit distance / longer length) */
	score: number;
}

export type QuoteMatch =
	| { ok: true; ids: number[] }
	| { ok: false; reason: 'not-verbatim' | 'partial' | 'debris'; nearest: Nearest | null };

export function similarity(a: string, b: string): number {
	const longer = Math.max(a.length, b.length);
	return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/** Runs of 1..maxRun consecutive sentences, each as one folded string. */
function runs(sentences: readonly Sentence[], maxRun: number, citableOnly: boolean): Nearest[] {
	const out: Nearest[] = [];
	for (let i = 0; i < sentences.length; i++) {
		let text = '';
		const ids: number[] = [];
		for (let j = i; j < Math.min(sentences.length, i + maxRun); j++) {
			const s = sentences[j]!;
			if (citableOnly && !s.citable) break;
			text = text ? `${text} ${fold(s.text)}` : fold(s.text);
			ids.push(s.id);
			out.push({ ids: [...ids], text, score: 0 });
		}
	}
	return out;
}

export function nearestSentence(quote: string, sentences: readonly Sentence[]): Nearest | null {
	const q = fold(quote);
	const estimate = Math.max(1, Math.min(4, q.split(/(?<=[.!?][”"’]?)\s+/).length + 1));
	let best: Nearest | null = null;
	for (const run of runs(sentences, estimate, true)) {
		// cheap lower bound on the distance: skip runs whose length alone rules them out
		const longer = Math.max(q.length, run.text.length);
		if (best && 1 - Math.abs(q.length - run.text.length) / longer <= best.score) continue;
		const score = similarity(q, run.text);
		if (!best || score > best.score) best = { ...run, score };
	}
	return best;
}

export function matchQuote(quote: string, sentences: readonly Sentence[]): QuoteMatch {
	const q = fold(quote);
	for (let i = 0; i < sentences.length; i++) {
		let acc = '';
		for (let j = i; j < sentences.length; j++) {
			acc = acc ? `${acc} ${fold(sentences[j]!.text)}` : fold(sentences[j]!.text);
			if (acc === q) {
				const hit = sentences.slice(i, j + 1);
				if (hit.some((s) => !s.citable)) {
					return { ok: false, reason: 'debris', nearest: nearestSentence(quote, sentences) };
				}
				return { ok: true, ids: hit.map((s) => s.id) };
			}
			if (!q.startsWith(acc + ' ')) break;
		}
	}
	const whole = sentences.map((s) => fold(s.text)).join(' ');
	const reason = q.length > 0 && whole.includes(q) ? 'partial' : 'not-verbatim';
	return { ok: false, reason, nearest: nearestSentence(quote, sentences) };
}
