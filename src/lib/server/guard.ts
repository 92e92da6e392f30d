/** Pages for signed-in students: anyone else is sent to log in and brought back afterwards. */
import { redirect } from '@sveltejs/kit';
import type { User } from './db/users';

export function requireStudent(locals: App.Locals, url: URL): User {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}
