/**
 * What a reader reads in a region: the text a sighted reader sees there, split into sentences,
 * each with the slices of text nodes it covers (to highlight the one being spoken). Collected
 * from the page as it is when reading starts, so feedback shown after an answer is read too,
 * and nothing the page does not show (hidden inputs, visually hidden labels, closed details) is.
 */
import { ABBREVIATION, HAS_WORD } from '$lib/content/sentences';

export interface Sentence {
	/** what is spoken: the visible text, white space folded */
	text: string;
	/** one range per text node the sentence covers, in order; their text is `text` */
	ranges: Range[];
}

/** Marks the reader's own controls, which are never read. */
export const CONTROLS = 'data-read-aloud';

// controls and what is not text: their values and labels are the page's machinery, not its content
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'input', 'select', 'textarea', 'button', 'option', 'svg', 'math', 'iframe', 'canvas', 'audio', 'video', 'object']);

interface Run {
	/** the block the text flows in */
	block: Element;
	text: string;
	pieces: { node: Text; at: number }[];
	/** one authored sentence (an element with class "sentence"): not split again */
	whole: boolean;
}

export const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

function unseen(el: Element, style: CSSStyleDeclaration): boolean {
	if (SKIPPED.has(el.localName) || el.hasAttribute(CONTROLS) || el.classList.contains('visually-hidden')) return true;
	if (el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return true;
	// what a closed <details> holds besides its summary (said here too for browsers without checkVisibility)
	if (el.parentElement && closed(el.parentElement) && el.localName !== 'summary') return true;
	// an element with display: contents has no box of its own, so checkVisibility() would call it hidden
	if (style.display === 'contents') return false;
	if (typeof el.checkVisibility === 'function') return !el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
	return style.display === 'none' || style.visibility === 'hidden';
}

/** A closed <details>: of what it holds, only its summary shows. */
const closed = (node: Node): boolean => node.nodeName === 'DETAILS' && !(node as HTMLDetailsElement).open;

/** The runs of text of a region: each run is the text of one block, between its nested blocks. */
function runsOf(region: Element): Run[] {
	const runs: Run[] = [];
	let run: Run | null = null;
	const visit = (parent: Node, block: Element, whole: boolean) => {
		for (const child of parent.childNodes) {
			if (child.nodeType === Node.TEXT_NODE) {
				// text straight inside a closed <details>, beside its summary
				if (closed(parent)) continue;
				if (!run || run.block !== block) runs.push((run = { block, text: '', pieces: [], whole }));
				run.pieces.push({ node: child as Text, at: run.text.length });
				run.text += (child as Text).data;
			} else if (child.nodeType === Node.ELEMENT_NODE) {
				const el = child as Element;
				const style = getComputedStyle(el);
				if (unseen(el, style)) continue;
				const sentence = !whole && el.classList.contains('sentence');
				const inline = !sentence && (style.display.startsWith('inline') || style.display === 'contents');
				if (el.localName === 'br' || !inline) run = null;
				visit(el, inline ? block : el, whole || sentence);
				if (!inline) run = null;
			}
		}
	};
	visit(region, region, false);
	return runs;
}

/**
 * Where the sentences of a run of text are: Intl.Segmenter with the course's own two repairs
 * (src/lib/content/sentences.ts): no break after an honorific or initial ("Mr. Trump", "U.S.
 * envoy"), and a piece with no word (a stray closing quote) joins the sentence before it.
 */
function spansOf(text: string, segmenter: Intl.Segmenter | null): [number, number][] {
	const spans: [number, number][] = [];
	let carry = -1;
	for (const { index, segment } of segmenter ? segmenter.segment(text) : [{ index: 0, segment: text }]) {
		const start = carry >= 0 ? carry : index + segment.length - segment.trimStart().length;
		const end = index + segment.trimEnd().length;
		carry = -1;
		if (end <= start) continue;
		const piece = text.slice(start, end);
		if (!HAS_WORD.test(piece)) {
			// a lone bullet, arrow or dash is not read
			if (spans.length) spans[spans.length - 1]![1] = end;
		} else if (ABBREVIATION.test(piece)) carry = start;
		else spans.push([start, end]);
	}
	if (carry >= 0) spans.push([carry, text.trimEnd().length]);
	return spans;
}

/** The sentences of a region, in reading order. */
export function collect(region: Element): Sentence[] {
	const lang = region.closest('[lang]')?.getAttribute('lang') || 'en';
	const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(lang, { granularity: 'sentence' }) : null;
	const sentences: Sentence[] = [];
	for (const run of runsOf(region)) {
		// line breaks in the source HTML are spaces on screen, but a break between sentences to
		// the segmenter: each white space character becomes a space (offsets stay the same)
		const flat = run.text.replace(/\s/g, ' ');
		for (const [start, end] of spansOf(flat, run.whole ? null : segmenter)) {
			const ranges: Range[] = [];
			for (const { node, at } of run.pieces) {
				const from = Math.max(start, at);
				const to = Math.min(end, at + node.data.length);
				if (from >= to) continue;
				const range = document.createRange();
				range.setStart(node, from - at);
				range.setEnd(node, to - at);
				ranges.push(range);
			}
			sentences.push({ text: fold(run.text.slice(start, end)), ranges });
		}
	}
	return sentences;
}
