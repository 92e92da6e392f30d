/**
 * The cases the fuzz tests send, as fast-check arbitraries: a target's parameters, fields,
 * identity and request shape (plain or enhanced form post, multipart, hand-written bodies, odd
 * and upper-case content types, cross-origin posts, other methods, odd action names, replays),
 * and the request-level cases fetch cannot send (GET with a body, bodies over the size limit,
 * addresses that do not decode). Each case becomes the HTTP request(s) it stands for.
 */
import fc from 'fast-check';
import { brokenMultipart, crossOriginContentTypes, hostileParam, hostileString, oddContentTypes, rawUrlencoded, type Fields } from './fuzz-arbitraries';
import { multipart, plainText, urlencoded, type Sent } from './fuzz-http';
import { destructive, fieldsFor, fillRoute, hints, paramsFor, queryHints, type Identity, type Target, type World } from './fuzz-targets';

export type Shape =
	| { kind: 'plain' | 'enhanced' | 'duplicate' | 'get' | 'data' }
	| { kind: 'multipart'; enhanced: boolean }
	| { kind: 'raw'; body: string; enhanced: boolean }
	| { kind: 'odd-type'; contentType: string; body: 'urlencoded' | 'plain' | 'json' | 'multipart' | 'broken'; broken: string; enhanced: boolean }
	| { kind: 'cross-origin'; origin: string | null; contentType: string }
	| { kind: 'method'; method: string }
	| { kind: 'action-name'; name: string };

export interface Case {
	identity: Identity;
	/** the forged identity's cookies */
	forged: string;
	params: Record<string, string>;
	fields: Fields;
	shape: Shape;
}

const enhanced = fc.boolean();
export const boundary = '----fuzz';
const crossOrigin = fc.record({
	kind: fc.constant('cross-origin' as const),
	origin: fc.constantFrom('http://evil.example', 'null', null, 'http://127.0.0.1.evil.example', 'https://127.0.0.1'),
	contentType: fc.constantFrom(...crossOriginContentTypes)
});

const actionShape = (names: string[]): fc.Arbitrary<Shape> =>
	fc.oneof(
		{ arbitrary: fc.constant({ kind: 'plain' as const }), weight: 5 },
		{ arbitrary: fc.constant({ kind: 'enhanced' as const }), weight: 5 },
		{ arbitrary: fc.constant({ kind: 'duplicate' as const }), weight: 1 },
		{ arbitrary: fc.record({ kind: fc.constant('multipart' as const), enhanced }), weight: 2 },
		{ arbitrary: fc.record({ kind: fc.constant('raw' as const), body: rawUrlencoded(names), enhanced }), weight: 1 },
		{
			arbitrary: fc.record({
				kind: fc.constant('odd-type' as const),
				contentType: fc.constantFrom(...oddContentTypes),
				body: fc.constantFrom('urlencoded', 'plain', 'json', 'multipart', 'broken'),
				broken: brokenMultipart(boundary),
				enhanced
			}),
			weight: 2
		},
		{ arbitrary: crossOrigin, weight: 1 },
		{ arbitrary: fc.record({ kind: fc.constant('method' as const), method: fc.constantFrom('PUT', 'DELETE', 'PATCH') }), weight: 1 },
		{
			arbitrary: fc.record({
				kind: fc.constant('action-name' as const),
				name: fc.oneof(fc.constantFrom('default', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '', 'x'.repeat(500)), fc.string({ maxLength: 12 }))
			}),
			weight: 1
		}
	);

const readShape = (target: Target): fc.Arbitrary<Shape> =>
	fc.oneof(
		{ arbitrary: fc.constant({ kind: 'get' as const }), weight: 6 },
		{ arbitrary: fc.constant({ kind: target.kind === 'page' ? ('data' as const) : ('get' as const) }), weight: 3 },
		{ arbitrary: fc.record({ kind: fc.constant('method' as const), method: fc.constantFrom('PUT', 'DELETE', 'PATCH', ...(target.kind === 'endpoint' ? ['POST'] : [])) }), weight: 1 },
		{ arbitrary: crossOrigin, weight: 1 }
	);

const forgedCookie = fc
	.tuple(fc.oneof(fc.string({ maxLength: 80 }), fc.uuid().map(String), fc.constant('')), fc.oneof(fc.uuid().map(String), fc.string({ maxLength: 40 })))
	.map(([session, guest]) => `bc_session=${encodeURIComponent(session)}; bc_guest=${encodeURIComponent(guest)}`);

/**
 * Node refuses a request head over 16 KB (431, with no body, before the app sees it), so a value
 * that goes into an address is kept under 4 KB once percent-encoded.
 */
function forAddress(v: string): string {
	let out = v;
	while (new URLSearchParams({ v: out }).toString().length > 4000) out = out.slice(0, Math.floor(out.length / 2));
	return out;
}

export function caseOf(target: Target, identity: Identity, world: World): fc.Arbitrary<Case> {
	const names = hints[target.key]?.names ?? [];
	return paramsFor(target.route, world).chain((params) =>
		fc.record({
			identity: fc.constant(identity),
			forged: identity === 'forged' ? forgedCookie : fc.constant(''),
			params: fc.constant(params),
			fields:
				target.kind === 'action'
					? fieldsFor(target, world, params)
					: fc.array(fc.tuple(fc.constantFrom(...(queryHints[target.key] ?? ['q']), 'x'), hostileString.map(forAddress)), { maxLength: 3 }).map((f) => f as Fields),
			shape: target.kind === 'action' ? actionShape(names) : readShape(target)
		})
	);
}

/** The Cookie header of an identity. */
export const cookieOf = (world: World, identity: Identity, forged = ''): Record<string, string> => {
	const cookie = { anonymous: '', student: world.student, teacher: world.teacher, 'co-teacher': world.coTeacher, forged }[identity];
	return cookie ? { cookie } : {};
};

export function manualMultipart(fields: Fields): string {
	return (
		fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${typeof v === 'string' ? v : v.file}\r\n`).join('') +
		`--${boundary}--\r\n`
	);
}

export const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
export const enhancedHeaders = (on: boolean): Record<string, string> => (on ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : { accept: ACCEPT_HTML });

export interface Outgoing {
	url: string;
	init: RequestInit;
	sent: Sent;
}

/** The HTTP requests of a case on the server at `base`: one, or two for a replayed submission. */
export function requestsOf(target: Target, c: Case, base: string, world: World): Outgoing[] {
	const path = fillRoute(target.route, c.params);
	const origin = { origin: base };
	const s = c.shape;
	if (target.kind !== 'action') {
		const query = urlencoded(c.fields);
		const where = s.kind === 'data' ? `${path === '/' ? '' : path.replace(/\/$/, '')}/__data.json` : path;
		const url = `${base}${where}${query ? `?${query}` : ''}`;
		const sent = (method: string, note: string): Sent => ({ method, path: `${where}${query ? `?${query}` : ''}`, note: `as ${c.identity} ${note}` });
		if (s.kind === 'method') {
			const init = { method: s.method, headers: { ...cookieOf(world, c.identity, c.forged), ...origin, 'content-type': 'application/x-www-form-urlencoded' }, body: query };
			return [{ url, init, sent: sent(s.method, 'with a form body') }];
		}
		if (s.kind === 'cross-origin') {
			const headers = { ...cookieOf(world, c.identity, c.forged), 'content-type': s.contentType, ...(s.origin ? { origin: s.origin } : {}) };
			return [{ url, init: { method: 'POST', headers, body: query }, sent: sent('POST', `cross-origin from ${s.origin} as ${s.contentType}`) }];
		}
		return [{ url, init: { headers: { ...cookieOf(world, c.identity, c.forged), accept: ACCEPT_HTML } }, sent: sent('GET', '') }];
	}
	const actionPath = s.kind === 'action-name' ? `${path}?/${encodeURIComponent(s.name)}` : target.action === 'default' ? path : `${path}?/${target.action}`;
	const url = `${base}${actionPath}`;
	const sent = (note: string, method = 'POST'): Sent => ({ method, path: actionPath, note: `as ${c.identity} ${note} fields ${JSON.stringify(c.fields).slice(0, 400)}` });
	const form = { 'content-type': 'application/x-www-form-urlencoded' };
	const post = (headers: Record<string, string>, body: BodyInit, note: string, method = 'POST') => ({
		url,
		init: { method, headers: { ...cookieOf(world, c.identity, c.forged), ...headers }, body },
		sent: sent(note, method)
	});
	switch (s.kind) {
		case 'plain':
		case 'enhanced':
			return [post({ ...origin, ...form, ...enhancedHeaders(s.kind === 'enhanced') }, urlencoded(c.fields), s.kind)];
		case 'duplicate': {
			const one = post({ ...origin, ...form, ...enhancedHeaders(true) }, urlencoded(c.fields), 'replayed');
			return [one, { ...one }];
		}
		case 'multipart':
			return [post({ ...origin, ...enhancedHeaders(s.enhanced) }, multipart(c.fields), 'multipart')];
		case 'raw':
			return [post({ ...origin, ...form, ...enhancedHeaders(s.enhanced) }, s.body, `raw body ${JSON.stringify(s.body)}`)];
		case 'odd-type': {
			const body = {
				urlencoded: urlencoded(c.fields),
				plain: plainText(c.fields),
				json: JSON.stringify(Object.fromEntries(c.fields)),
				multipart: manualMultipart(c.fields),
				broken: s.broken
			}[s.body];
			return [post({ ...origin, 'content-type': s.contentType, ...enhancedHeaders(s.enhanced) }, body, `as ${JSON.stringify(s.contentType)} with a ${s.body} body`)];
		}
		case 'cross-origin':
			return [post({ 'content-type': s.contentType, ...(s.origin ? { origin: s.origin } : {}) }, urlencoded(c.fields), `cross-origin from ${s.origin} as ${s.contentType}`)];
		case 'method':
			return [post({ ...origin, ...form }, urlencoded(c.fields), s.kind, s.method)];
		case 'action-name':
			return [post({ ...origin, ...form, ...enhancedHeaders(c.fields.length % 2 === 0) }, urlencoded(c.fields), `action ${JSON.stringify(s.name)}`)];
		default:
			throw new Error(`no such shape for an action: ${s.kind}`);
	}
}

// ---- request-level cases ----

export type RawCase =
	| { kind: 'get-body'; target: Target; params: Record<string, string>; fields: Fields; identity: Identity }
	| { kind: 'oversize'; target: Target; params: Record<string, string>; chunked: boolean; identity: Identity }
	| { kind: 'bad-url'; path: string };

/** adapter-node's default BODY_SIZE_LIMIT (512K) */
export const SIZE_LIMIT = 512 * 1024;

export function rawCase(all: Target[], world: World): fc.Arbitrary<RawCase> {
	const who = (t: Target) => fc.constantFrom<Identity>(...(['anonymous', 'student', 'teacher'] as const).filter((id) => !destructive[t.key]?.includes(id)));
	const actions = all.filter((t) => t.kind === 'action');
	return fc.oneof(
		{
			arbitrary: fc.constantFrom(...all).chain((target) =>
				fc.record({ kind: fc.constant('get-body' as const), target: fc.constant(target), params: paramsFor(target.route, world), fields: fieldsFor(target, world, {}), identity: who(target) })
			),
			weight: 5
		},
		{
			arbitrary: fc.constantFrom(...actions).chain((target) =>
				fc.record({ kind: fc.constant('oversize' as const), target: fc.constant(target), params: paramsFor(target.route, world), chunked: fc.boolean(), identity: who(target) })
			),
			weight: 2
		},
		{
			arbitrary: fc
				.tuple(fc.constantFrom(...all), hostileParam, fc.constantFrom('', '?/%ZZ', '?%', '?hl=%E0%A4%A', '?/default', '?%2Fdefault', '?/__proto__', '/__data.json?%ZZ', '?x-sveltekit-invalidated=%ZZ'))
				.map(([t, p, suffix]) => ({ kind: 'bad-url' as const, path: `${t.route.replace(/\[\w+\]/g, p)}${suffix}` })),
			weight: 2
		}
	);
}

export interface RawOutgoing {
	url: string;
	method: string;
	headers: Record<string, string>;
	chunks: (string | Buffer)[];
	sent: Sent;
}

/** The request of a request-level case, for node:http (fetch will not send a GET with a body). */
export function rawRequest(c: RawCase, base: string, world: World): RawOutgoing {
	const headers = (id: Identity, more: Record<string, string>) => ({ ...cookieOf(world, id), origin: base, ...more });
	if (c.kind === 'get-body') {
		const path = fillRoute(c.target.route, c.params);
		const body = Buffer.from(urlencoded(c.fields));
		return {
			url: `${base}${path}`,
			method: 'GET',
			headers: headers(c.identity, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), accept: ACCEPT_HTML }),
			chunks: [body],
			sent: { method: 'GET', path, note: `with a ${body.length}-byte body as ${c.identity}` }
		};
	}
	if (c.kind === 'oversize') {
		const path = fillRoute(c.target.route, c.params) + (c.target.action === 'default' ? '' : `?/${c.target.action}`);
		const body = Buffer.from(`${hints[c.target.key]?.names[0] ?? 'name'}=${'x'.repeat(SIZE_LIMIT + 4096)}`);
		const chunks = c.chunked ? Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536)) : [body];
		return {
			url: `${base}${path}`,
			method: 'POST',
			headers: headers(c.identity, {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				...(c.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) })
			}),
			chunks,
			sent: { method: 'POST', path, note: `with a ${body.length}-byte body${c.chunked ? ', chunked' : ''} as ${c.identity}` }
		};
	}
	return {
		url: `${base}${c.path}`,
		method: 'POST',
		headers: headers('anonymous', { 'content-type': 'application/x-www-form-urlencoded', accept: ACCEPT_HTML, 'content-length': '3' }),
		chunks: ['a=b'],
		sent: { method: 'POST', path: c.path, note: 'with a malformed address' }
	};
}
