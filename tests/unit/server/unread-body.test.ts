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

	it('refused unread (a Content-Length over the limit) is read from the node request before the answer goes', async () => {
		const raw = new Readable({ read() {} }) as unknown as IncomingMessage & Readable;
		const refused = new Request('http://x/', {
			method: 'POST',
			body: new ReadableStream({ start: (c) => c.error(new Error('Payload Too Large')) }),
			duplex: 'half'
		} as RequestInit);
		let finished = false;
		const read = readRestOfBody(refused, raw).then(() => (finished = true));
		raw.push(Buffer.alloc(600_000));
		await new Promise((r) => setTimeout(r, 10));
		expect(finished).toBe(false);
		raw.push(null);
		await read;
		expect(raw.readableEnded).toBe(true);
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

		// nor for longer than it is told, when the body trickles
		const slow = raw();
		const gaveUp = drain(slow, 150_000, 50);
		slow.push(Buffer.alloc(10));
		await gaveUp;
		expect(slow.readableEnded).toBe(false);
		slow.destroy();

		// nothing to do for a request already read
		const done = raw();
		done.push(null);
		done.resume();
		await new Promise((r) => done.once('end', r));
		await drain(done);
	});
});
