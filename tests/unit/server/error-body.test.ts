import { describe, expect, it } from 'vitest';
import { messageFor, withMessage } from '../../../src/lib/server/error-body';

describe('every 4xx says what went wrong', () => {
	it('gives a bare, empty 4xx a message in words', async () => {
		const r = await withMessage(new Response(null, { status: 404 }), 'GET');
		expect(r.status).toBe(404);
		expect(r.headers.get('content-type')).toContain('text/plain');
		expect(await r.text()).toBe(messageFor(404));
		expect(messageFor(418)).toMatch(/error 418/);
	});

	it('keeps the words a bare 4xx already has, and leaves pages, JSON, successes and HEAD alone', async () => {
		expect(await (await withMessage(new Response('PUT method not allowed', { status: 405 }), 'PUT')).text()).toBe('PUT method not allowed');
		const page = new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
		expect(await withMessage(page, 'GET')).toBe(page);
		const ok = new Response(null, { status: 204 });
		expect(await withMessage(ok, 'OPTIONS')).toBe(ok);
		const head = new Response(null, { status: 404 });
		expect(await withMessage(head, 'HEAD')).toBe(head);
	});
});
