/**
 * Values of page data that are the same for everyone: built once from the course content and
 * then the very same objects on every request. The page cache leaves them out of its key (they
 * are what makes the key costly to compute); everything else a page's data holds is in it.
 */
const everyone = new WeakSet<object>();

export function sameForEveryone<T extends object>(value: T): T {
	everyone.add(value);
	return value;
}

export const isSameForEveryone = (value: unknown): boolean => typeof value === 'object' && value !== null && everyone.has(value);
