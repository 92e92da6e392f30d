import { describe, expect, it } from 'vitest';
import { refererPath, sameSitePath } from '../../../src/lib/server/same-site-path';

describe('sameSitePath', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(sameSitePath('/modules/a/b?retry=missed#q-1')).toBe('/modules/a/b?retry=missed#q-1');
		expect(sameSitePath('/me')).toBe('/me');
	});
	it('refuses anything that could leave the site', () => {
		for (const bad of [null, undefined, '', 'https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'me', ' /me']) {
			expect(sameSitePath(bad), String(bad)).toBeNull();
		}
	});
	it('refuses a path whose dot-segments resolve to another host', () => {
		for (const bad of ['/.//evil.example/x', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%2E%2E//evil.example', '/./\\evil.example', '/a/../\\evil.example']) {
			expect(sameSitePath(bad), bad).toBeNull();
		}
	});
	it('resolves harmless dot-segments to the page they name', () => {
		expect(sameSitePath('/a/../me')).toBe('/me');
		expect(sameSitePath('/./sources/001?hl=3')).toBe('/sources/001?hl=3');
	});
});

describe('refererPath', () => {
	const url = new URL('http://127.0.0.1:3000/settings');
	const from = (referer?: string) => new Request(url, { headers: referer ? { referer } : {} });
	it('the page on this site a link was followed from', () => {
		expect(refererPath(from('http://127.0.0.1:3000/sources/001?hl=3'), url)).toBe('/sources/001?hl=3');
	});
	it('nothing from another origin, or without a Referer', () => {
		expect(refererPath(from('http://evil.example/modules'), url)).toBeNull();
		expect(refererPath(from('https://127.0.0.1:3000/modules'), url)).toBeNull();
		expect(refererPath(from(), url)).toBeNull();
	});
});
