// @vitest-environment-options {"url": "http://localhost/modules/m/l"}
/**
 * What the outbox does with each kind of reply: a refusal is final (a card says why), a server
 * error holds only its own question, and no connection, a portal's page, signed out or another
 * owner keep everything for later. One entry that cannot be stored never keeps the others back.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { STORE } from '$lib/outbox/store';

type Kind = 'answer' | 'draft' | 'submit';
const HERE = 'http://localhost/modules/m/l';
const OTHER = 'http://localhost/modules/other/lesson';

function entry(key: string, question: string, kind: Kind, page: string) {
	const fields = kind === 'answer' ? [['choice', 'a']] : [['intent', kind], ['claim', 'my text']];
	return { key, owner: 'uOWNER', action: `${page}?/${kind === 'answer' ? 'answer' : 'write'}`, question, kind, at: 1, fields: [['question', question], ['idem', key], ...fields] };
}

const card = (status: number) => new Response('<section data-card></section>', { status, headers: { 'x-card': 'html' } });
let posted: string[];

/** Sends what is stored; `reply` answers each post by its key. Returns the keys still waiting, and which are refused. */
async function send(entries: ReturnType<typeof entry>[], reply: (key: string) => Response | Promise<Response>) {
	localStorage.setItem(STORE, JSON.stringify(entries));
	vi.stubGlobal(
		'fetch',
		vi.fn(async (_url: string, init: RequestInit) => {
			const key = (init.body as FormData).get('idem') as string;
			posted.push(key);
			return reply(key);
		})
	);
	const outbox = await import('$lib/outbox/outbox');
	await outbox.send();
	const left = JSON.parse(localStorage.getItem(STORE) ?? '[]') as { key: string; refused?: boolean }[];
	return { left: left.map((e) => e.key), refused: left.filter((e) => e.refused).map((e) => e.key) };
}

beforeEach(() => {
	vi.resetModules();
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	localStorage.clear();
	document.cookie = 'bc_owner=uOWNER; path=/';
	posted = [];
});

describe('a reply that is final', () => {
	test('a written save refused 409 on its own page (graded meanwhile) is settled, and the next entry is sent', async () => {
		const r = await send([entry('k1', 'w1', 'draft', HERE), entry('k2', 'q2', 'answer', OTHER)], (k) => card(k === 'k1' ? 409 : 200));
		expect(posted).toEqual(['k1', 'k2']);
		expect(r.left).toEqual([]);
	});

	test('the same refusal from another page is kept, marked refused, for its own page; the rest is sent', async () => {
		const r = await send([entry('k1', 'w1', 'draft', OTHER), entry('k2', 'w1', 'submit', OTHER), entry('k3', 'q3', 'answer', HERE)], (k) => card(k === 'k1' ? 409 : 200));
		// k2 is behind k1, of the same question: it waits for that page too
		expect(posted).toEqual(['k1', 'k3']);
		expect(r).toEqual({ left: ['k1', 'k2'], refused: ['k1'] });
	});

	test('an answer whose key was used for another answer (409) is dropped, not sent for ever', async () => {
		const r = await send([entry('k1', 'q1', 'answer', HERE), entry('k2', 'q2', 'answer', HERE)], (k) => card(k === 'k1' ? 409 : 200));
		expect(posted).toEqual(['k1', 'k2']);
		expect(r.left).toEqual([]);
	});

	test('an error page with no card (a lesson that is gone, a body too large) is final, with words', async () => {
		const heard: string[] = [];
		const outbox = await import('$lib/outbox/outbox');
		outbox.onOutbox((q, settled) => settled && heard.push(`${q}: ${settled.reply.message}`));
		vi.resetModules();
		localStorage.setItem(STORE, JSON.stringify([entry('k1', 'q1', 'answer', HERE), entry('k2', 'q2', 'answer', HERE)]));
		vi.stubGlobal('fetch', vi.fn(async (_u: string, init: RequestInit) => (posted.push((init.body as FormData).get('idem') as string), new Response('<title>413</title>', { status: 413 }))));
		await outbox.send();
		expect(posted).toEqual(['k1', 'k2']);
		expect(JSON.parse(localStorage.getItem(STORE) ?? '[]')).toEqual([]);
		expect(heard).toEqual(['q1: The server refused this (HTTP 413). Reload the page and try again.', 'q2: The server refused this (HTTP 413). Reload the page and try again.']);
	});
});

describe('a reply that means later', () => {
	test('a server error holds its own question only: what follows of it waits, the other questions are sent', async () => {
		const r = await send([entry('k1', 'q1', 'answer', HERE), entry('k2', 'q1', 'answer', HERE), entry('k3', 'q3', 'answer', HERE)], (k) =>
			k === 'k1' ? new Response('<h1>Internal Error</h1>', { status: 500 }) : card(200)
		);
		expect(posted).toEqual(['k1', 'k3']);
		expect(r.left).toEqual(['k1', 'k2']);
		// and it is tried again
		posted = [];
		vi.stubGlobal('fetch', vi.fn(async (_u: string, init: RequestInit) => (posted.push((init.body as FormData).get('idem') as string), card(200))));
		await vi.runOnlyPendingTimersAsync();
		expect(posted).toEqual(['k1', 'k2']);
		expect(JSON.parse(localStorage.getItem(STORE) ?? '[]')).toEqual([]);
	});

	test.each([
		['no connection', () => Promise.reject(new TypeError('Failed to fetch'))],
		["a portal's page (200, no card)", () => new Response('<h1>Log in to the Wi-Fi</h1>', { status: 200 })],
		['a proxy with the server down (502)', () => new Response('Bad Gateway', { status: 502 })],
		['signed out meanwhile (401)', () => new Response('Log in.', { status: 401, headers: { 'x-card': 'message' } })],
		['someone else signed in (wrong owner)', () => new Response('', { status: 409, headers: { 'x-card': 'wrong-owner' } })]
	])('%s: nothing more is sent now, and everything waits', async (_what, reply) => {
		const r = await send([entry('k1', 'q1', 'answer', HERE), entry('k2', 'q2', 'answer', HERE)], reply as () => Response);
		expect(posted).toEqual(['k1']);
		expect(r.left).toEqual(['k1', 'k2']);
	});
});
