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

/** Scrolls the sentence to the middle of the view when it is outside the window or its scrolling box. */
export function reveal(range: Range | undefined): void {
	const el = range?.startContainer.parentElement;
	if (!range || !el) return;
	const r = range.getBoundingClientRect();
	const box = scroller(el)?.getBoundingClientRect();
	const outside = (top: number, bottom: number) => r.top < top || r.bottom > bottom;
	if (outside(0, window.innerHeight) || (box && outside(box.top, box.bottom))) el.scrollIntoView({ block: 'center' });
}
