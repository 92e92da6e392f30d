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

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
