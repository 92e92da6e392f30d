/**
 * Starting a session in a browser: the session that browser held before (if any) is ended
 * first, so an id known before login (fixation) never becomes a signed-in one (ASVS 3.2.1).
 */
import type { Cookies } from '@sveltejs/kit';
import { getDb } from '../db';
import { deleteSession } from '../db/sessions';
import { SESSION_COOKIE, setSessionCookie } from './cookies';

export async function startSession(cookies: Cookies, url: URL, session: { token: string; expiresAt: Date }): Promise<void> {
	const previous = cookies.get(SESSION_COOKIE);
	if (previous && previous !== session.token) await deleteSession((await getDb()).db, previous);
	setSessionCookie(cookies, url, session.token, session.expiresAt);
}
