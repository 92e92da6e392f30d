/** Just enough XML writing for QTI: escaped text and attributes, elements from strings. */

export const esc = (s: string): string =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

type Attrs = Record<string, string | number | undefined>;

/** An element; children are XML already (use `text` for words). */
export function el(name: string, attrs: Attrs = {}, ...children: string[]): string {
	const a = Object.entries(attrs)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => ` ${k}="${esc(String(v))}"`)
		.join('');
	return children.length ? `<${name}${a}>${children.join('')}</${name}>` : `<${name}${a}/>`;
}

export const text = esc;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
