/**
 * Starting a session in a browser: the session that browser held before (if any) is ended
 * first, so an id known before login (fixation) never becomes a signed-in one (ASVS 3.2.1).
 */
import type { Cookies } from '@sveltejs/kit';
import { getDb } from '../db';
import { deleteSession, type NewSession } from '../db/sessions';
import { adoptGuestReading } from '../reading';
import { SESSION_COOKIE, setEmbeddedSessionCookie, setSessionCookie } from './cookies';
import { keepOutboxOwner } from './outbox-owner';

/** `embedded`: a session started inside an LMS's frame (an LTI launch), whose cookie must be sent there too. */
export async function startSession(cookies: Cookies, url: URL, session: NewSession, { embedded = false } = {}): Promise<void> {
	const previous = cookies.get(SESSION_COOKIE);
	if (previous && previous !== session.token) await deleteSession((await getDb()).db, previous);
	if (embedded) setEmbeddedSessionCookie(cookies, session.token, session.expiresAt);
	else setSessionCookie(cookies, url, session.token, session.expiresAt);
	// in the same response: the first page after signing in is then cacheable like any other
	keepOutboxOwner(cookies, url, session.userId);
	await adoptGuestReading(cookies, url, session.userId);
}
