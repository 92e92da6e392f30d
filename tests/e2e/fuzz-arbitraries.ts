/**
 * The random and hostile values the fuzz tests (tests/e2e/fuzz.test.ts) post: strings that
 * break naive code (Unicode edge cases, injection-looking text, huge text, numbers and JSON
 * where text is expected, dates out of range, unknown ids), and the mutations that turn a
 * well-formed form into a malformed one (missing, extra, repeated fields). Kept apart from
 * the routes so that every target, listed or new, gets the same treatment.
 */
import fc from 'fast-check';

/** A multipart file part where the form expects text ("wrong type"). */
export interface FilePart {
	file: string;
	name: string;
	type: string;
}
export type Value = string | FilePart;
/** A form as posted: ordered name/value pairs, names may repeat. */
export type Fields = [string, Value][];

/** Body sizes: one huge value is 100 KB; all values together stay well under adapter-node's 512 KB. */
export const HUGE = 100_000;
export const BODY_BUDGET = 400_000;

/** Strings that have broken real servers: control characters, bidi and joiners, surrogates, injections. */
export const nasty = [
	'',
	' ',
	'\0',
	'a\0b',
	'\u0000\u0001\u001f\u007f',
	'\u202e\u202dRTL override\u202c',
	'\u200f\u200e\u061c',
	'\u200d\u200c\u2060\ufeff',
	'👩\u200d👩\u200d👧\u200d👦',
	'🏳️\u200d🌈🇺🇳',
	'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309',
	'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034d',
	'\ud800',
	'\udfff',
	'\udfff\ud800',
	'\uffff\ufffe',
	'\r\n\r\n',
	'\t\v\f',
	'İıſK',
	'ß'.repeat(50),
	"' OR '1'='1",
	"'; DROP TABLE users; --",
	'" OR ""="',
	'1; SELECT pg_sleep(5)',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'{{7*7}}${7*7}<%= 7*7 %>',
	'../../../../etc/passwd',
	'..\\..\\windows\\win.ini',
	'%00',
	'%ZZ%',
	'%E0%A4%A',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'null',
	'undefined',
	'NaN',
	'Infinity',
	'-Infinity',
	'-0',
	'1e309',
	'0x1F',
	'9007199254740993',
	'-9223372036854775809',
	'true',
	'[]',
	'{}',
	'{"__proto__":{"admin":true}}'
];

/** Dates and times a due-date field may get: valid, impossible, out of range, other formats. */
export const oddDates = [
	'2030-01-01T10:00',
	'2026-02-29T12:00',
	'2028-02-29T12:00',
	'2026-02-30T10:00',
	'2026-13-01T10:00',
	'2026-00-10T10:00',
	'2026-12-01T24:00',
	'2026-12-01T23:60',
	'2026-03-29T01:30',
	'0000-01-01T00:00',
	'9999-12-31T23:59',
	'1969-12-31T23:59',
	'1900-01-01T00:00',
	'+275760-09-13T00:00',
	'-000001-01-01T00:00',
	'2026-12-01',
	'2026-12-01 17:00',
	'2026-12-01T17:00:00Z',
	'2026-12-01T17:00+14:00',
	'01/12/2026',
	'tomorrow',
	'١٢٣٤-٠٥-٠٦T٠٧:٠٨'
];

const numberText = fc.oneof(
	fc.integer().map(String),
	fc.double().map(String),
	fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
	fc.constantFrom('1,000', '1.000,5', '٣٥', '３５', '35 ', ' 3 5', '+35', '.5', '5.', '1e3', '0b101', '1_000')
);

const hugeText = fc.oneof(
	fc.constantFrom('x', 'é', '👍', '\u200d', '<', '%', '&', '=').map((c) => c.repeat(Math.floor(HUGE / Buffer.byteLength(c)))),
	fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.repeat(Math.ceil(HUGE / s.length)).slice(0, HUGE))
);

/** Any value a form field may hold, weighted towards the kinds that break validators. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
	{ arbitrary: fc.constantFrom(...nasty), weight: 6 },
	{ arbitrary: numberText, weight: 3 },
	{ arbitrary: fc.json({ maxDepth: 2 }), weight: 2 },
	{ arbitrary: fc.uuid().map(String), weight: 2 },
	{ arbitrary: fc.constantFrom(...oddDates), weight: 2 },
	{ arbitrary: fc.string({ minLength: 200, maxLength: 3000 }), weight: 1 },
	{ arbitrary: hugeText, weight: 1 }
);

/** A file part with hostile content and names. */
export const filePart: fc.Arbitrary<FilePart> = fc.record({
	file: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('\0\0\0', '%PDF-1.4', 'GIF89a')),
	name: fc.oneof(fc.constantFrom('a.txt', '../../etc/passwd', 'x\0.png', 'ü😀.csv', ''), fc.string({ maxLength: 20 })),
	type: fc.constantFrom('text/plain', 'application/octet-stream', 'image/png', '', 'text/html; charset=utf-7')
});

export const hostileValue: fc.Arbitrary<Value> = fc.oneof({ arbitrary: hostileString, weight: 30 }, { arbitrary: filePart, weight: 1 });

/** Field names: the real ones a form uses, prefixes the grader reads, and garbage. */
export const fieldName = (real: readonly string[]): fc.Arbitrary<string> =>
	fc.oneof(
		{ arbitrary: real.length ? fc.constantFrom(...real) : fc.constant('name'), weight: 4 },
		{ arbitrary: fc.constantFrom('question', 'idem', 'choice', 'value', 'sentence', 'pos-', 'match-', 'id', 'code', '/', '__proto__', '', ' '), weight: 2 },
		{ arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
		{ arbitrary: fc.string({ unit: 'binary', maxLength: 10 }), weight: 1 }
	);

/**
 * Turns a well-formed form into a malformed one: drops fields, gives fields hostile values,
 * repeats fields (an array where one value is expected), adds unknown fields, reorders. One
 * case in four is left as it was, so that valid values reach the code behind the validators.
 */
export function mutated(base: fc.Arbitrary<Fields>, names: readonly string[]): fc.Arbitrary<Fields> {
	const ops = fc.record({
		drop: fc.array(fc.nat(), { maxLength: 3 }),
		replace: fc.array(fc.tuple(fc.nat(), hostileValue), { maxLength: 3 }),
		repeat: fc.array(fc.tuple(fc.nat(), hostileValue), { maxLength: 2 }),
		extra: fc.array(fc.tuple(fieldName(names), hostileValue), { maxLength: 3 }),
		reverse: fc.boolean()
	});
	return fc.tuple(base, fc.option(ops, { freq: 3 })).map(([fields, op]) => {
		if (!op) return capped(fields);
		let out: Fields = fields.map(([k, v]) => [k, v]);
		for (const [i, v] of op.replace) if (out.length) out[i % out.length]![1] = v;
		for (const [i, v] of op.repeat) if (out.length) out.push([out[i % out.length]![0], v]);
		for (const i of op.drop) if (out.length) out.splice(i % out.length, 1);
		out = [...out, ...op.extra];
		return capped(op.reverse ? out.reverse() : out);
	});
}

/** What a value costs in a urlencoded body, at worst (every UTF-8 byte percent-encoded). */
const cost = (v: Value) => 3 * Buffer.byteLength(typeof v === 'string' ? v : v.file) + 200;

/** Keeps the whole form under the body budget: huge values past it become short ones. */
export function capped(fields: Fields): Fields {
	let total = 0;
	return fields.map(([k, v]) => {
		total += cost(v) + cost(k);
		return total > BODY_BUDGET ? [k, 'x'] : [k, v];
	});
}

/** Route parameters that must never reach a 500: unknown, malformed, long, encoded tricks. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.uuid().map(String), weight: 3 },
	{
		arbitrary: fc.constantFrom(
			'nope',
			'12345',
			'0',
			'-1',
			'00000000-0000-0000-0000-000000000000',
			'x'.repeat(300),
			'y'.repeat(4000),
			"1' OR '1'='1",
			'%00',
			'a%00b',
			'..%2F..%2Fsources',
			'..',
			'.',
			'%2e%2e',
			'%E2%80%AE',
			'%F0%9F%98%80',
			'%ED%A0%80',
			'%C0%AF',
			'%25',
			'%',
			'%ZZ',
			'__data.json',
			'%3Cscript%3E',
			'CON',
			'index.html'
		),
		weight: 5
	},
	{ arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent), weight: 3 },
	{ arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map(encodeURIComponent), weight: 2 }
);

/** Query strings on pages and downloads: the names the app reads, with hostile values. */
export const hostileQuery = (names: readonly string[]): fc.Arbitrary<Fields> =>
	fc.array(fc.tuple(fieldName([...names, 'retry', 'next', 'code', 'hl', 'sort', 'dir', 'welcome', 'deleted']), hostileString), { maxLength: 4 }).map(capped);

/** Content types for a same-origin post that is not a plain urlencoded form. */
export const oddContentTypes = [
	'Application/X-WWW-Form-Urlencoded; charset=UTF-8',
	'APPLICATION/X-WWW-FORM-URLENCODED',
	'application/x-www-form-urlencoded; charset=latin1',
	'application/x-www-form-urlencoded;;;charset',
	'text/plain',
	'TEXT/PLAIN',
	'text/plain; charset=UTF-8',
	'multipart/form-data',
	'multipart/form-data; boundary=',
	'multipart/form-data; boundary=nope',
	'Multipart/Form-Data; boundary="----x"',
	'application/json',
	'application/xml',
	'application/octet-stream',
	'application/x-sveltekit-formdata',
	'text/html',
	'*/*',
	'',
	'garbage'
] as const;

/** Form content types SvelteKit treats as cross-site-sensitive, in the spellings a browser or attacker may send. */
export const crossOriginContentTypes = [
	'application/x-www-form-urlencoded',
	'Application/X-WWW-Form-Urlencoded; charset=UTF-8',
	'multipart/form-data; boundary=----fuzz',
	'MULTIPART/FORM-DATA; boundary=----fuzz',
	'text/plain',
	'TEXT/PLAIN',
	'text/plain; charset=utf-8'
] as const;

/** Urlencoded bodies written by hand: broken percent-encoding, invalid UTF-8, stray separators. */
export const rawUrlencoded = (names: readonly string[]): fc.Arbitrary<string> =>
	fc
		.array(
			fc.tuple(
				fc.oneof(fc.constantFrom(...(names.length ? names : ['name'])), fc.constantFrom('', '%', '%ZZ', '&', '=', '+')),
				fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '+++', '==', '%25%32%35', 'a%2', '%F4%90%80%80', 'ok')
			),
			{ minLength: 1, maxLength: 6 }
		)
		.chain((pairs) => fc.constantFrom('&', '&&', ';', '\n').map((sep) => pairs.map(([k, v]) => `${k}=${v}`).join(sep)));

/** Multipart bodies with a broken structure (the boundary is the caller's). */
export const brokenMultipart = (boundary: string): fc.Arbitrary<string> =>
	fc.constantFrom(
		'garbage',
		`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nb`,
		`--${boundary}\r\n\r\n\r\n--${boundary}--`,
		`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nnoname\r\n--${boundary}--\r\n`,
		`--other\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--other--\r\n`,
		`--${boundary}\r\nContent-Disposition: form-data; name="a"; filename="../x"\r\nContent-Type: text/plain\r\n\r\n\0\0\r\n--${boundary}`,
		`--${boundary}--`,
		''
	);
