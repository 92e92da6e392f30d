/** A guest's browser session: answers are kept under this id until the guest signs up or logs in. */
import type { Cookies } from '@sveltejs/kit';
import { keepOutboxOwner } from './auth/outbox-owner';

const COOKIE = 'bc_guest';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function readGuestId(cookies: Cookies): string | null {
	const id = cookies.get(COOKIE);
	return id && UUID.test(id) ? id : null;
}

export function ensureGuestId(cookies: Cookies, url: URL): string {
	const existing = readGuestId(cookies);
	if (existing) return existing;
	const id = crypto.randomUUID();
	// no maxAge: a session cookie, gone when the browser session ends
	cookies.set(COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
	// in the same response: the page's outbox files what this guest answers next under them
	keepOutboxOwner(cookies, url, null, id);
	return id;
}
