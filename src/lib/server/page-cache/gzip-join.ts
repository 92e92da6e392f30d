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

/** Text deflated to join later: the raw deflate data, and the text's bytes for the checksum. */
export interface Deflated {
	raw: Buffer;
	deflated: Buffer;
}

export function deflatePart(text: string): Deflated {
	const raw = Buffer.from(text);
	return { raw, deflated: deflateRawSync(raw, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }) };
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
		const bytes = typeof part === 'string' ? Buffer.from(part) : part.raw;
		out.push(...(typeof part === 'string' ? stored(bytes) : [part.deflated]));
		// not for no bytes: Node 20's crc32 gives 0 for an empty buffer zlib has deflated
		if (bytes.length) crc = crc32(bytes, crc);
		size += bytes.length;
	}
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc >>> 0, 0);
	trailer.writeUInt32LE(size >>> 0, 4);
	out.push(FINAL, trailer);
	return Buffer.concat(out);
}
