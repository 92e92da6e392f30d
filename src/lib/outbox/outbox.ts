/**
 * The answer outbox in the page: question cards queue here what the server did not acknowledge,
 * and hear, per question, what is waiting and what came back once it was sent. Sending starts by
 * itself when the connection returns, on the next page load, and after a failed try (with
 * backoff, for a server that is down while the network is not); entries go in the order they
 * were made, each with its own submission key, so the server stores each once.
 *
 * Plain DOM code with no framework: the lesson page's script (src/lib/enhance) carries it, and so
 * does every other page through the layout, which sends what waits.
 */
import { CARD_HEADER, CARD_KIND } from './card-kind';
import { textFields } from './restore';
import { STORE, adoptGuest, currentOwner, drop, forgetDeleted, keep, markRefused, readAll, type OutboxEntry } from './store';

/** How long a post may go unanswered before it is kept here instead. */
export const ANSWER_TIMEOUT_MS = 15_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * What a card's post got back (status 0: nothing). `html` is the card as the server renders it
 * now (`x-card: html`), or `message` says why there is none (`x-card: message`); a reply with
 * neither header came from something else (a proxy's or a captive portal's page).
 */
export interface CardReply {
	status: number;
	html?: string;
	message?: string;
	/** when a written save was stored (`x-saved-at`) */
	savedAt?: string;
	/** the server would store it only for whoever was signed in when it was made (`x-card: wrong-owner`) */
	wrongOwner?: boolean;
}

/** The server could not be reached, or something else answered for it: worth sending again. */
export const unreachable = (r: CardReply) => r.status === 0 || (r.html === undefined && r.message === undefined) || (r.status >= 502 && r.status <= 504);

/**
 * What a reply means for the outbox: `done` (stored, or refused for good: the card shows which),
 * `stop` (nothing gets through now: no connection, a proxy or portal answering, signed out, or
 * someone else signed in; all of it waits), or `hold` (this question's entries wait, behind this
 * one, and the rest go on: a server error must not keep every other answer from being stored).
 */
export function verdict(r: CardReply): 'done' | 'stop' | 'hold' {
	if (r.status === 0 || r.status === 401 || r.wrongOwner) return 'stop';
	if (r.html !== undefined || r.message !== undefined) return 'done';
	if (r.status < 400 || (r.status >= 502 && r.status <= 504)) return 'stop';
	return 'hold';
}

export interface Settled {
	key: string;
	kind: OutboxEntry['kind'];
	reply: CardReply;
}

type Listener = (question: string, settled?: Settled) => void;
const listeners = new Set<Listener>();
/** A card hears when what waits for its question changes, and what came back (`settled`). */
export function onOutbox(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

// sent only while their owner is signed in in this browser (the request carries that session)
const mine = () => readAll().filter((e) => e.owner === currentOwner());

const onThisPage = (e: OutboxEntry) => new URL(e.action, location.href).pathname === location.pathname;

/** What waits for a question of this page. */
export const waitingFor = (question: string) => mine().filter((e) => e.question === question && onThisPage(e));

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
	tell();
};

let known = new Set<string>();
function tell(question?: string, settled?: Settled): void {
	const now = new Set(mine().filter(onThisPage).map((e) => e.question));
	const changed = question ? [question] : [...new Set([...known, ...now])];
	known = now;
	// (a copy: a card put in place meanwhile listens from the next change on)
	const listening = [...listeners];
	for (const q of changed) for (const l of listening) l(q, question === q ? settled : undefined);
}

/** Where a card's post goes: old entries name the page's form action, new ones its card address. */
export const cardAddress = (action: string) => action.split('#')[0]!.replace(/\?\/(answer|write)$/, '').replace(/\/card$/, '') + '/card';

/** Keeps a form's post to send later. False when the browser would not store it. */
export function queue(form: HTMLFormElement, data: FormData, question: string, kind: OutboxEntry['kind']): boolean {
	const action = form.action.split('#')[0]!;
	const fields = textFields(data);
	const key = String(data.get('idem') ?? '');
	const kept = keep({ key, owner: pageOwner || currentOwner(), action, question, kind, fields, at: Date.now() });
	tell(question);
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

/**
 * One post of a card's form to the card address; `owner` names whose it is (the server refuses
 * it for anyone else): by default whom the page was made for, so that on a shared computer an
 * answer made on one student's page is never stored as whoever signed in since in another tab.
 * A request that got no answer it can read is `unreachable`.
 */
export async function postCard(action: string, body: FormData, owner: string = pageOwner, signal?: AbortSignal): Promise<CardReply> {
	try {
		const headers: Record<string, string> = { accept: 'text/html' };
		if (owner) headers['x-outbox-owner'] = owner;
		const res = await fetch(cardAddress(action), { method: 'POST', body, headers, signal: signal ?? AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
		const text = await res.text();
		const kind = res.headers.get(CARD_HEADER);
		const savedAt = res.headers.get('x-saved-at') ?? undefined;
		if (kind === CARD_KIND.html) return { status: res.status, html: text, savedAt };
		if (kind === CARD_KIND.message) return { status: res.status, message: text };
		if (kind === CARD_KIND.wrongOwner) return { status: res.status, wrongOwner: true, message: text };
		// refused before the card's handler (too large, not from this site): final, in words
		if (res.status >= 400 && res.status < 500) return { status: res.status, message: `The server refused this (HTTP ${res.status}). Reload the page and try again.` };
		return { status: res.status };
	} catch {
		return { status: 0 };
	}
}

/**
 * Sends what waits, oldest first, and tries again later what did not get through (see `verdict`);
 * the entries of a question keep their order.
 */
export async function send(): Promise<void> {
	if (sending || !navigator.onLine) return;
	sending = true;
	adoptGuest();
	clearTimeout(timer);
	try {
		const held = new Set<string>();
		for (const entry of sendable()) {
			// behind one of its question that did not get through; or refused meanwhile on this round, from another page
			if (held.has(entry.question) || !sendable().some((e) => e.key === entry.key)) continue;
			const body = new FormData();
			for (const [name, value] of entry.fields) body.append(name, value);
			const reply = await postCard(entry.action, body, entry.owner);
			const next = verdict(reply);
			if (next === 'stop') {
				attempt++;
				retry();
				return;
			}
			if (next === 'hold') {
				held.add(entry.question);
				continue;
			}
			if (entry.kind !== 'answer' && reply.status !== 200 && !onThisPage(entry)) markRefused(entry.key);
			else drop(entry.key);
			tell(entry.question, { key: entry.key, kind: entry.kind, reply });
		}
		if (held.size) {
			attempt++;
			return retry();
		}
		attempt = 0;
	} finally {
		sending = false;
		tell();
	}
	// queued while this round was sending
	if (sendable().length) retry();
}

/** Once per page load. */
export function startOutbox(): void {
	forgetDeleted();
	adoptGuest();
	notePageOwner();
	addEventListener('online', () => void send());
	// another tab sent or queued something
	addEventListener('storage', (e) => e.key === STORE && tell());
	if (sendable().length) void send();
}
