/**
 * A rendered page with slots in place of the personal values, kept ready to send: its text
 * between the slots both as it is and deflated, so a response is a few short strings joined to
 * cached bytes. The name goes in escaped for where it stands: as HTML in the markup, as a
 * JavaScript string in kit's inline data script.
 */
import { escapeHtml } from '$lib/html';
import { uneval } from 'devalue';
import { deflatePart, joinGzip, type Deflated } from './gzip-join';
import { NONCE_SLOT, slotPattern } from './slots';

/** What one response puts in the slots. */
export interface Personal {
	name: string;
	/** the submission key of each question form, by the slot's index */
	keys: readonly string[];
	nonce: string;
}

type Slot = { kind: 'name'; js: boolean } | { kind: 'nonce' } | { kind: 'key'; index: number };
type Part = { deflated: Deflated } | Slot;

// devalue escapes a string for a script exactly as kit's data script does; without its quotes
const escapeJs = (s: string) => uneval(s).slice(1, -1);

/** The spans of the text that are inline scripts (kit's start-up and data script). */
function scriptSpans(html: string): [number, number][] {
	return [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi)].map((m) => [m.index, m.index + m[0].length]);
}

/** The bytes of a Buffer as a plain Uint8Array (what Response takes), without copying them. */
const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);

export class PageTemplate {
	private constructor(
		readonly status: number,
		private readonly parts: Part[],
		/** the response headers, the nonce in the CSP as a slot */
		private readonly headers: [string, string][],
		/** about how much memory it holds */
		readonly bytes: number
	) {}

	/**
	 * From a page kit rendered with slots for the name and keys: its nonce (from the CSP header)
	 * becomes a slot too. Headers that belong to one response (cookies, length, etag) are dropped.
	 */
	static from(status: number, html: string, responseHeaders: Headers): PageTemplate {
		const nonce = /'nonce-([^']+)'/.exec(responseHeaders.get('content-security-policy') ?? '')?.[1];
		const text = nonce ? html.replaceAll(nonce, NONCE_SLOT) : html;
		const headers: [string, string][] = [];
		for (const [name, value] of responseHeaders) {
			if (['set-cookie', 'etag', 'content-length', 'content-encoding', 'date', 'vary'].includes(name)) continue;
			headers.push([name, nonce ? value.replaceAll(nonce, NONCE_SLOT) : value]);
		}
		const scripts = scriptSpans(text);
		const parts: Part[] = [];
		let at = 0;
		let bytes = 0;
		const pushText = (s: string) => {
			if (!s) return;
			const deflated = deflatePart(s);
			bytes += deflated.raw.length + deflated.deflated.length;
			parts.push({ deflated });
		};
		for (const m of text.matchAll(slotPattern())) {
			pushText(text.slice(at, m.index));
			const id = m[1]!;
			if (id === 'n') parts.push({ kind: 'name', js: scripts.some(([s, e]) => m.index > s && m.index < e) });
			else if (id === 'c') parts.push({ kind: 'nonce' });
			else parts.push({ kind: 'key', index: Number(id.slice(1)) });
			at = m.index + m[0].length;
		}
		pushText(text.slice(at));
		return new PageTemplate(status, parts, headers, bytes);
	}

	private fill(slot: Slot, personal: Personal): string {
		if (slot.kind === 'nonce') return personal.nonce;
		if (slot.kind === 'key') return personal.keys[slot.index] ?? '';
		return slot.js ? escapeJs(personal.name) : escapeHtml(personal.name);
	}

	/** The page for one response: gzip-encoded when `gzip`, else as text. */
	response(personal: Personal, gzip: boolean): Response {
		const headers = new Headers(this.headers.map(([n, v]): [string, string] => [n, v.replaceAll(NONCE_SLOT, personal.nonce)]));
		headers.set('vary', 'accept-encoding');
		if (gzip) {
			headers.set('content-encoding', 'gzip');
			const body = joinGzip(this.parts.map((p) => ('deflated' in p ? p.deflated : this.fill(p, personal))));
			return new Response(view(body), { status: this.status, headers });
		}
		const body = Buffer.concat(this.parts.map((p) => ('deflated' in p ? p.deflated.raw : Buffer.from(this.fill(p, personal)))));
		return new Response(view(body), { status: this.status, headers });
	}
}
