import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflatePart, joinGzip } from '../../../../src/lib/server/page-cache/gzip-join';

const page = (n: number) => `<p>Sentence ${n} of the article, with “quotes” and ü. </p>`.repeat(200);

describe('joinGzip', () => {
	it('joins cached deflated parts and fresh strings into one gzip member that zlib and gzip(1) read back exactly', () => {
		const parts = [deflatePart(page(1)), 'a fresh key 0620bff5', deflatePart(page(2)), '', 'Zoë <b>', deflatePart('tail')];
		const body = joinGzip(parts);
		const expected = page(1) + 'a fresh key 0620bff5' + page(2) + 'Zoë <b>' + 'tail';
		expect(gunzipSync(body).toString()).toBe(expected);
		// a decoder nobody here wrote, with its own checks of the CRC and length
		expect(execFileSync('gzip', ['-dc'], { input: body }).toString()).toBe(expected);
		// the cached parts stay compressed
		expect(body.length).toBeLessThan(Buffer.byteLength(expected) / 4);
	});

	it('keeps a part in memory of its own size: no backing store of zlib or of the Buffer pool held with it', () => {
		for (const text of ['<a href="/me">', 'x', page(3)]) {
			const part = deflatePart(text);
			expect(part.raw.toString()).toBe(text);
			// a slice of zlib's 16 KB output chunk or of an 8 KB pool slab would report those sizes here
			expect(part.raw.buffer.byteLength).toBe(part.raw.length);
			expect(part.deflated.buffer.byteLength).toBe(part.deflated.length);
		}
	});

	it('stores a fresh string longer than one stored block (64 KiB) in several', () => {
		const long = 'x'.repeat(70_000) + 'é'.repeat(1000);
		expect(gunzipSync(joinGzip(['<', long, deflatePart('>')])).toString()).toBe(`<${long}>`);
	});

	it('round-trips any mix of parts', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 300 })), { maxLength: 12 }), (mix) => {
				const body = joinGzip(mix.map(([cached, s]) => (cached ? deflatePart(s) : s)));
				expect(gunzipSync(body).toString()).toBe(mix.map(([, s]) => s).join(''));
			}),
			{ numRuns: 200 }
		);
	});
});
