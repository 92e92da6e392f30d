import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formValues, type FieldErrors, signupSchema } from '$lib/schemas/account';
import { signUp } from '$lib/server/auth/accounts';
import { checkJoinLimit, refundJoin } from '$lib/server/auth/join';
import { startSession } from '$lib/server/auth/session-cookie';
import { claimGuestOutbox } from '$lib/server/auth/outbox-owner';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/me');
	return { code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const data = await readForm(request);
		const raw = formValues(data, ['displayName', 'username', 'password', 'code', 'timeZone']);
		// what was typed comes back with the errors, never the password
		const values = { displayName: raw.displayName ?? '', username: raw.username ?? '', code: raw.code ?? '' };
		const parsed = signupSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		if (parsed.data.code) {
			const limited = await checkJoinLimit(getClientAddress());
			if (limited) return fail(429, { values, errors: { code: limited } as FieldErrors });
		}
		const result = await signUp(parsed.data, locals.guestId);
		if (!result.ok) return fail(result.status, { values, errors: { [result.field ?? 'form']: result.message } as FieldErrors });
		if (parsed.data.code) await refundJoin(getClientAddress());
		await startSession(cookies, url, result);
		claimGuestOutbox(cookies, url, locals.guestId);
		redirect(303, '/me?welcome=1');
	}
};
