import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { drain, readRestOfBody } from '../../../src/lib/server/unread-body';

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

	it('of a GET (which SvelteKit never reads) is read from the node request, up to a limit', async () => {
		const raw = () => new Readable({ read() {} }) as unknown as IncomingMessage & Readable;
		const whole = raw();
		const read = readRestOfBody(new Request('http://x/'), whole);
		for (let i = 0; i < 3; i++) whole.push(Buffer.alloc(100_000));
		whole.push(null);
		await read;
		expect(whole.readableEnded).toBe(true);

		// past the limit it stops waiting, without the end ever coming
		const endless = raw();
		const stopped = drain(endless, 150_000);
		endless.push(Buffer.alloc(100_000));
		endless.push(Buffer.alloc(100_000));
		await stopped;
		expect(endless.readableEnded).toBe(false);
		endless.destroy();

		// nothing to do for a request already read
		const done = raw();
		done.push(null);
		done.resume();
		await new Promise((r) => done.once('end', r));
		await drain(done);
	});
});
