/**
 * Whose settings a request renders with, without a database: a guest's cookie (kept, read
 * back, or ignored when it is not ours), an account's JSON, and the attributes <html> gets.
 */
import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READING, type ReadingSettings } from '../../../src/lib/reading';
import { accountReading, keepReading, READING_COOKIE, readingFor, readingJson, withReadingAttributes } from '../../../src/lib/server/reading';

type Set = { value: string; options: Record<string, unknown> };

/** A cookie jar that records what a response would set. */
function jar(initial: Record<string, string> = {}) {
	const values = new Map(Object.entries(initial));
	const set = new Map<string, Set>();
	const cookies = {
		get: (name: string) => values.get(name),
		set: (name: string, value: string, options: Record<string, unknown>) => {
			values.set(name, value);
			set.set(name, { value, options });
		},
		delete: (name: string, options: Record<string, unknown>) => {
			values.delete(name);
			set.set(name, { value: '', options: { ...options, maxAge: 0 } });
		}
	} as unknown as Cookies;
	return { cookies, set };
}

const guest = (cookie?: string) => {
	const { cookies, set } = jar(cookie === undefined ? {} : { [READING_COOKIE]: cookie });
	return { cookies, set, locals: { user: null, guestId: null, reading: { ...DEFAULT_READING } } as App.Locals, url: new URL('https://course.example.org/settings') };
};

const LARGE_PLAIN: ReadingSettings = { size: 'largest', leading: 'wider', tracking: 'wide', font: 'plain', theme: 'contrast' };

describe("a guest's cookie", () => {
	it('keeps only what differs from the defaults, for a year, httpOnly, SameSite=Lax, Secure over HTTPS; and reads back', async () => {
		const g = guest();
		await keepReading(g, LARGE_PLAIN);
		const kept = g.set.get(READING_COOKIE)!;
		expect(kept.value).toBe('size-largest.leading-wider.tracking-wide.font-plain.theme-contrast');
		expect(kept.options).toMatchObject({ path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 365 * 24 * 3600 });
		expect(g.locals.reading).toEqual(LARGE_PLAIN);
		expect(readingFor(guest(kept.value))).toEqual(LARGE_PLAIN);
		expect(readingFor(guest('theme-dark'))).toEqual({ ...DEFAULT_READING, theme: 'dark' });
	});

	it('the defaults are no cookie at all', async () => {
		const g = guest('theme-dark');
		await keepReading(g, DEFAULT_READING);
		expect(g.set.get(READING_COOKIE)).toMatchObject({ value: '', options: { path: '/', maxAge: 0, secure: true } });
	});

	it('one that is not ours is the defaults (or the settings in it that are), never an error', () => {
		for (const junk of ['', '...', 'size', 'size-', '-dark', 'theme-<script>', 'size-huge.theme-neon', 'x'.repeat(5000), '%E0%A4%A']) {
			expect(readingFor(guest(junk)), junk).toEqual(DEFAULT_READING);
		}
		expect(readingFor(guest('size-huge.theme-dark.colour-red'))).toEqual({ ...DEFAULT_READING, theme: 'dark' });
		expect(readingFor(guest())).toEqual(DEFAULT_READING);
	});

	it('is not read for a signed-in user: their account says', () => {
		const g = guest('theme-dark');
		const user = { id: 'u1', reading_settings: JSON.stringify({ size: 'larger' }) } as App.Locals['user'];
		expect(readingFor({ ...g, locals: { ...g.locals, user } })).toEqual({ ...DEFAULT_READING, size: 'larger' });
	});
});

describe("an account's JSON", () => {
	it('holds only what differs ({} for the defaults, chosen; null is never chosen) and reads back; unreadable JSON is the defaults', () => {
		expect(readingJson(DEFAULT_READING)).toBe('{}');
		expect(accountReading('{}')).toEqual(DEFAULT_READING);
		expect(readingJson({ ...DEFAULT_READING, theme: 'dark' })).toBe('{"theme":"dark"}');
		expect(accountReading(readingJson(LARGE_PLAIN))).toEqual(LARGE_PLAIN);
		expect(accountReading(null)).toEqual(DEFAULT_READING);
		expect(accountReading('{not json')).toEqual(DEFAULT_READING);
	});
});

describe('withReadingAttributes', () => {
	const page = '<!doctype html>\n<html lang="en">\n\t<head>';
	it('leaves a page with the defaults as it was', () => {
		expect(withReadingAttributes(page, DEFAULT_READING)).toBe(page);
	});
	it('puts each changed setting on <html>', () => {
		expect(withReadingAttributes(page, { ...DEFAULT_READING, size: 'larger', theme: 'contrast' })).toBe(
			'<!doctype html>\n<html lang="en" data-size="larger" data-theme="contrast">\n\t<head>'
		);
	});
});
