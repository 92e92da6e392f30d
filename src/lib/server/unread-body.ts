/**
 * A request body the app did not read is read to its end before the answer goes out. When an
 * answer comes before the body was read (a redirect to log in, a 403, 404, 405 or 415),
 * adapter-node leaves the rest of a large body (over ~150 KB) unread on the connection, and
 * the next request the browser sends on that kept-alive connection hangs until it times out.
 * Bodies are capped by BODY_SIZE_LIMIT (512 KB), so reading one costs little.
 *
 * A GET or HEAD may carry a body too, which SvelteKit never reads (its Request has none). Left
 * in the socket, it makes the server's TCP stack reset the connection when it closes, and the
 * client loses the end of a page it was reading ("aborted"). That body is read from the node
 * request adapter-node passes as `platform.req`, up to the same limit.
 */
import type { IncomingMessage } from 'node:http';

/**
 * How much of a body is read and dropped before the answer goes out. Above BODY_SIZE_LIMIT on
 * purpose: SvelteKit refuses a body whose Content-Length is over the limit without reading any
 * of it, and a server that closes the connection with the body still arriving makes the TCP
 * stack reset it, so the client can lose the 413 it was sent (seen as EPIPE in the fuzz tests).
 * Reading it first, as nginx's lingering close does, lets the answer arrive.
 */
export const DRAIN_LIMIT = 4 * 1024 * 1024;
/** ...and for no longer than this, so a client that trickles its body cannot hold the answer */
export const DRAIN_MS = 10_000;

export async function readRestOfBody(request: Request, raw?: IncomingMessage): Promise<void> {
	if (request.body && !request.bodyUsed) {
		// over the size limit, or the client went away: the node request below still has it
		await request.arrayBuffer().catch(() => undefined);
	}
	if (raw) await drain(raw);
}

/** Reads and drops what is left of a node request, up to `limit` bytes or `ms` milliseconds. */
export function drain(raw: IncomingMessage, limit = DRAIN_LIMIT, ms = DRAIN_MS): Promise<void> {
	if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
	return new Promise((resolve) => {
		let size = 0;
		const done = () => {
			clearTimeout(timer);
			raw.off('data', onData).off('end', done).off('close', done).off('error', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		// past the limit we stop waiting; node discards the rest once the answer has gone
		const onData = (chunk: Buffer) => {
			size += chunk.byteLength;
			if (size > limit) done();
		};
		raw.on('data', onData).once('end', done).once('close', done).once('error', done);
		raw.resume();
	});
}
