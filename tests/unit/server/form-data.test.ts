import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { formOrProblem, readForm, TOO_LARGE, UNREADABLE } from '../../../src/lib/server/form-data';

const post = (contentType: string, body: BodyInit) => new Request('http://x/', { method: 'POST', headers: { 'content-type': contentType }, body });

/** A body that fails the way adapter-node's does past BODY_SIZE_LIMIT: with a 413 error. */
const tooLarge = () =>
	new Request('http://x/', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new ReadableStream({ start: (c) => c.error(Object.assign(new Error('Payload Too Large'), { status: 413 })) }),
		duplex: 'half'
	} as RequestInit);

describe('reading a posted form', () => {
	it('reads urlencoded and multipart forms, in any spelling of the content type', async () => {
		expect((await readForm(post('application/x-www-form-urlencoded', 'a=1&a=2'))).getAll('a')).toEqual(['1', '2']);
		expect((await readForm(post('Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'a=%ZZ'))).get('a')).toBe('%ZZ');
		const fd = new FormData();
		fd.append('a', 'b');
		expect((await readForm(new Request('http://x/', { method: 'POST', body: fd }))).get('a')).toBe('b');
	});

	it('turns a body that is not a form into a 400 with words, never a thrown TypeError', async () => {
		for (const [type, body] of [
			['text/plain', 'a=b'],
			['TEXT/PLAIN', 'a=b'],
			['multipart/form-data', 'garbage'],
			['multipart/form-data; boundary=x', '--y\r\n\r\n'],
			['application/x-sveltekit-formdata', 'a=b']
		]) {
			expect(await formOrProblem(post(type!, body!)), type).toEqual({ status: 400, message: UNREADABLE });
			const thrown = await readForm(post(type!, body!)).catch((e: unknown) => e);
			expect(isHttpError(thrown) && thrown.status === 400 && thrown.body.message === UNREADABLE, type).toBe(true);
		}
	});

	it('turns a body over the size limit into a 413 with words', async () => {
		expect(await formOrProblem(tooLarge())).toEqual({ status: 413, message: TOO_LARGE });
		const thrown = await readForm(tooLarge()).catch((e: unknown) => e);
		expect(isHttpError(thrown, 413)).toBe(true);
	});
});
