/**
 * Who may open a page. Anyone not signed in is sent to log in and brought back afterwards;
 * a signed-in user of the wrong role gets 403 with a message that says where to go instead.
 */
import { error, redirect } from '@sveltejs/kit';
import type { User } from './db/users';

/** Back to the page after logging in; an address too long to carry (its Location header would be refused) goes back to the path alone, or nowhere. */
export const MAX_NEXT = 1000;
export function loginAddress(url: URL): string {
	const back = [url.pathname + url.search, url.pathname].find((p) => p.length <= MAX_NEXT);
	return back ? `/login?next=${encodeURIComponent(back)}` : '/login';
}

const toLogin = (url: URL) => redirect(303, loginAddress(url));

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
