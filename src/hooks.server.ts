import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { refuseBadActionName } from '$lib/server/action-name';
import { refuseCrossSiteForm } from '$lib/server/csrf';
import { lmsOrigins } from '$lib/server/lti/frame';
import { startOutbox } from '$lib/server/lti/outbox';
import { compression } from '$lib/server/compress';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/auth/cookies';
import { keepOutboxOwner } from '$lib/server/auth/outbox-owner';
import { withMessage } from '$lib/server/error-body';
import { readRestOfBody } from '$lib/server/unread-body';
import { getDb } from '$lib/server/db';
import { validateSession } from '$lib/server/db/sessions';
import { ensureGuestId, readGuestId } from '$lib/server/guest';
import { readingFor, withReadingAttributes } from '$lib/server/reading';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { pageCache } from '$lib/server/page-cache/handle';

// Create and migrate the database before the first request is served.
export const init: ServerInit = async () => {
	const { engine, where } = await getDb();
	console.log(`Database ready: ${engine} at ${where}`);
	startOutbox();
};

// First in the sequence, so that whatever the rest of the handle chain or the route answers gets them.
const securityHeaders: Handle = async ({ event, resolve }) => withSecurityHeaders(await resolve(event), await lmsOrigins().catch(() => []));

const LESSON_ROUTE = '/modules/[module]/[lesson]';

/**
 * Who is asking: the signed-in user of the session cookie, and a guest's browser session; and
 * their reading settings, written onto <html> of every page (error pages too). Read when the
 * page is written, as /settings changes them in the request that saves them.
 */
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.guestId = readGuestId(event.cookies);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db } = await getDb();
		event.locals.user = await validateSession(db, token);
		if (!event.locals.user) clearSessionCookie(event.cookies);
	}
	// a visitor on a lesson page is a guest before answering: what the page's outbox keeps (an
	// answer made offline) has an owner, and follows the guest into the account they sign in to
	if (!event.locals.user && !event.locals.guestId && event.request.method === 'GET' && event.route.id === LESSON_ROUTE)
		event.locals.guestId = ensureGuestId(event.cookies, event.url);
	keepOutboxOwner(event.cookies, event.url, event.locals.user?.id ?? null, event.locals.guestId);
	event.locals.reading = readingFor(event);
	const transformPageChunk = ({ html }: { html: string }) => withReadingAttributes(html, event.locals.reading);
	return withMessage(await resolve(event, { transformPageChunk }), event.request.method);
};

// Must not throw: for an address that does not decode, SvelteKit calls it outside its error handling.
const guarded: Handle = async (input) => {
	const { request, url } = input.event;
	const response = refuseCrossSiteForm(request, url) ?? refuseBadActionName(request, url) ?? (await session(input));
	await readRestOfBody(input.event.request, input.event.platform?.req);
	return response;
};

// the page cache last: it needs the session, and what it answers still gets the headers and compression
export const handle = sequence(compression, securityHeaders, guarded, pageCache);
