import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consumeLaunchCode, peekLaunchCode } from '$lib/server/db/lti';
import { createSession, deleteSession } from '$lib/server/db/sessions';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { PROBE_COOKIE, setEmbeddedSessionCookie } from '$lib/server/lti/cookies';
import { pathOf } from '$lib/server/lti/target';
import type { PageServerLoad } from './$types';

const gone = { title: 'Launch expired', message: 'This launch link has been used or is over 5 minutes old. Open the activity again from your LMS.' };

/**
 * A validated launch arrives here with a single-use code. If the browser kept the probe cookie
 * that the launch set, cookies work here (in the LMS's frame or not): the code becomes a session.
 * If not, the browser blocks our cookies in the frame, and the page offers a new tab, where the
 * same code (still unused) signs the user in as a first party.
 */
export const load: PageServerLoad = async ({ url, cookies }) => {
	const code = url.searchParams.get('code');
	// no code at all: a person who typed the address (the page says where to start)
	if (code === null) return { newTab: null };
	if (!code || code.length > 200) error(400, { title: 'Not a launch', message: 'This address needs the code of a launch from your LMS.' });
	const { db } = await getDb();
	const inTab = url.searchParams.get('tab') === '1';
	if (!inTab && !cookies.get(PROBE_COOKIE)) {
		if (!(await peekLaunchCode(db, code))) error(400, gone);
		return { newTab: `/lti/start?code=${encodeURIComponent(code)}&tab=1` };
	}
	const row = await consumeLaunchCode(db, code);
	if (!row) error(400, gone);
	const previous = cookies.get(SESSION_COOKIE);
	if (previous) await deleteSession(db, previous);
	const session = await createSession(db, row.user_id);
	setEmbeddedSessionCookie(cookies, session.token, session.expiresAt);
	redirect(303, row.target.startsWith('deep-link:') ? `/lti/deep-link?request=${row.target.slice('deep-link:'.length)}` : pathOf(row.target));
};
