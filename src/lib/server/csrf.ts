/**
 * Kit's own check, moved here so that two addresses can take a cross-site form POST: an LMS
 * posts its login initiation to /lti/login and the signed launch to /lti/launch (OIDC
 * form_post). Every other address refuses a form POST from another origin, as kit did, and
 * those two trust nothing of the request but the signed token they verify.
 */
export const CROSS_SITE_ENTRIES: ReadonlySet<string> = new Set(['/lti/login', '/lti/launch']);
// kit's list, with its own binary form type (remote form functions)
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];

export function refuseCrossSiteForm(request: Request, url: URL): Response | undefined {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return undefined;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return undefined;
	if (request.headers.get('origin') === url.origin || CROSS_SITE_ENTRIES.has(url.pathname)) return undefined;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	return request.headers.get('accept') === 'application/json'
		? Response.json({ message }, { status: 403 })
		: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
