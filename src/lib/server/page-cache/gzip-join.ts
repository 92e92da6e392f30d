/**
 * A gzip body made of parts deflated at different times: the cached parts of a page were
 * deflated once, each ending on a byte boundary (Z_SYNC_FLUSH, not final), so they can be put
 * side by side with fresh bytes, which go in as stored blocks. A final empty block and the
 * CRC-32 and length of the whole close the stream: the same joining pigz does, and any gzip
 * reader takes it (RFC 1951 §3.2.3–4, RFC 1952 §2.3).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// a final block of fixed codes holding only end-of-block
const FINAL = Buffer.from([0x03, 0x00]);
const MAX_STORED = 0xffff;

/** Text deflated to join later: its bytes, their raw deflate data, and their CRC-32 ready to combine. */
export interface Deflated {
	raw: Buffer;
	deflated: Buffer;
	crc: number;
	/** x^(8·length) mod the CRC polynomial: what combining with this part multiplies the CRC before it by */
	shift: number;
}

/**
 * Bytes of their own, exactly as long as they are. A cached part lives long, and a slice would
 * keep its whole backing store alive with it: zlib's 16 KB output chunk behind a deflated part
 * of a few dozen bytes, or one of Buffer's shared 8 KB pool slabs behind a short text. That was
 * most of the server's memory under a district's load (85 MB of buffers for a 24 MB cache).
 */
function own(bytes: Buffer): Buffer {
	const copy = Buffer.allocUnsafeSlow(bytes.length);
	bytes.copy(copy);
	return copy;
}

export function deflatePart(text: string): Deflated {
	const raw = own(Buffer.from(text));
	return { raw, deflated: own(deflateRawSync(raw, { level: 6, finishFlush: constants.Z_SYNC_FLUSH })), crc: raw.length ? crc32(raw) : 0, shift: x2nmodp(raw.length, 3) };
}

// CRC-32 combination as zlib's crc32_combine does it (crc32.c): the CRC of the whole from the
// CRCs of the parts, so a response does not run the checksum over the 180 KB it did not change
const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial, bits reflected. */
function multmodp(a: number, b: number): number {
	let p = 0;
	for (let m = 0x80000000; ; m >>>= 1) {
		if (a & m) {
			p ^= b;
			if ((a & (m - 1)) === 0) break;
		}
		b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
	}
	return p >>> 0;
}

/** x^(2^k) for k = 0…31. */
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X2N.push(multmodp(X2N[k - 1]!, X2N[k - 1]!));

/** x^(n·2^k) modulo the polynomial. */
function x2nmodp(n: number, k: number): number {
	let p = 0x80000000;
	for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multmodp(X2N[k & 31]!, p);
	return p;
}

/** Bytes as stored (uncompressed) blocks, none final: for a few bytes that differ per response. */
function stored(bytes: Buffer): Buffer[] {
	const out: Buffer[] = [];
	for (let at = 0; at < bytes.length; at += MAX_STORED) {
		const piece = bytes.subarray(at, at + MAX_STORED);
		const head = Buffer.alloc(5);
		head.writeUInt16LE(piece.length, 1);
		head.writeUInt16LE(~piece.length & 0xffff, 3);
		out.push(head, piece);
	}
	return out;
}

/** One gzip member of the parts in order: cached deflated ones and fresh strings. */
export function joinGzip(parts: readonly (Deflated | string)[]): Buffer {
	const out: Buffer[] = [HEADER];
	let crc = 0;
	let size = 0;
	for (const part of parts) {
		if (typeof part === 'string') {
			const bytes = Buffer.from(part);
			out.push(...stored(bytes));
			if (bytes.length) crc = crc32(bytes, crc);
			size += bytes.length;
		} else {
			out.push(part.deflated);
			crc = (multmodp(part.shift, crc) ^ part.crc) >>> 0;
			size += part.raw.length;
		}
	}
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc >>> 0, 0);
	trailer.writeUInt32LE(size >>> 0, 4);
	out.push(FINAL, trailer);
	return Buffer.concat(out);
}
