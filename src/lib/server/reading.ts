/**
 * Whose reading settings a request renders with: a signed-in user's are on their account, a
 * guest's in a cookie. The server writes them onto <html> (no page flashes, no JavaScript).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { changedReading, DEFAULT_READING, READING_KEYS, type ReadingSettings } from '$lib/reading';
import { keptReading } from '$lib/schemas/reading';
import { getDb } from './db';
import { adoptReadingSettings, saveReadingSettings } from './db/reading-settings';

export const READING_COOKIE = 'bc_reading';
const YEAR_S = 365 * 24 * 3600;
// five settings of at most 8 letters each fit in far less; anything longer is not ours
const MAX_COOKIE = 120;

/** The account's JSON as settings; anything unreadable is the defaults. */
export function accountReading(json: string | null): ReadingSettings {
	if (!json) return { ...DEFAULT_READING };
	try {
		return keptReading(JSON.parse(json));
	} catch {
		return { ...DEFAULT_READING };
	}
}

/**
 * What the account keeps: the settings that differ from the defaults; `{}` when none do, so
 * that an account that chose the defaults (Reset) is told apart from one that never chose
 * (null), which alone takes over a guest's settings at sign-in.
 */
export function readingJson(s: ReadingSettings): string {
	return JSON.stringify(changedReading(s));
}

/** The cookie's value, `size-larger.theme-contrast`: only what differs from the defaults (none: no cookie). */
const cookieValue = (s: ReadingSettings): string =>
	Object.entries(changedReading(s))
		.map(([k, v]) => `${k}-${v}`)
		.join('.');

function cookieReading(value: string | undefined): ReadingSettings | null {
	if (!value || value.length > MAX_COOKIE) return null;
	const pairs = value.split('.').map((p) => [p.slice(0, p.indexOf('-')), p.slice(p.indexOf('-') + 1)]);
	return keptReading(Object.fromEntries(pairs.filter(([k]) => (READING_KEYS as string[]).includes(k!))));
}

// Secure only over HTTPS, as when it was set: a browser refuses a Secure cookie from a plain http:// site (but localhost)
const forgetGuestReading = (cookies: Cookies, url: URL) => cookies.delete(READING_COOKIE, { path: '/', secure: url.protocol === 'https:' });

/** A guest's settings: one year, for the whole site; httpOnly, as only the server reads it. */
function keepGuestReading(cookies: Cookies, url: URL, s: ReadingSettings): void {
	const value = cookieValue(s);
	if (!value) forgetGuestReading(cookies, url);
	else cookies.set(READING_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: YEAR_S });
}

/**
 * Keeps new settings: on the account, or for a guest in the cookie. This request's page is
 * written with them too (the hook reads them from locals when it writes <html>).
 */
export async function keepReading({ cookies, locals, url }: Pick<RequestEvent, 'cookies' | 'locals' | 'url'>, s: ReadingSettings): Promise<void> {
	if (locals.user) {
		const json = readingJson(s);
		await saveReadingSettings((await getDb()).db, locals.user.id, json);
		locals.user.reading_settings = json;
	} else keepGuestReading(cookies, url, s);
	locals.reading = s;
}

/** The settings this request renders with: the account's, or for a guest the cookie's. */
export function readingFor({ cookies, locals }: Pick<RequestEvent, 'cookies' | 'locals'>): ReadingSettings {
	if (locals.user) return accountReading(locals.user.reading_settings);
	return cookieReading(cookies.get(READING_COOKIE)) ?? { ...DEFAULT_READING };
}

/**
 * At sign-in: a guest's settings become the account's unless it has its own (they win), and
 * the cookie goes, so that after signing out this browser is back to the defaults.
 */
export async function adoptGuestReading(cookies: Cookies, url: URL, userId: string): Promise<void> {
	const value = cookies.get(READING_COOKIE);
	if (value === undefined) return;
	const guest = cookieReading(value);
	// a cookie with nothing of ours in it is no choice: the account stays as it was
	if (guest && Object.keys(changedReading(guest)).length) await adoptReadingSettings((await getDb()).db, userId, readingJson(guest));
	forgetGuestReading(cookies, url);
}

/** `<html lang="en"` with the settings' attributes: what the hook writes into every page. */
export function withReadingAttributes(html: string, s: ReadingSettings): string {
	const attributes = Object.entries(changedReading(s))
		.map(([k, v]) => ` data-${k}="${v}"`)
		.join('');
	return attributes ? html.replace('<html lang="en"', `<html lang="en"${attributes}`) : html;
}
