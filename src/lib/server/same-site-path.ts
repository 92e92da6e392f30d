// "//host" and "/\host": browsers read either as another host
const OTHER_HOST = /^\/[\\/]/;

/**
 * A path on this site to send someone back to (after logging in, from /settings), or null:
 * never another site, also not as "//host" or "/\host", which browsers read as one. That is
 * checked again on the resolved path: dot-segments (`/.//host`, `/a/..//host`, `/%2e//host`)
 * resolve to `//host`.
 */
export function sameSitePath(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || OTHER_HOST.test(next)) return null;
	const base = 'http://back-channel.invalid';
	const target = new URL(next, base);
	if (target.origin !== base) return null;
	const path = target.pathname + target.search + target.hash;
	return OTHER_HOST.test(path) ? null : path;
}

/** The page a link on this site was followed from (the app's Referrer-Policy, same-origin, sends it only here). */
export function refererPath(request: Request, url: URL): string | null {
	const referer = request.headers.get('referer');
	if (!referer) return null;
	try {
		const from = new URL(referer);
		return from.origin === url.origin ? from.pathname + from.search : null;
	} catch {
		return null;
	}
}
