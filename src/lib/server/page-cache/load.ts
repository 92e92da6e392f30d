/**
 * A page's load for the page cache: on a miss the hook has already gathered the request's data
 * (with slots for the personal values), and the page must render from exactly what the key was
 * made of, so the load returns that. It still reads the address, since kit loads again in the
 * browser only when something its load read has changed (a click from a page to its `?retry`).
 */
import type { PageData, PageInput } from './routes';

export function cachedLoad<T>(data: PageData<T>) {
	return async (event: PageInput): Promise<T> => {
		const cached = event.locals.pageCache?.page;
		if (cached === undefined) return data(event);
		void [Object.values(event.params), event.url.search];
		return cached as T;
	};
}
