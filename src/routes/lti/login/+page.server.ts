import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/form-data';
import { setStateCookie } from '$lib/server/lti/cookies';
import { initiateLogin } from '$lib/server/lti/login';
import { LtiRefusal } from '$lib/server/lti/refusal';
import type { Actions, PageServerLoad } from './$types';

// An LMS may start the login with a GET or a cross-site form POST (see src/lib/server/csrf.ts).
async function login({ url, cookies, request }: RequestEvent, params: Record<string, string>): Promise<never> {
	let next;
	try {
		next = await initiateLogin((await getDb()).db, params, url.origin);
	} catch (e) {
		if (e instanceof LtiRefusal) error(e.status, { title: e.title, message: e.message });
		throw e;
	}
	setStateCookie(cookies, next.state);
	redirect(request.method === 'POST' ? 303 : 302, next.location);
}

// with no parameters at all it is a person who typed the address: the page says where to start
export const load: PageServerLoad = (event) => (event.url.search ? login(event, Object.fromEntries(event.url.searchParams)) : {});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const params: Record<string, string> = {};
		for (const [k, v] of form) if (typeof v === 'string') params[k] = v;
		return login(event, params);
	}
};
