/**
 * A written question's card with JavaScript. The draft saves itself a few seconds after typing
 * stops (and when the page is hidden), each save with its own submission key, and the status
 * line says when it was last saved; Save draft and Submit post without a reload. What the server
 * does not acknowledge waits in the outbox, and after a reload the editor shows it. The server's
 * card replaces this one after a submission or a refusal, but never takes away text typed since
 * the post was made: the editor's text goes into the new card, still to be saved.
 */
import { cardAddress, onOutbox, postCard, queue, send, unreachable, waitingFor, type CardReply } from '$lib/outbox/outbox';
import { restoreFields, textFields } from '$lib/outbox/restore';
import { partsOf, renewKey, replaceCard, showError } from './cards';

const AUTOSAVE_MS = 3000;
type Kind = 'draft' | 'submit';

/** The live "n / max" under each text part. */
function counts(form: HTMLFormElement) {
	const update = () => {
		for (const area of form.querySelectorAll('textarea')) {
			const count = area.parentElement?.querySelector('.count');
			if (count) count.textContent = `${area.value.length} / ${count.textContent!.split(' / ')[1]}`;
		}
	};
	form.addEventListener('input', update);
	update();
}

export function writtenCard(section: HTMLElement): void {
	const { form, question } = partsOf(section);
	counts(form);
	if (section.hasAttribute('data-locked')) return;
	const status = form.querySelector<HTMLElement>('.status');
	const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
	const timeZone = section.dataset.timeZone ?? 'UTC';
	const time = (iso?: string) => new Date(iso ?? Date.now()).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
	const savedAt = (reply: CardReply) => `Draft saved at ${time(reply.savedAt)}.`;

	let dirty = false;
	/** typing so far: a save clears `dirty` only if nothing was typed after its body was built */
	let edits = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let saving: Promise<void> | null = null;
	/** replaced by the server's card: this one does nothing more */
	let gone = false;
	/** a press of Save draft or Submit is being sent */
	let posting = false;

	const say = (text: string, on: HTMLElement | null = status) => on && (on.textContent = text);
	const pending = (on: boolean) => buttons.forEach((b) => (b.disabled = on));
	// offline, or something of this question still waits in the outbox: this goes behind it, in order
	const mustWait = () => !navigator.onLine || waitingFor(question).length > 0;

	/**
	 * The server's card in place of this one, with the editor's text and picks in it (the same as
	 * the server's, unless typed since: then `unsaved`, and saved by the new card) and focus kept.
	 */
	function takeCard(html: string, unsaved: boolean): HTMLElement | null {
		const fields = textFields(new FormData(form));
		const active = document.activeElement instanceof HTMLElement && section.contains(document.activeElement) ? document.activeElement : null;
		const card = replaceCard(section, html, (next) => {
			restoreFields(next.querySelector('form')!, fields);
			if (unsaved) next.dataset.unsaved = '';
		});
		if (!card) return null;
		gone = true;
		clearTimeout(timer);
		if (active) {
			const same = active.id ? card.querySelector<HTMLElement>(`#${CSS.escape(active.id)}`) : card.querySelector<HTMLElement>(`button[value="${active.getAttribute('value')}"]`);
			same?.focus();
			if (active instanceof HTMLTextAreaElement && same instanceof HTMLTextAreaElement) same.setSelectionRange(active.selectionStart, active.selectionEnd);
		}
		return card;
	}
	const statusOf = (card: HTMLElement | null) => card?.querySelector<HTMLElement>('.status') ?? null;

	/** Kept in the outbox instead; it says so, or that this browser would not keep it. `at`: the edits the body holds. */
	function keepForLater(body: FormData, kind: Kind, at: number, why?: string) {
		pending(false);
		if (queue(form, body, question, kind)) {
			if (edits === at) dirty = false;
			else schedule();
			renewKey(form);
			say(why ?? (kind === 'draft' ? 'Saved on this device — it will be saved to your account when you are back online.' : 'Saved on this device — it will be submitted when you are back online.'));
		} else {
			dirty = true;
			say('Not saved: the server could not be reached, and this browser would not keep it. Keep this page open; it is saved when the server can be reached.');
			schedule();
		}
	}

	const draftBody = () => {
		const body = new FormData(form);
		body.set('intent', 'draft');
		body.set('idem', crypto.randomUUID());
		return body;
	};

	/** One draft save, as Save draft would post it. */
	async function saveDraft(): Promise<void> {
		if (gone) return;
		// a Save draft or Submit is on its way: its reply decides the card; this waits behind it
		if (posting) return schedule();
		const body = draftBody();
		if (mustWait()) {
			keepForLater(body, 'draft', edits);
			return void send();
		}
		const at = edits;
		dirty = false;
		say('Saving your draft…');
		const reply = await postCard(form.action, body);
		if (gone) return;
		if (unreachable(reply)) return keepForLater(body, 'draft', at);
		// signed out, or someone else signed in, in another tab: kept, and saved once they are back
		if (reply.status === 401 || reply.wrongOwner) return keepForLater(body, 'draft', at, reply.message);
		if (reply.status === 200 && !form.querySelector('.error-text')) return void say(savedAt(reply));
		if (reply.html !== undefined) {
			// a refusal, or a save after one: the server's card says which
			const card = takeCard(reply.html, reply.status !== 200 || edits !== at);
			return void say(reply.status === 200 ? savedAt(reply) : 'Your draft is not saved yet.', statusOf(card));
		}
		showError(form, reply.message ?? 'Your draft could not be saved.');
		dirty = true;
		say('Your draft is not saved yet.');
	}

	function schedule() {
		clearTimeout(timer);
		timer = setTimeout(() => {
			saving = (saving ?? Promise.resolve()).then(saveDraft).finally(() => (saving = null));
		}, AUTOSAVE_MS);
	}

	form.addEventListener('input', () => {
		dirty = true;
		edits++;
		say('Changes not saved yet…');
		schedule();
	});

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearTimeout(timer);
		const kind: Kind = event.submitter?.getAttribute('value') === 'submit' ? 'submit' : 'draft';
		const body = new FormData(form, event.submitter);
		if (mustWait()) {
			keepForLater(body, kind, edits);
			return void send();
		}
		pending(true);
		const at = edits;
		posting = true;
		const reply = await postCard(form.action, body).finally(() => (posting = false));
		if (gone) return;
		pending(false);
		if (unreachable(reply)) return keepForLater(body, kind, at);
		if (reply.status === 401 || reply.wrongOwner) return keepForLater(body, kind, at, reply.message);
		if (reply.html === undefined) return showError(form, reply.message ?? 'That could not be saved.');
		// typed while it was sent: that text stays, and saves itself as a draft
		const card = takeCard(reply.html, reply.status !== 200 || edits !== at);
		if (reply.status === 200) say(kind === 'submit' ? 'Submitted.' : savedAt(reply), statusOf(card));
	});

	// what the outbox sent came back
	const stop = onOutbox((q, settled) => {
		if (gone || !section.isConnected) return stop();
		if (q !== question || !settled) return;
		const { reply, kind } = settled;
		const done = kind === 'submit' ? 'Submitted.' : savedAt(reply);
		if (reply.status === 200) {
			// the server's card once the last of them is stored: the editor shows the newest text meanwhile
			if (waitingFor(question).length === 0 && reply.html !== undefined) say(done, statusOf(takeCard(reply.html, dirty)));
			else say(done);
		} else if (reply.html !== undefined) {
			// refused: the text is still in the editor, and saves itself as a draft again
			say('Not saved yet: see the message below. Your text is still here.', statusOf(takeCard(reply.html, true)));
		} else {
			showError(form, reply.message ?? 'That could not be saved.');
			dirty = true;
			schedule();
		}
	});

	// a tab closed or switched away: send what is unsaved at once
	document.addEventListener('visibilitychange', function flush() {
		if (gone || !section.isConnected) return document.removeEventListener('visibilitychange', flush);
		if (document.visibilityState !== 'hidden' || !dirty) return;
		clearTimeout(timer);
		const body = draftBody();
		// the outbox keeps it too, even if the tab is closed now: offline, or if the beacon is
		// lost, it is sent from the next page (stored once, by its key, if the beacon got there)
		if (mustWait()) return keepForLater(body, 'draft', edits);
		if (queue(form, body, question, 'draft') && navigator.sendBeacon?.(cardAddress(form.action), body)) dirty = false;
	});

	// after a reload, the editor shows the last save still waiting: it is newer than the server's text
	const waiting = waitingFor(question);
	if (waiting.length) {
		restoreFields(form, waiting.at(-1)!.fields);
		say(`Saved on this device — it will be ${waiting.some((e) => e.kind === 'submit') ? 'submitted' : 'saved to your account'} when you are back online.`);
	}
	// text carried over from the card this one replaced, typed after what the server holds
	if (section.hasAttribute('data-unsaved')) {
		section.removeAttribute('data-unsaved');
		dirty = true;
		schedule();
	}
}
