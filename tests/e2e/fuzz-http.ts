/**
 * How the fuzz tests send a case and judge its answer. Every answer must be below 500; a 4xx
 * must read as a message for a person (no stack trace, no bare "Internal Error"); a form
 * action's JSON failure or error must carry its message. Counts every case and status.
 */
import { request as httpRequest, type Agent } from 'node:http';
import type { Fields, Value } from './fuzz-arbitraries';

export interface Sent {
	method: string;
	path: string;
	/** what was sent besides the path, for the failure message */
	note: string;
}

export interface Answer {
	status: number;
	type: string;
	text: string;
	location: string | null;
}

export class Stats {
	cases = 0;
	fiveHundreds = 0;
	statuses = new Map<number, number>();
	count(status: number) {
		this.cases++;
		if (status >= 500) this.fiveHundreds++;
		this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
	}
	summary(): string {
		return `{${[...this.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}}`;
	}
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
export const describe = (sent: Sent, a?: Pick<Answer, 'status' | 'text'>) =>
	`${sent.method} ${clip(sent.path, 200)} ${sent.note}${a ? ` → HTTP ${a.status}: ${clip(a.text.replace(/\s+/g, ' '))}` : ''}`;

/** A stack trace line, as Node prints one. */
const STACK = /^\s*at \S.*(:\d+:\d+\)?|\(native\))\s*$/m;
/** A word a person reads: three letters or more. */
const WORD = /\p{L}{3,}/u;

function readsAsMessage(text: string): string | null {
	if (!text.trim()) return 'the body is empty';
	if (!WORD.test(text)) return 'the body has no words';
	if (STACK.test(text)) return 'the body shows a stack trace';
	if (/Internal Error/.test(text)) return 'the body says "Internal Error"';
	return null;
}

/**
 * SvelteKit's devalue format for action data (a flat JSON array, objects refer to entries by
 * index) back into plain values; enough for the strings, numbers and objects actions return.
 */
function unflatten(text: string): unknown {
	const flat: unknown = JSON.parse(text);
	if (!Array.isArray(flat)) return undefined;
	const at = (i: unknown): unknown => {
		if (typeof i !== 'number' || i < 0) return undefined;
		const v: unknown = flat[i];
		if (Array.isArray(v)) return typeof v[0] === 'string' ? v.slice(1) : v.map(at);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, j]) => [k, at(j)]));
		return v;
	};
	return at(0);
}

/** Some string of three letters or more under a key that holds messages, anywhere in a value. */
function hasMessage(value: unknown, underMessageKey = false): boolean {
	if (typeof value === 'string') return underMessageKey && WORD.test(value);
	if (Array.isArray(value)) return value.some((v) => hasMessage(v, underMessageKey));
	if (value && typeof value === 'object') {
		return Object.entries(value).some(([k, v]) => hasMessage(v, underMessageKey || /^(message|error|errors)$/.test(k)));
	}
	return false;
}

/**
 * The status a response really stands for, or a problem with it. For a form action's JSON
 * (`{type: 'failure', status, data}` is HTTP 200) the inner status; for a page's `__data.json`
 * the status of its error node.
 */
export function judge(a: Answer): { status: number; problem: string | null } {
	if (a.status >= 500) return { status: a.status, problem: `server error ${a.status}` };
	let status = a.status;
	if (a.type.includes('application/json') && a.text) {
		let body: unknown;
		try {
			body = JSON.parse(a.text.split('\n')[0]!);
		} catch {
			return { status, problem: 'the JSON answer does not parse' };
		}
		const b = body as { type?: string; status?: number; data?: string; error?: { message?: unknown }; nodes?: unknown[] };
		if (b.type === 'failure') {
			status = b.status ?? status;
			if (status >= 500) return { status, problem: `action failure with status ${status}` };
			let data: unknown;
			try {
				data = unflatten(b.data ?? 'null');
			} catch {
				return { status, problem: 'the failure data does not parse' };
			}
			if (!hasMessage(data)) return { status, problem: 'the failure has no message' };
		} else if (b.type === 'error') {
			if (typeof b.error?.message !== 'string' || readsAsMessage(b.error.message)) return { status, problem: `the error's message is ${JSON.stringify(b.error)}` };
		} else if (b.type === 'redirect') {
			status = b.status ?? 303;
		} else if (b.type === 'data' && Array.isArray(b.nodes)) {
			const failed = b.nodes.find((n): n is { type: string; status?: number; error?: { message?: unknown } } => (n as { type?: string } | null)?.type === 'error');
			if (failed) {
				status = failed.status ?? 500;
				if (status >= 500) return { status, problem: `data request failed with ${status}` };
				if (typeof failed.error?.message !== 'string' || readsAsMessage(failed.error.message)) return { status, problem: 'the data error has no message' };
			}
		}
	}
	if (status >= 500) return { status, problem: `server error ${status}` };
	if (status >= 400) {
		const problem = readsAsMessage(a.text);
		if (problem) return { status, problem };
	}
	return { status, problem: null };
}

/** a request the server has not answered by then is a failure (a hang), not a slow answer */
const TIMEOUT = 10_000;

/** A request by fetch (connections kept alive), for requests without a body. */
export async function fetchAnswer(url: string, init: RequestInit): Promise<Answer> {
	const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT) });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), location: res.headers.get('location') };
}

/** A request fetch will not send: a GET with a body, a chunked body, raw bytes. Resolves once the answer is read. */
export function rawAnswer(
	url: string,
	{ method, headers, chunks, agent, timeout = TIMEOUT }: { method: string; headers: Record<string, string>; chunks: (string | Buffer)[]; agent?: Agent; timeout?: number }
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		let answered = false;
		// a connection of its own unless an agent is given
		const req = httpRequest(url, { method, headers, timeout, agent: agent ?? false }, (res) => {
			answered = true;
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text, location: res.headers.location ?? null }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeout} ms`)));
		// the server may answer (413) and close before the whole body is written: that answer counts
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		for (const c of chunks) if (!req.destroyed) req.write(c);
		req.end();
	});
}

/** Bodies above this go on a connection of their own (see `send`). */
const SHARED_BODY_LIMIT = 32 * 1024;

/**
 * Sends a request as fetch would. A large body that SvelteKit answers before the app's hooks
 * run (a cross-origin refusal, a trailing-slash redirect) is left unread and makes a kept-alive
 * connection hang for the next request on it, which the app cannot prevent (fuzz.test.ts shows
 * that the app's own refusals do not); so a large body goes on a connection of its own, and one
 * case cannot make the next one fail. Small ones share kept-alive connections, as browsers do.
 */
export async function send(url: string, init: RequestInit): Promise<Answer> {
	const headers = { ...(init.headers as Record<string, string>) };
	let body: Buffer | null = null;
	if (init.body instanceof FormData) {
		const encoded = new Response(init.body);
		headers['content-type'] = encoded.headers.get('content-type')!;
		body = Buffer.from(await encoded.arrayBuffer());
	} else if (typeof init.body === 'string') {
		body = Buffer.from(init.body);
	}
	if (!body || body.length <= SHARED_BODY_LIMIT) return fetchAnswer(url, { ...init, headers, body: body ? new Uint8Array(body) : null });
	return rawAnswer(url, { method: init.method ?? 'GET', headers: { ...headers, 'content-length': String(body.length) }, chunks: [body] });
}

/** A form as a urlencoded body (lone surrogates become U+FFFD, as a browser sends them). */
export const urlencoded = (fields: Fields): string => new URLSearchParams(fields.map(([k, v]) => [k, typeof v === 'string' ? v : v.file])).toString();

/** A form as multipart/form-data, file parts as files. */
export function multipart(fields: Fields): FormData {
	const data = new FormData();
	for (const [k, v] of fields) {
		if (typeof v === 'string') data.append(k, v);
		else data.append(k, new Blob([v.file], { type: v.type }), v.name);
	}
	return data;
}

/** A form as text/plain, the way a browser encodes it (name=value lines). */
export const plainText = (fields: Fields): string => fields.map(([k, v]: [string, Value]) => `${k}=${typeof v === 'string' ? v : v.file}`).join('\r\n');
