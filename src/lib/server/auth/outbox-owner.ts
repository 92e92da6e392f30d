/**
 * The browser's answer outbox (src/lib/outbox) files each waiting answer under the account that
 * made it and sends it only while that account is signed in, so that on a shared computer one
 * student's answers are never stored as another's. The account is named to the page's script by
 * `bc_owner`, a readable cookie kept beside the session: a digest of the user's id, the same in
 * every session of theirs (answers queued before a session ended are sent after the next login),
 * removed once nobody is signed in. The outbox sends the owner with each resend, and the server
 * refuses one meant for someone else than who is signed in now (a session that ended while the
 * answer waited would otherwise store it as a guest's). When an account is deleted, `bc_forget`
 * asks the page to clear that account's waiting answers from the browser.
 */
import type { Cookies } from '@sveltejs/kit';
import { createHash } from 'node:crypto';

const OWNER = 'bc_owner';
const FORGET = 'bc_forget';

export const outboxOwner = (userId: string) => createHash('sha256').update(`outbox\0${userId}`).digest('base64url').slice(0, 22);

// Over https the cookie is SameSite=None and Partitioned, so that it is set and read inside an
// LMS's frame as at the top level (partitioned by the top-level site either way).
const attributes = (url: URL) =>
	url.protocol === 'https:'
		? ({ path: '/', httpOnly: false, sameSite: 'none', secure: true, partitioned: true } as const)
		: ({ path: '/', httpOnly: false, sameSite: 'lax', secure: false } as const);

/** Sets or removes `bc_owner` when it does not name who is signed in. */
export function keepOutboxOwner(cookies: Cookies, url: URL, userId: string | null): void {
	const want = userId ? outboxOwner(userId) : undefined;
	if (cookies.get(OWNER) === want) return;
	if (want) cookies.set(OWNER, want, { ...attributes(url), maxAge: 60 * 60 * 24 * 400 });
	else cookies.delete(OWNER, attributes(url));
}

/** A resend from the outbox made by another account than the one signed in now (or by one while nobody is). */
export function sentForAnother(request: Request, userId: string | null): boolean {
	const claimed = request.headers.get('x-outbox-owner');
	return claimed !== null && claimed !== (userId ? outboxOwner(userId) : '');
}

export const WRONG_OWNER = 'This answer was made while another account was signed in: it waits in the browser until that account signs in again.';

/** After deleting an account: the page clears its waiting answers (src/lib/outbox/store.ts). */
export function forgetOutbox(cookies: Cookies, url: URL, userId: string): void {
	cookies.set(FORGET, outboxOwner(userId), { ...attributes(url), maxAge: 60 * 60 * 24 * 30 });
	cookies.delete(OWNER, attributes(url));
}
