import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formValues, type FieldErrors, resetSchema } from '$lib/schemas/account';
import { resetWithCode } from '$lib/server/auth/password-reset';
import { startSession } from '$lib/server/auth/session-cookie';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

// a login card's QR code opens this page with the username filled in
export const load: PageServerLoad = ({ url }) => ({ username: (url.searchParams.get('username') ?? '').slice(0, 200) });

export const actions: Actions = {
	// the code and the passwords are never sent back to the form
	default: async ({ request, cookies, url, getClientAddress }) => {
		const raw = formValues(await readForm(request), ['username', 'code', 'password', 'confirm']);
		const values = { username: raw.username ?? '' };
		const parsed = resetSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await resetWithCode((await getDb()).db, parsed.data, getClientAddress());
		if (!result.ok) return fail(result.status, { values, errors: { [result.field]: result.message } as FieldErrors });
		await startSession(cookies, url, result);
		redirect(303, result.user.role === 'teacher' ? '/teacher?password=set' : '/me?password=set');
	}
};
