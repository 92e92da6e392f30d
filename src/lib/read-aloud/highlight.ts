/**
 * The sentence being read, marked with the CSS Custom Highlight API: ranges painted by a named
 * highlight (styled by ::highlight(read-aloud)), so the page's own elements are never changed.
 * Where the browser lacks the API the reader still reads, without the mark.
 */
export const HIGHLIGHT = 'read-aloud';

const registry = () => (typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' ? CSS.highlights : null);

export function mark(ranges: Range[]): void {
	registry()?.set(HIGHLIGHT, new Highlight(...ranges));
}

export function unmark(): void {
	registry()?.delete(HIGHLIGHT);
}

/** The nearest ancestor that scrolls (an article's sentence box), if any. */
function scroller(el: Element): Element | null {
	for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
		if (/auto|scroll/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight) return a;
	}
	return null;
}

/**
 * Brings the sentence into view when it is out of it. In a box that scrolls (an article's
 * sentences in a question), only the box scrolls, the sentence to its middle; the window moves
 * only if the box itself is out of view, and then as little as shows it. Elsewhere the window
 * scrolls the sentence to its middle.
 */
export function reveal(range: Range | undefined): void {
	const el = range?.startContainer.parentElement;
	if (!range || !el) return;
	const outside = (r: DOMRect, top: number, bottom: number) => r.top < top || r.bottom > bottom;
	const box = scroller(el);
	if (!box) {
		if (outside(range.getBoundingClientRect(), 0, window.innerHeight)) el.scrollIntoView({ block: 'center' });
		return;
	}
	const r = range.getBoundingClientRect();
	const b = box.getBoundingClientRect();
	if (outside(r, b.top, b.bottom)) box.scrollTop += r.top + r.height / 2 - (b.top + b.height / 2);
	if (outside(range.getBoundingClientRect(), 0, window.innerHeight)) box.scrollIntoView({ block: 'nearest' });
}
