import { error, redirect, type Cookies } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { boundTo, consumeLaunchCode, peekLaunchCode } from '$lib/server/db/lti';
import { createSession } from '$lib/server/db/sessions';
import { startSession } from '$lib/server/auth/session-cookie';
import { readForm } from '$lib/server/form-data';
import { clearProbeCookie, PROBE_COOKIE } from '$lib/server/lti/cookies';
import { pathOf } from '$lib/server/lti/target';
import type { Actions, PageServerLoad } from './$types';

const gone = { title: 'Launch expired', message: 'This launch link has been used or is over 5 minutes old. Open the activity again from your LMS.' };
const validCode = (code: unknown): code is string => typeof code === 'string' && code.length > 0 && code.length <= 200;

/** The code becomes a session in this browser, and the user goes where the launch was for. */
async function signIn(cookies: Cookies, url: URL, code: string, firstParty: boolean): Promise<never> {
	const { db } = await getDb();
	const row = await consumeLaunchCode(db, code);
	if (!row) error(400, gone);
	const session = await createSession(db, row!.user_id);
	clearProbeCookie(cookies);
	// a tab of its own is first-party: the everyday cookie; in the LMS's frame, the embedded one
	await startSession(cookies, url, session, { embedded: !firstParty });
	redirect(303, row!.target.startsWith('deep-link:') ? `/lti/deep-link?request=${row!.target.slice('deep-link:'.length)}` : pathOf(row!.target));
}

/**
 * A validated launch arrives here with a single-use code. When this browser started the login
 * (its state cookie came back with the launch) and is the one the launch was posted from (the
 * probe cookie holds the secret the code is bound to), the code becomes a session at once. Otherwise nobody is signed in by
 * a GET: a launch posted from another browser, or a link someone was sent, could sign them in as
 * somebody else (login CSRF). The page names who the code signs in as, and a same-origin POST
 * (the cross-site form check guards it) continues; where the frame blocks our cookies, it
 * offers a new tab, a first-party context, where the same code (still unused) does that.
 */
export const load: PageServerLoad = async ({ url, cookies }) => {
	const code = url.searchParams.get('code');
	// no code at all: a person who typed the address (the page says where to start)
	if (code === null) return { newTab: null, confirm: null };
	if (!validCode(code)) error(400, { title: 'Not a launch', message: 'This address needs the code of a launch from your LMS.' });
	const row = await peekLaunchCode((await getDb()).db, code);
	if (!row) error(400, gone);
	const inTab = url.searchParams.get('tab') === '1';
	const probe = cookies.get(PROBE_COOKIE);
	const cookiesKept = probe !== undefined;
	// the secret this browser got from this very launch: the browser that started the login and posted it
	if (!inTab && boundTo(row!, probe)) return signIn(cookies, url, code, false);
	if (!cookiesKept && !inTab) return { newTab: `/lti/start?code=${encodeURIComponent(code)}&tab=1`, confirm: null };
	return { newTab: null, confirm: { code, name: row!.display_name, firstParty: inTab } };
};

export const actions: Actions = {
	continue: async ({ request, cookies, url }) => {
		const form = await readForm(request);
		const code = form.get('code');
		if (!validCode(code)) error(400, { title: 'Not a launch', message: 'This form needs the code of a launch from your LMS. Open the activity again from your LMS.' });
		return signIn(cookies, url, code as string, form.get('tab') === '1');
	}
};
