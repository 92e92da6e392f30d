import { describe, expect, it } from 'vitest';
import { actionName, isBadActionName, NO_SUCH_ACTION, refuseBadActionName } from '../../../src/lib/server/action-name';

const post = (url: string, headers: Record<string, string> = {}) =>
	new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'a=b' });

describe('form action names SvelteKit cannot handle', () => {
	it('reads the name as SvelteKit does: the first query parameter starting with "/"', () => {
		expect(actionName(new URL('http://x/teacher?/create'))).toBe('create');
		expect(actionName(new URL('http://x/login?next=/me&/default'))).toBe('default');
		expect(actionName(new URL('http://x/login?%2Fdefault'))).toBe('default');
		expect(actionName(new URL('http://x/login'))).toBeNull();
	});

	it('refuses "default" and every name an object inherits, and nothing else', () => {
		for (const name of ['default', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) expect(isBadActionName(name), name).toBe(true);
		for (const name of [null, '', 'answer', 'create', 'prototype', 'Default']) expect(isBadActionName(name), String(name)).toBe(false);
	});

	it('answers a POST to such a name 404 with words (JSON for use:enhance), and lets everything else through', async () => {
		const plain = refuseBadActionName(post('http://x/login?/constructor'), new URL('http://x/login?/constructor'))!;
		expect(plain.status).toBe(404);
		expect(await plain.text()).toBe(NO_SUCH_ACTION);
		const enhanced = refuseBadActionName(post('http://x/login?/default', { accept: 'application/json', 'x-sveltekit-action': 'true' }), new URL('http://x/login?/default'))!;
		expect(enhanced.status).toBe(404);
		expect(await enhanced.json()).toEqual({ type: 'error', error: { message: NO_SUCH_ACTION } });
		expect(refuseBadActionName(post('http://x/teacher?/create'), new URL('http://x/teacher?/create'))).toBeNull();
		expect(refuseBadActionName(new Request('http://x/login?/default'), new URL('http://x/login?/default'))).toBeNull();
	});
});
