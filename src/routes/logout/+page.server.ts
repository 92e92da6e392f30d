import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/auth/cookies';
import { keepOutboxOwner } from '$lib/server/auth/outbox-owner';
import { getDb } from '$lib/server/db';
import { deleteSession } from '$lib/server/db/sessions';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be triggered by a prefetch or another site).
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await deleteSession((await getDb()).db, token);
		clearSessionCookie(cookies);
		// in the same response, so that the page's outbox stops sending this account's answers at once
		keepOutboxOwner(cookies, url, null);
		redirect(303, '/');
	}
};
