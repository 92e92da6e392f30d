/** Pages for signed-in students or teachers: anyone else is sent to log in and brought back afterwards. */
import { error, redirect } from '@sveltejs/kit';
import type { User } from './db/users';

/** Back to the page after logging in; an address too long to carry (its Location header would be refused) goes back to the path alone, or nowhere. */
export const MAX_NEXT = 1000;
export function loginAddress(url: URL): string {
	const back = [url.pathname + url.search, url.pathname].find((p) => p.length <= MAX_NEXT);
	return back ? `/login?next=${encodeURIComponent(back)}` : '/login';
}

const toLogin = (url: URL) => redirect(303, loginAddress(url));

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
