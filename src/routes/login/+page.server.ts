import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formValues, type FieldErrors, loginSchema } from '$lib/schemas/account';
import { logIn } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/session-cookie';
import { claimGuestOutbox } from '$lib/server/auth/outbox-owner';
import { readForm } from '$lib/server/form-data';
import { sameSitePath } from '$lib/server/same-site-path';
import type { Actions, PageServerLoad } from './$types';

/** Only paths on this site: never send someone elsewhere after login. */
const safeNext = (next: string | null, role: string): string => sameSitePath(next) ?? (role === 'teacher' ? '/teacher' : '/me');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), locals.user.role));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const data = await readForm(request);
		const raw = formValues(data, ['username', 'password']);
		const values = { username: raw.username ?? '' };
		const parsed = loginSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await logIn(parsed.data, getClientAddress(), locals.guestId);
		if (!result.ok) return fail(result.status, { values, errors: { form: result.message } as FieldErrors });
		await startSession(cookies, url, result);
		claimGuestOutbox(cookies, url, locals.guestId);
		redirect(303, safeNext(url.searchParams.get('next'), result.user.role));
	}
};
