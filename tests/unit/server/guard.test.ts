import { describe, expect, it } from 'vitest';
import { loginAddress, MAX_NEXT } from '../../../src/lib/server/guard';

describe('the way back after logging in', () => {
	it('carries the page and its query', () => {
		expect(loginAddress(new URL('http://x/teacher/classes/abc?sort=name'))).toBe(`/login?next=${encodeURIComponent('/teacher/classes/abc?sort=name')}`);
	});

	it('drops a query too long to carry, and a path too long too (the Location header stays small)', () => {
		const long = 'é'.repeat(3000);
		expect(loginAddress(new URL(`http://x/me/data?q=${long}`))).toBe(`/login?next=${encodeURIComponent('/me/data')}`);
		expect(loginAddress(new URL(`http://x/teacher/classes/${'y'.repeat(MAX_NEXT + 1)}`))).toBe('/login');
	});
});
