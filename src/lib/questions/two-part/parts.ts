/** Shown strings of a two-part answer or key, split by part. Free of zod, so the component can use it in the browser. */

/** The Part A (`a:<choice id>`) or Part B (`b:<sentence id>`) values of shown strings. */
export const part = (shownValues: readonly string[] | undefined, which: 'a' | 'b'): string[] | undefined =>
	shownValues?.filter((s) => s.startsWith(`${which}:`)).map((s) => s.slice(2));
