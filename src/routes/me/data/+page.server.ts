import { fail, redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db';
import { deleteUser } from '$lib/server/db/users';
import { requireStudent } from '$lib/server/guard';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStudent(locals, url);
	return { username: user.username ?? '' };
};

export const actions: Actions = {
	delete: async ({ request, locals, url, cookies }) => {
		const user = requireStudent(locals, url);
		const data = await readForm(request);
		const confirm = String(data.get('confirm') ?? '').trim().toLowerCase();
		if (confirm !== user.username) {
			return fail(400, { errors: { confirm: `To delete your account, type your username (${user.username}) exactly.` } });
		}
		await deleteUser((await getDb()).db, user.id);
		clearSessionCookie(cookies);
		redirect(303, '/?deleted=1');
	}
};
