/**
 * Headers every response of the app carries, whatever made it: pages and error pages (whose
 * Content-Security-Policy kit writes, with a fresh nonce, from `kit.csp` in svelte.config.js),
 * `+server.ts` endpoints, redirects, form-action replies and `__data.json`. `hooks.server.ts`
 * applies them after `resolve`. What the hook never sees goes without them: kit's 404 under
 * /_app, which kit answers before calling the hook, and, in adapter-node, the static files sirv serves and the 413 for a
 * body over BODY_SIZE_LIMIT.
 */

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	// browsers must take the declared type (text/csv, application/json) and never sniff a script or page out of a body
	'x-content-type-options': 'nosniff',
	// same-origin: the app's own pages get the full referrer, other sites get none at all. No feature
	// needs another site to see where a visitor came from, and students are minors: the lesson,
	// class or student address they were on stays here
	'referrer-policy': 'same-origin',
	// CSP frame-ancestors 'none' does this in current browsers; this is for those that predate it
	'x-frame-options': 'DENY'
};

/**
 * The policy for responses kit did not render as a page (CSV, JSON, plain-text errors,
 * redirects): they load nothing, run nothing and may not be framed, should a browser ever
 * show one as a document.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function apply(headers: Headers, lmsOrigins: readonly string[]) {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', NON_PAGE_CSP);
	if (lmsOrigins.length && headers.get('content-type')?.startsWith('text/html')) letLmsFrame(headers, lmsOrigins);
}

/**
 * Pages shown inside a registered LMS (an LTI launch opens in its frame), and forms that post
 * back to it (a deep-linking answer): those origins, and only those, are added to the page's
 * frame-ancestors and form-action. X-Frame-Options cannot name an origin, so it goes.
 */
function letLmsFrame(headers: Headers, origins: readonly string[]) {
	const csp = headers.get('content-security-policy')!;
	const list = origins.join(' ');
	headers.set(
		'content-security-policy',
		csp.replace("frame-ancestors 'none'", `frame-ancestors 'self' ${list}`).replace("form-action 'self'", `form-action 'self' ${list}`)
	);
	headers.delete('x-frame-options');
}

/**
 * The response with the security headers set; a copy when its headers are read-only (a Response
 * from fetch). `lmsOrigins`: the registered LTI platforms' origins.
 */
export function withSecurityHeaders(response: Response, lmsOrigins: readonly string[] = []): Response {
	try {
		apply(response.headers, lmsOrigins);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		apply(copy.headers, lmsOrigins);
		return copy;
	}
}
