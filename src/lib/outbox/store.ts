/**
 * The answer outbox's storage: answers and written drafts the server did not acknowledge
 * (offline, or no answer in time), kept in localStorage with their submission keys, so that a
 * closed tab or browser keeps them and a resend is stored once by the server's idempotency.
 * Each entry belongs to whoever the page was made for (the `bc_owner` cookie the server keeps
 * beside the session: an account, or a guest's browser session): on a shared computer, one
 * student's answers are never sent as another's.
 */

export interface OutboxEntry {
	/** the form's submission key (`idem`) */
	key: string;
	owner: string;
	/** the address the form posts to: a lesson page and its action */
	action: string;
	question: string;
	kind: 'answer' | 'draft' | 'submit';
	fields: [string, string][];
	at: number;
	/** a written save the server refused while another page was open: only its own page sends it again */
	refused?: boolean;
}

export const STORE = 'bc-outbox';

function cookie(name: string): string {
	const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
	return hit ? decodeURIComponent(hit.slice(name.length + 1)) : '';
}

/** Who is signed in, as the server told this browser; '' before a visitor has opened a lesson. */
export const currentOwner = () => cookie('bc_owner');

const attributes = () => (location.protocol === 'https:' ? '; Secure; SameSite=None; Partitioned' : '');
const deleteCookie = (name: string) => (document.cookie = `${name}=; path=/; max-age=0${attributes()}`);

export function readAll(): OutboxEntry[] {
	try {
		const list: unknown = JSON.parse(localStorage.getItem(STORE) ?? '[]');
		return Array.isArray(list) ? (list as OutboxEntry[]) : [];
	} catch {
		// storage switched off, or a value that is not ours: nothing to send
		return [];
	}
}

function writeAll(list: OutboxEntry[]): void {
	if (list.length) localStorage.setItem(STORE, JSON.stringify(list));
	else localStorage.removeItem(STORE);
}

/**
 * Keeps an entry; a draft replaces the earlier queued drafts of its question (it holds all their
 * text). False when the browser would not store it (storage off or full).
 */
export function keep(entry: OutboxEntry): boolean {
	const stale = (e: OutboxEntry) => entry.kind === 'draft' && e.kind === 'draft' && e.owner === entry.owner && e.question === entry.question;
	try {
		writeAll([...readAll().filter((e) => !stale(e) && e.key !== entry.key), entry]);
		return true;
	} catch {
		return false;
	}
}

export function drop(key: string): void {
	try {
		writeAll(readAll().filter((e) => e.key !== key));
	} catch {
		// storage gone since: the resend is stored once all the same
	}
}

export function markRefused(key: string): void {
	try {
		writeAll(readAll().map((e) => (e.key === key ? { ...e, refused: true } : e)));
	} catch {
		// storage gone since: nothing left to keep
	}
}

/**
 * After an account is deleted, the server names it in a `bc_forget` cookie: its entries are
 * removed from this browser, and the cookie with them.
 */
export function forgetDeleted(): void {
	const gone = cookie('bc_forget');
	if (!gone) return;
	try {
		writeAll(readAll().filter((e) => e.owner !== gone));
		deleteCookie('bc_forget');
	} catch {
		// storage gone: nothing of theirs can be in it
	}
}

/**
 * Entries of this browser's guest become the account's after the guest signs in (their stored
 * answers move to the account, and `bc_claimed` names the guest). A lesson page gives every
 * visitor a guest session before they can answer, so every entry has an owner.
 */
export function adoptGuest(): void {
	const claimed = cookie('bc_claimed');
	const now = currentOwner();
	if (!claimed || !now.startsWith('u')) return;
	try {
		const all = readAll();
		if (all.some((e) => e.owner === claimed)) writeAll(all.map((e) => (e.owner === claimed ? { ...e, owner: now } : e)));
		deleteCookie('bc_claimed');
	} catch {
		// storage gone: nothing to adopt
	}
}
