/**
 * The browser's answer outbox (src/lib/outbox) files each waiting answer under the account (or
 * guest browser session) that made it and sends it only while that one is signed in, so that on
 * a shared computer one student's answers are never stored as another's. The owner is named to
 * the page's script by `bc_owner`, a readable cookie kept beside the session: a digest of the
 * user's id (`u…`), the same in every session of theirs (answers queued before a session ended
 * are sent after the next login), or of the guest's id (`g…`); removed once there is neither.
 * When a guest signs in, `bc_claimed` names the guest whose waiting answers become the
 * account's, as their stored ones do. The outbox sends the owner with each resend, and the server
 * refuses one meant for someone else than who is signed in now (a session that ended while the
 * answer waited would otherwise store it as a guest's). When an account is deleted, `bc_forget`
 * asks the page to clear that account's waiting answers from the browser.
 */
import type { Cookies } from '@sveltejs/kit';
import { createHash } from 'node:crypto';

const OWNER = 'bc_owner';
const FORGET = 'bc_forget';
const CLAIMED = 'bc_claimed';

const digest = (kind: 'u' | 'g', id: string) => kind + createHash('sha256').update(`outbox\0${kind}\0${id}`).digest('base64url').slice(0, 22);

/** Who the outbox files answers under: the account, else the guest, else nobody yet (''). */
export const outboxOwner = (userId: string | null, guestId: string | null = null) => (userId ? digest('u', userId) : guestId ? digest('g', guestId) : '');

// Over https the cookie is SameSite=None and Partitioned, so that it is set and read inside an
// LMS's frame as at the top level (partitioned by the top-level site either way).
const attributes = (url: URL) =>
	url.protocol === 'https:'
		? ({ path: '/', httpOnly: false, sameSite: 'none', secure: true, partitioned: true } as const)
		: ({ path: '/', httpOnly: false, sameSite: 'lax', secure: false } as const);

const outboxOwnerCurrent = (cookies: Cookies, userId: string | null, guestId: string | null) => (cookies.get(OWNER) ?? '') === outboxOwner(userId, guestId);

/**
 * Whether the request's `bc_owner` already named who is asking; if not, this response sets it,
 * so it must not be a cached page (which sends no cookies). From the request's own header:
 * `cookies.get` would already see the value set for the response.
 */
export function outboxOwnerSent(request: Request, userId: string | null, guestId: string | null): boolean {
	const sent = /(?:^|;\s*)bc_owner=([^;]*)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? '';
	return decodeURIComponent(sent) === outboxOwner(userId, guestId);
}

/**
 * Sets or removes `bc_owner` when it does not name who is asking. A cookie of the browser
 * session, set again by the first request of the next one: it never outlives the session for
 * long, so a stale one cannot file the next person's answers under someone else.
 */
export function keepOutboxOwner(cookies: Cookies, url: URL, userId: string | null, guestId: string | null = null): void {
	if (outboxOwnerCurrent(cookies, userId, guestId)) return;
	const want = outboxOwner(userId, guestId);
	if (want) cookies.set(OWNER, want, attributes(url));
	else cookies.delete(OWNER, attributes(url));
}

/** After a guest signs in: their waiting answers become the account's (src/lib/outbox/store.ts). */
export function claimGuestOutbox(cookies: Cookies, url: URL, guestId: string | null): void {
	// a cookie of the browser session, as the guest's own was: the page that follows takes it
	if (guestId) cookies.set(CLAIMED, outboxOwner(null, guestId), attributes(url));
}

/** A resend from the outbox made by another account than the one signed in now (or by one while nobody is). */
export function sentForAnother(request: Request, userId: string | null, guestId: string | null): boolean {
	const claimed = request.headers.get('x-outbox-owner');
	return claimed !== null && claimed !== outboxOwner(userId, guestId);
}

export const WRONG_OWNER = 'This answer was made by someone else than who is signed in now: it waits in this browser until they sign in again.';

/** After deleting an account: the page clears its waiting answers (src/lib/outbox/store.ts). */
export function forgetOutbox(cookies: Cookies, url: URL, userId: string): void {
	cookies.set(FORGET, outboxOwner(userId), { ...attributes(url), maxAge: 60 * 60 * 24 * 30 });
	cookies.delete(OWNER, attributes(url));
}
