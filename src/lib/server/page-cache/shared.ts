/**
 * Values of page data built once and never changed: the course content as a page shows it (the
 * same for everyone), and feedback made for one answer to one question (the same for everyone
 * who gave it). Each has an id, and the page cache's key holds that id in its place: the key
 * still tells every such value apart, without serialising and hashing kilobytes of text on
 * every request. Everything else a page's data holds goes into the key as it is.
 */
import { TOKEN } from './slots';

const ids = new WeakMap<object, number>();
let next = 0;

export function sameForEveryone<T extends object>(value: T): T {
	if (!ids.has(value)) ids.set(value, ++next);
	return value;
}

/** For JSON.stringify: such a value as its id. */
export function sharedById(_key: string, value: unknown): unknown {
	if (typeof value !== 'object' || value === null) return value;
	const id = ids.get(value);
	// with the per-process token, which no text from a student can hold
	return id === undefined ? value : `${TOKEN}#${id}`;
}
