/**
 * Who may open a page. Anyone not signed in is sent to log in and brought back afterwards;
 * a signed-in user of the wrong role gets 403 with a message that says where to go instead.
 */
import { error, redirect } from '@sveltejs/kit';
import type { User } from './db/users';

const toLogin = (url: URL) => redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);

export function requireUser(locals: App.Locals, url: URL): User {
	if (!locals.user) toLogin(url);
	return locals.user!;
}

export function requireStudent(locals: App.Locals, url: URL): User {
	const user = requireUser(locals, url);
	if (user.role !== 'student') error(403, { message: 'This page is for students. Teacher accounts have their classes under “My classes”.' });
	return user;
}

export function requireTeacher(locals: App.Locals, url: URL): User {
	const user = requireUser(locals, url);
	if (user.role !== 'teacher') error(403, { message: 'This page is for teachers. Student accounts cannot open it.' });
	return user;
}
