import { fail, redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { forgetOutbox } from '$lib/server/auth/outbox-owner';
import { getDb } from '$lib/server/db';
import { deleteUser } from '$lib/server/db/users';
import { requireStudent } from '$lib/server/guard';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

/** What to type to delete: the username, or for an account from an LMS (it has none) the word "delete". */
const confirmWordOf = (user: { username: string | null }) => user.username ?? 'delete';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStudent(locals, url);
	return { username: user.username, confirmWord: confirmWordOf(user) };
};

export const actions: Actions = {
	delete: async ({ request, locals, url, cookies }) => {
		const user = requireStudent(locals, url);
		const data = await readForm(request);
		const confirm = String(data.get('confirm') ?? '').trim().toLowerCase();
		const word = confirmWordOf(user);
		if (confirm !== word) {
			return fail(400, { errors: { confirm: user.username ? `To delete your account, type your username (${word}) exactly.` : `To delete your account, type the word ${word}.` } });
		}
		await deleteUser((await getDb()).db, user.id);
		clearSessionCookie(cookies);
		forgetOutbox(cookies, url, user.id);
		redirect(303, '/?deleted=1');
	}
};
