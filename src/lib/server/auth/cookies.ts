/** The session cookie: httpOnly, SameSite=Lax, Secure whenever the site is served over HTTPS. */
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'bc_session';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

/**
 * The session cookie of a user launched from an LMS, sent inside its frame as well as at the top
 * level: a third-party cookie there, so SameSite=None and Secure, and Partitioned (CHIPS) to keep
 * it to that LMS (see src/lib/server/lti/cookies.ts).
 */
export function setEmbeddedSessionCookie(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'none', secure: true, partitioned: true, expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
