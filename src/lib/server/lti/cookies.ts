/**
 * Cookies inside an LMS's frame are third-party: they need SameSite=None and Secure, and
 * Partitioned (CHIPS) keeps them to that LMS, which is how browsers that block third-party
 * cookies still allow them. Where a browser refuses even those, nothing here depends on them:
 * the state is checked in our database, and /lti/start offers a new tab (a first-party context).
 */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../auth/cookies';

export const STATE_COOKIE = 'bc_lti_state';
export const PROBE_COOKIE = 'bc_lti_probe';

const embedded = { path: '/', httpOnly: true, sameSite: 'none', secure: true, partitioned: true } as const;

export function setStateCookie(cookies: Cookies, state: string) {
	cookies.set(STATE_COOKIE, state, { ...embedded, path: '/lti', maxAge: 600 });
}

export function setProbeCookie(cookies: Cookies) {
	cookies.set(PROBE_COOKIE, '1', { ...embedded, path: '/lti', maxAge: 600 });
}

/** The session cookie of a launched user, sent inside the LMS frame as well as at the top level. */
export function setEmbeddedSessionCookie(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, { ...embedded, expires: expiresAt });
}
