import { describe, expect, it } from 'vitest';
import { readRestOfBody } from '../../../src/lib/server/unread-body';

describe('a body the app did not read', () => {
	it('is read to its end', async () => {
		let pulled = 0;
		const body = new ReadableStream({
			pull(c) {
				if (pulled++ < 3) c.enqueue(new Uint8Array(100_000));
				else c.close();
			}
		});
		const request = new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
		await readRestOfBody(request);
		expect(request.bodyUsed).toBe(true);
		expect(pulled).toBe(4);
	});

	it('is left alone when there is none or it was read, and a failing one is no error', async () => {
		await readRestOfBody(new Request('http://x/'));
		const read = new Request('http://x/', { method: 'POST', body: 'a=b' });
		await read.text();
		await readRestOfBody(read);
		const failing = new Request('http://x/', {
			method: 'POST',
			body: new ReadableStream({ start: (c) => c.error(new Error('Payload Too Large')) }),
			duplex: 'half'
		} as RequestInit);
		await expect(readRestOfBody(failing)).resolves.toBeUndefined();
	});
});
