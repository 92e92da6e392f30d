/**
 * A path on this site to send someone back to (after logging in, from /settings), or null:
 * never another site, also not as "//host" or "/\host", which browsers read as one.
 */
export function sameSitePath(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || /^\/[\\/]/.test(next)) return null;
	const base = 'http://back-channel.invalid';
	const target = new URL(next, base);
	return target.origin === base ? target.pathname + target.search + target.hash : null;
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
