/**
 * Cookies inside an LMS's frame are third-party: they need SameSite=None and Secure, and
 * Partitioned (CHIPS) keeps them to that LMS, which is how browsers that block third-party
 * cookies still allow them. Where a browser refuses even those, nothing here depends on them:
 * the state is checked in our database, and /lti/start offers a new tab (a first-party context).
 */
import type { Cookies } from '@sveltejs/kit';

/** one cookie per login, so that two launches from the same LMS at once do not overwrite each other's */
export const stateCookieName = (state: string) => `bc_lti_state_${state.slice(0, 16)}`;
export const PROBE_COOKIE = 'bc_lti_probe';

const embedded = { path: '/lti', httpOnly: true, sameSite: 'none', secure: true, partitioned: true } as const;

export function setStateCookie(cookies: Cookies, state: string) {
	cookies.set(stateCookieName(state), state, { ...embedded, maxAge: 600 });
}

export function clearStateCookie(cookies: Cookies, state: string) {
	cookies.delete(stateCookieName(state), embedded);
}

/** Tells /lti/start that this browser keeps our cookies here, and carries the launch's browser secret. */
export function setProbeCookie(cookies: Cookies, secret: string) {
	cookies.set(PROBE_COOKIE, secret, { ...embedded, maxAge: 300 });
}

export function clearProbeCookie(cookies: Cookies) {
	cookies.delete(PROBE_COOKIE, embedded);
}
