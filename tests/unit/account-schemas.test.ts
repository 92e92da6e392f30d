import { describe, expect, it } from 'vitest';
import { fieldErrors, joinCode, loginSchema, signupSchema } from '../../src/lib/schemas/account';

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
