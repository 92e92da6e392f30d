import { randomBytes } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/form-data';
import { clearStateCookie, setProbeCookie, stateCookieName } from '$lib/server/lti/cookies';
import { acceptLaunch } from '$lib/server/lti/launch';
import { LtiRefusal } from '$lib/server/lti/refusal';
import { validateLaunch } from '$lib/server/lti/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

// The platform posts the signed id_token here (OIDC form_post, cross-site: see src/lib/server/csrf.ts).
export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await readForm(request);
		const idToken = form.get('id_token');
		const state = form.get('state');
		if (typeof idToken !== 'string' || !idToken || typeof state !== 'string' || !state) {
			error(400, { title: 'Not a launch', message: 'A launch must carry an id_token and a state, posted by your LMS.' });
		}
		const { db } = await getDb();
		// a fresh secret for this browser's probe cookie: the code is bound to it when this browser started the login
		const secret = randomBytes(24).toString('base64url');
		let code;
		try {
			const launch = await validateLaunch(db, { idToken, state, stateCookie: cookies.get(stateCookieName(state)) });
			code = await acceptLaunch(db, launch, launch.bound ? secret : null);
		} catch (e) {
			if (e instanceof LtiRefusal) error(e.status, { title: e.title, message: e.message });
			throw e;
		}
		clearStateCookie(cookies, state);
		// /lti/start learns from it whether this browser keeps our cookies in the LMS's frame
		setProbeCookie(cookies, secret);
		redirect(303, `/lti/start?code=${encodeURIComponent(code)}`);
	}
};
