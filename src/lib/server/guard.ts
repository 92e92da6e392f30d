/** Pages for signed-in students or teachers: anyone else is sent to log in and brought back afterwards. */
import { error, redirect } from '@sveltejs/kit';
import type { User } from './db/users';

const toLogin = (url: URL) => redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);

export function requireStudent(locals: App.Locals, url: URL): User {
	if (!locals.user) toLogin(url);
	if (locals.user!.role === 'teacher') redirect(303, '/teacher');
	return locals.user!;
}

export function requireTeacher(locals: App.Locals, url: URL): User {
	if (!locals.user) toLogin(url);
	if (locals.user!.role !== 'teacher') error(403, { message: 'This page is for teachers. Student accounts cannot open it.' });
	return locals.user!;
}
