/**
 * The answer outbox in the page: question cards queue here what the server did not acknowledge,
 * and read back, per question, what is waiting and what came back once it was sent. Sending
 * starts by itself when the connection returns, on the next page load, and after a failed try
 * (with backoff, for a server that is down while the network is not); entries go in the order
 * they were made, each with its own submission key, so the server stores each once.
 */
import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';
import { STORE, adoptGuest, currentOwner, drop, forgetDeleted, keep, markRefused, readAll, type OutboxEntry } from './store';

/** How long a post may go unanswered before it is kept here instead. */
export const ANSWER_TIMEOUT_MS = 15_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface Settled {
	key: string;
	kind: OutboxEntry['kind'];
	result: ActionResult;
	/** when it came back: a card mounted later shows its own page's data instead */
	at: number;
}

/** This page's view of the outbox, by question id. */
export const outbox = $state({ waiting: {} as Record<string, OutboxEntry[]>, settled: {} as Record<string, Settled> });

// sent only while their owner is signed in in this browser (the request carries that session)
const mine = () => readAll().filter((e) => e.owner === currentOwner());

const onThisPage = (e: OutboxEntry) => new URL(e.action, location.href).pathname === location.pathname;

/**
 * What may be sent from this page. A written save refused while another page was open is not
 * dropped: its text would be lost with it, as no card of it is there to take it back. It waits,
 * with every later save of its question, until its own lesson page sends it again and shows
 * the refusal in the editor that still holds the text.
 */
function sendable(): OutboxEntry[] {
	const all = mine();
	const held = new Set(all.filter((e) => e.refused && !onThisPage(e)).map((e) => e.question));
	return all.filter((e) => !held.has(e.question));
}

/**
 * Whom the page was made for, noted when it loaded or was navigated to: what a card queues is
 * theirs, even if someone else has signed in in another tab since.
 */
let pageOwner = '';
export const notePageOwner = () => {
	pageOwner = currentOwner();
	refresh();
};

function refresh(): void {
	const waiting: Record<string, OutboxEntry[]> = {};
	for (const e of mine()) if (onThisPage(e)) (waiting[e.question] ??= []).push(e);
	outbox.waiting = waiting;
}

/** A network that failed, or a proxy whose server is down: worth sending again. */
export const unreachable = (result: ActionResult) => result.type === 'error' && (result.status === undefined || (result.status >= 502 && result.status <= 504));

/** Keeps a form's post to send later. False when the browser would not store it. */
export function queue(form: HTMLFormElement, data: FormData, question: string, kind: OutboxEntry['kind']): boolean {
	const action = form.action.split('#')[0]!;
	const fields = [...data].filter((f): f is [string, string] => typeof f[1] === 'string');
	const key = String(data.get('idem') ?? '');
	// a guest's browser session may have begun with an answer since the page loaded
	const kept = keep({ key, owner: pageOwner || currentOwner(), action, question, kind, fields, at: Date.now() });
	refresh();
	if (kept) retry();
	return kept;
}

let sending = false;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function retry(): void {
	clearTimeout(timer);
	timer = setTimeout(() => void send(), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
}

/** One entry's post, as use:enhance makes it; a request that got no answer it can read is `unreachable`. */
async function post(entry: OutboxEntry): Promise<ActionResult> {
	const body = new FormData();
	for (const [name, value] of entry.fields) body.append(name, value);
	let res: Response;
	try {
		res = await fetch(entry.action, {
			method: 'POST',
			body,
			// the server refuses it if someone else is signed in by now
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true', 'x-outbox-owner': entry.owner },
			signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS)
		});
	} catch {
		return { type: 'error', error: 'unreachable' };
	}
	try {
		const result = deserialize(await res.text());
		if (result.type === 'error') result.status = res.status;
		return result;
	} catch {
		// not the action's answer (a proxy's page): down if 5xx, else a refusal
		return { type: 'error', status: res.status, error: `answered ${res.status}` };
	}
}

/** Sends what waits, oldest first; stops at the first that cannot get through and tries again later. */
export async function send(): Promise<void> {
	if (sending || !navigator.onLine) return;
	sending = true;
	adoptGuest();
	clearTimeout(timer);
	try {
		for (const entry of sendable()) {
			// refused meanwhile on this round, from another page: it and what follows it wait for their page
			if (!sendable().some((e) => e.key === entry.key)) continue;
			const result = await post(entry);
			// down, or its account signed out meanwhile (the write action sends a guest to log in): keep it for later
			if (unreachable(result) || result.type === 'redirect' || (result.type === 'failure' && result.data?.wrongOwner)) {
				attempt++;
				retry();
				return;
			}
			if (entry.kind !== 'answer' && result.type !== 'success' && !onThisPage(entry)) markRefused(entry.key);
			else drop(entry.key);
			// each card sees at once what still waits behind what came back
			refresh();
			outbox.settled[entry.question] = { key: entry.key, kind: entry.kind, result, at: Date.now() };
		}
		attempt = 0;
	} finally {
		sending = false;
		refresh();
	}
	// queued while this round was sending
	if (sendable().length) retry();
}

/** Once per page load, from the layout. */
export function startOutbox(): void {
	forgetDeleted();
	adoptGuest();
	notePageOwner();
	addEventListener('online', () => void send());
	// another tab sent or queued something
	addEventListener('storage', (e) => e.key === STORE && refresh());
	if (sendable().length) void send();
}
