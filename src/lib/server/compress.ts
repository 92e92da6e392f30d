/**
 * Compression of what the app renders (pages, form-action replies, JSON, CSV): adapter-node
 * serves the built assets precompressed (.br/.gz, `precompress`), but sends server-rendered
 * HTML as it is. Text responses of 1 KB or more are sent as br (quality 4: fast enough for
 * every request) or gzip when the request accepts it, flushed chunk by chunk so a streamed
 * response still streams. Responses already encoded, partial, or marked no-transform are left
 * alone; `vary: accept-encoding` tells caches the body depends on that header.
 */
import type { Handle } from '@sveltejs/kit';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';

export const MIN_BYTES = 1024;
const TEXT = /^(text\/|application\/(json|javascript|xml|[\w.-]+\+(json|xml))|image\/svg\+xml)/i;

/** Whether an Accept-Encoding header accepts each encoding (q=0 refuses; `*` stands for any not named). */
export function acceptedEncodings(acceptEncoding: string | null): (name: string) => boolean {
	const q = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
	}
	return (name) => (q.has(name) ? q.get(name)! : (q.get('*') ?? 0)) > 0;
}

/** The encoding to use for an Accept-Encoding header: br over gzip, none when neither is acceptable. */
export function chooseEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	const ok = acceptedEncodings(acceptEncoding);
	return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

function compressor(encoding: 'br' | 'gzip'): BrotliCompress | Gzip {
	return encoding === 'br'
		? createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
		: createGzip({ level: 6, flush: constants.Z_SYNC_FLUSH });
}

/** The chunks already read, then the rest of the reader, through the compressor. */
function compressedStream(head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, encoding: 'br' | 'gzip'): ReadableStream<Uint8Array> {
	const z = compressor(encoding);
	const write = async (chunk: Uint8Array) => {
		if (!z.write(chunk)) await once(z, 'drain');
	};
	(async () => {
		for (const chunk of head) await write(chunk);
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			await write(value);
		}
		z.end();
	})().catch((e: unknown) => {
		// the client went away (the compressor was destroyed) or the body failed: stop reading it
		z.destroy(e instanceof Error ? e : new Error(String(e)));
		reader.cancel().catch(() => {});
	});
	return Readable.toWeb(z) as ReadableStream<Uint8Array>;
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

/** The headers with accept-encoding added to their Vary. */
function varied(headers: Headers): Headers {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', 'accept-encoding');
	else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, accept-encoding`);
	return headers;
}

function withVary(response: Response): Response {
	try {
		varied(response.headers);
		return response;
	} catch {
		// read-only headers (a Response from fetch)
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers: varied(new Headers(response.headers)) });
	}
}

/** The response compressed for this request when it should be; otherwise as it was (plus Vary for text). */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 206 ||
		!TEXT.test(type) ||
		response.headers.has('content-encoding') ||
		/no-transform/i.test(response.headers.get('cache-control') ?? '')
	) {
		return response;
	}
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	const length = Number(response.headers.get('content-length') ?? NaN);
	// not compressed: only Vary is added, in place when the headers can be changed (most
	// responses), rather than a new Response wrapping the body for every small reply
	if (!encoding || length < MIN_BYTES) return withVary(response);

	const headers = varied(new Headers(response.headers));
	const init = { status: response.status, statusText: response.statusText, headers };
	// read up to 1 KB: a shorter body goes as it is, a longer one is compressed as it streams
	const reader = response.body.getReader();
	const head: Uint8Array[] = [];
	let size = 0;
	while (size < MIN_BYTES) {
		const { done, value } = await reader.read();
		if (done) return new Response(concat(head), init);
		head.push(value);
		size += value.byteLength;
	}
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(compressedStream(head, reader, encoding), init);
}

/** The handle: outermost in the sequence, so it compresses the response every other handle made. */
export const compression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return event.isSubRequest ? response : compressResponse(event.request, response);
};
