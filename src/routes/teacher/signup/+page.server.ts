import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formValues, teacherSignupSchema, type FieldErrors } from '$lib/schemas/account';
import { signUpTeacher } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/session-cookie';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, locals.user.role === 'teacher' ? '/teacher' : '/me');
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const raw = formValues(await readForm(request), ['displayName', 'email', 'password']);
		const values = { displayName: raw.displayName ?? '', email: raw.email ?? '' };
		const parsed = teacherSignupSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await signUpTeacher(parsed.data);
		if (!result.ok) return fail(result.status, { values, errors: { [result.field ?? 'form']: result.message } as FieldErrors });
		await startSession(cookies, url, result);
		redirect(303, '/teacher');
	}
};
