import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, MIN_BYTES } from '../../../src/lib/server/compress';

const page = '<!doctype html><p>' + 'A sentence of the lesson, long enough to compress. '.repeat(100) + '</p>';
const get = (acceptEncoding?: string) => new Request('http://x/', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
const html = (body: BodyInit, headers: Record<string, string> = {}) => new Response(body, { headers: { 'content-type': 'text/html', ...headers } });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('chooseEncoding', () => {
	it('prefers br, falls back to gzip, and honours q=0 and *', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('gzip;q=0')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('compressResponse', () => {
	it('sends a page as br or gzip when accepted, the same bytes once decoded, with vary', async () => {
		const br = await compressResponse(get('gzip, br'), html(page, { 'content-length': String(page.length) }));
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('content-length')).toBeNull();
		expect(br.headers.get('vary')).toBe('accept-encoding');
		const brBody = await bytes(br);
		expect(brBody.length).toBeLessThan(page.length / 5);
		expect(brotliDecompressSync(brBody).toString()).toBe(page);

		const gz = await compressResponse(get('gzip'), html(page, { vary: 'cookie' }));
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gz.headers.get('vary')).toBe('cookie, accept-encoding');
		expect(gunzipSync(await bytes(gz)).toString()).toBe(page);
	});

	it('keeps a streamed body streaming: the first chunk arrives before the last is written', async () => {
		let finish!: () => void;
		const stream = new ReadableStream<Uint8Array>({
			async start(c) {
				c.enqueue(new TextEncoder().encode(page));
				await new Promise<void>((r) => (finish = r));
				c.enqueue(new TextEncoder().encode('<p>the end</p>'));
				c.close();
			}
		});
		const res = await compressResponse(get('gzip'), html(stream));
		const reader = res.body!.getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		finish();
		const rest: Uint8Array[] = [first.value!];
		for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
		expect(gunzipSync(Buffer.concat(rest)).toString()).toBe(page + '<p>the end</p>');
	});

	it('leaves alone what should not be compressed', async () => {
		const small = 'x'.repeat(MIN_BYTES - 1);
		const cases: [Request, Response][] = [
			[get(), html(page)],
			[get('gzip'), html(small)],
			[get('gzip'), new Response(page, { headers: { 'content-type': 'image/png' } })],
			[get('gzip'), html(page, { 'content-encoding': 'br' })],
			[get('gzip'), html(page, { 'cache-control': 'no-transform' })]
		];
		for (const [req, res] of cases) {
			const expected = await res.clone().text();
			const out = await compressResponse(req, res);
			expect(out.headers.get('content-encoding')).toBe(res.headers.get('content-encoding'));
			expect(await out.text()).toBe(expected);
		}
		// a text response that could have been compressed says so to caches
		expect((await compressResponse(get(), html(page))).headers.get('vary')).toBe('accept-encoding');
	});

	it('keeps the status and every cookie', async () => {
		const headers = new Headers({ 'content-type': 'text/html' });
		headers.append('set-cookie', 'a=1; Path=/');
		headers.append('set-cookie', 'b=2; Path=/');
		const out = await compressResponse(get('br'), new Response(page, { status: 400, headers }));
		expect(out.status).toBe(400);
		expect(out.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
	});

	it('adds accept-encoding to Vary, also on a response whose headers are read-only (one from fetch)', async () => {
		const merged = await compressResponse(get(), html(page, { vary: 'cookie' }));
		expect(merged.headers.get('vary')).toBe('cookie, accept-encoding');
		// a data: URL fetched without a network: its headers are read-only, as any fetched response's
		const fromFetch = await fetch(`data:text/html,${encodeURIComponent(page)}`);
		expect(() => fromFetch.headers.set('x', 'y')).toThrow();
		const out = await compressResponse(get(), fromFetch);
		expect(out.headers.get('vary')).toBe('accept-encoding');
		expect(await out.text()).toBe(page);
	});
});
