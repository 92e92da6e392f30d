/**
 * The page cache. Rendering a page (kit's render, the serialised data, the etag over the whole
 * HTML, compression) costs far more than the few queries behind it: a lesson page is about
 * 180 KB of HTML. Yet two students in the same state get the same page but for their name,
 * their submission keys and the CSP nonce. So for the pages in `routes.ts` the hook gathers the
 * data exactly as the page's load would, with slots in place of those, and keys the cache on
 * the address, the layout's data and the page's data (in which what was built once and never
 * changes stands by its id, `shared.ts`). Same key, same data, so the
 * same page; whatever differs between two students' data gives two entries. A miss renders
 * through kit as usual and keeps the result; every response fills the slots with this
 * student's name, fresh keys and a fresh nonce.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { outboxOwnerSent } from '$lib/server/auth/outbox-owner';
import { acceptedEncodings } from '$lib/server/compress';
import { layoutData } from '$lib/server/layout-data';
import { cachedRoutes } from './routes';
import { sharedById } from './shared';
import { keySlot, NAME_SLOT } from './slots';
import { PageTemplate, type Personal } from './template';

// PAGE_CACHE_MB: how much memory the cache may hold; anything but a positive number means the default
const asked = Number(process.env.PAGE_CACHE_MB);
const MAX_BYTES = Math.round((Number.isFinite(asked) && asked > 0 ? asked : 24) * 1024 * 1024);

const cache = new LRUCache<string, PageTemplate>({ maxSize: Math.max(1, MAX_BYTES), sizeCalculation: (t) => Math.max(1, t.bytes) });
const rendering = new Map<string, Promise<PageTemplate | undefined>>();

/**
 * A plain GET of a page (no page data request), and no cookie to set on this response: no stale
 * session cookie being cleared, no outbox owner to set (a cached page sends no cookies).
 */
function cacheable(event: RequestEvent): boolean {
	const { locals, cookies } = event;
	return (
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		(locals.user !== null || !cookies.get(SESSION_COOKIE)) &&
		outboxOwnerSent(event.request, locals.user?.id ?? null, locals.guestId)
	);
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('base64');

export const pageCache: Handle = async ({ event, resolve }) => {
	const data = event.route.id ? cachedRoutes[event.route.id] : undefined;
	if (!data || !cacheable(event)) return resolve(event);
	const keyIds: string[] = [];
	event.locals.pageCache = { name: NAME_SLOT };
	let page: unknown;
	try {
		page = await data(event, (id) => keySlot(keyIds.push(id) - 1));
	} catch {
		// a redirect, a 404, a 403: the page's own load meets it again and kit answers it
		event.locals.pageCache = undefined;
		return resolve(event);
	}
	event.locals.pageCache.page = page;
	const key = hash(event.url.href, JSON.stringify(layoutData(event.locals)), JSON.stringify(page, sharedById));

	const personal: Personal = {
		name: event.locals.user?.display_name ?? '',
		keys: keyIds.map(() => crypto.randomUUID()),
		nonce: randomBytes(16).toString('base64')
	};
	const gzip = acceptedEncodings(event.request.headers.get('accept-encoding'))('gzip');
	// a page being rendered for this key already (the first seconds of a period, when every
	// student asks at once): wait for it rather than render it again
	const ready = cache.get(key) ?? (await rendering.get(key));
	if (ready) return ready.response(personal, gzip);

	let done: (t: PageTemplate | undefined) => void = () => {};
	rendering.set(key, new Promise((r) => (done = r)));
	try {
		const response = await resolve(event);
		if (!/^text\/html/.test(response.headers.get('content-type') ?? '') || !response.body) return response;
		const template = PageTemplate.from(response.status, await response.text(), response.headers);
		// only a complete 200 page with no cookie of its own is the same for the next student
		if (response.status !== 200 || response.headers.has('set-cookie')) return withCookies(template.response(personal, false), response.headers);
		cache.set(key, template);
		done(template);
		return template.response(personal, gzip);
	} finally {
		// those waiting for a page that could not be kept render their own
		done(undefined);
		rendering.delete(key);
	}
};

function withCookies(response: Response, from: Headers): Response {
	for (const c of from.getSetCookie()) response.headers.append('set-cookie', c);
	return response;
}
