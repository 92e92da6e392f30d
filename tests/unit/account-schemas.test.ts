import { describe, expect, it } from 'vitest';
import { fieldErrors, joinCode, loginSchema, noControlCharacters, signupSchema } from '../../src/lib/schemas/account';
import { classSchema, isRecordId } from '../../src/lib/schemas/classes';

describe('signupSchema', () => {
	it('accepts a good sign-up, lower-cases the username, defaults the time zone', () => {
		const r = signupSchema.parse({ displayName: ' Sam ', username: 'Sam_01', password: 'long enough pw', code: '', timeZone: 'Nowhere/Land' });
		expect(r).toEqual({ displayName: 'Sam', username: 'sam_01', password: 'long enough pw', code: undefined, timeZone: 'UTC' });
	});

	it('lists one readable error per field', () => {
		const r = signupSchema.safeParse({ displayName: '', username: 'a b', password: 'short', code: '0O1' });
		expect(r.success).toBe(false);
		expect(fieldErrors(r.error!)).toEqual({
			displayName: 'Enter your name.',
			username: 'Use only letters, digits, dots, dashes and underscores.',
			password: 'Use at least 10 characters.',
			code: 'A join code has 6 to 8 letters and digits, like K7QXP3.'
		});
	});

	it('keeps a valid time zone', () => {
		expect(signupSchema.parse({ displayName: 'A', username: 'abc', password: '0123456789', timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
	});
});

describe('joinCode', () => {
	it('normalises case, spaces and dashes, and refuses look-alike characters', () => {
		expect(joinCode.parse(' k7qx-p3 ')).toBe('K7QXP3');
		expect(joinCode.safeParse('K0QXP3').success).toBe(false);
		expect(joinCode.safeParse('K1QXP3').success).toBe(false);
	});
});

describe('loginSchema', () => {
	it('needs both fields', () => {
		expect(fieldErrors(loginSchema.safeParse({}).error!)).toEqual({ username: 'Enter your username.', password: 'Enter your password.' });
	});
});

describe('control characters in typed text', () => {
	// PostgreSQL cannot store NUL: without these checks a name with one was a 500 there
	it('refuses NUL and its kin in names, class names and login usernames, with words', () => {
		expect(fieldErrors(signupSchema.safeParse({ displayName: 'Sam\0', username: 'sam', password: '0123456789' }).error!)).toEqual({
			displayName: 'Remove the invisible characters from your name.'
		});
		expect(fieldErrors(loginSchema.safeParse({ username: 'sa\u0000m', password: 'x' }).error!)).toEqual({
			username: 'A username has no invisible characters. Check what you typed.'
		});
		expect(classSchema.safeParse({ name: 'Year\u0007 9', section: '', timeZone: 'UTC' }).success).toBe(false);
		expect(classSchema.safeParse({ name: 'Year 9', section: 'B\u007f', timeZone: 'UTC' }).success).toBe(false);
	});

	it('keeps letters from every script, emoji, tabs and line breaks', () => {
		expect(noControlCharacters('Zoë 👩\u200d👩\u200d👧 שלום\tx\r\ny')).toBe(true);
		expect(classSchema.parse({ name: 'Année 9 — “B”', section: '', timeZone: 'UTC' }).name).toBe('Année 9 — “B”');
	});
});

describe('record ids', () => {
	it('are what the app makes, and nothing else reaches the database', () => {
		expect(isRecordId(crypto.randomUUID())).toBe(true);
		for (const v of ['nope', '%00', 'a\0b', `${crypto.randomUUID()}x`, 12, null]) expect(isRecordId(v), String(v)).toBe(false);
	});
});
