import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { keySlot, NAME_SLOT, slotPattern } from '../../../../src/lib/server/page-cache/slots';
import { PageTemplate, type Personal } from '../../../../src/lib/server/page-cache/template';

const NONCE = 'JlTafLJlgtxCdvPW/H8J5Q==';
// as kit renders a page: the name as text and, in the inline data script, inside a string
const html = [
	'<!doctype html><html><head><script nonce="' + NONCE + '" src="/x.js"></script></head><body>',
	`<span class="visually-hidden"> (${NAME_SLOT})</span>`,
	`<input type="hidden" name="idem" value="${keySlot(0)}"/><input type="hidden" name="idem" value="${keySlot(1)}"/>`,
	'<p>' + 'The article. '.repeat(500) + '</p>',
	`<script nonce="${NONCE}">const data = [{user:{displayName:"${NAME_SLOT}"}},{formKeys:{a:"${keySlot(0)}",b:"${keySlot(1)}"}}];</script>`,
	'</body></html>'
].join('\n');
const headers = new Headers({
	'content-type': 'text/html',
	'content-security-policy': `script-src 'self' 'nonce-${NONCE}'`,
	etag: '"abc"',
	'set-cookie': 'x=1',
	link: '</a.css>; rel="preload"'
});
const someone: Personal = { name: `Zoë "</script><b>" \u2028 O'Brien & co`, keys: ['key-one', 'key-two'], nonce: 'fresh+nonce/1==' };

async function text(r: Response): Promise<string> {
	const bytes = Buffer.from(await r.arrayBuffer());
	return r.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes).toString() : bytes.toString();
}

describe('PageTemplate', () => {
	const template = PageTemplate.from(200, html, headers);

	it.each([true, false])('fills every slot for one response (gzip %s): name escaped for where it stands, keys, a fresh nonce', async (gzip) => {
		const r = template.response(someone, gzip);
		const out = await text(r);
		expect(out.match(slotPattern())).toBeNull();
		expect(out).not.toContain(NONCE);
		expect(out).toContain(`<span class="visually-hidden"> (Zoë &quot;&lt;/script&gt;&lt;b&gt;&quot; \u2028 O&#39;Brien &amp; co)</span>`);
		// in the script: no "</script>" that could end it, the line separator escaped, quotes escaped
		expect(out).toContain(String.raw`displayName:"Zoë \"\u003C/script>\u003Cb>\" \u2028 O'Brien & co"`);
		expect(out).toContain('value="key-one"/><input type="hidden" name="idem" value="key-two"/>');
		expect(out).toContain('formKeys:{a:"key-one",b:"key-two"}');
		expect(out.split('nonce="fresh+nonce/1=="').length).toBe(3);
		expect(r.headers.get('content-security-policy')).toBe("script-src 'self' 'nonce-fresh+nonce/1=='");
		expect(r.headers.get('content-encoding')).toBe(gzip ? 'gzip' : null);
		expect(r.headers.get('vary')).toBe('accept-encoding');
		// what belonged to the response it was made from is not sent again
		expect(r.headers.get('set-cookie')).toBeNull();
		expect(r.headers.get('etag')).toBeNull();
		expect(r.headers.get('link')).toBe('</a.css>; rel="preload"');
	});

	it('gives two students the same page but for their own name and keys', async () => {
		const a = await text(template.response(someone, true));
		const b = await text(template.response({ name: 'Ben', keys: ['k3', 'k4'], nonce: 'n2' }, true));
		expect(b).not.toContain('Zoë');
		expect(b).not.toContain('key-one');
		const blank = (s: string, p: Personal) => p.keys.reduce((acc, k) => acc.replaceAll(k, 'K'), s.replaceAll(p.nonce, 'N'));
		expect(blank(a, someone).replace(/\(Zoë[^)]*co\)/, '(NAME)').replace(/displayName:"[^}]*co"/, 'displayName:"NAME"')).toBe(
			blank(b, { name: 'Ben', keys: ['k3', 'k4'], nonce: 'n2' }).replace('(Ben)', '(NAME)').replace('displayName:"Ben"', 'displayName:"NAME"')
		);
	});
});
