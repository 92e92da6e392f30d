/**
 * A question card with JavaScript: its answer is posted to the lesson's card address without a
 * reload, and the card the server renders (feedback and all) takes its place, with focus on the
 * feedback. An answer the server does not acknowledge (offline, no answer in time, a dropped
 * connection) waits in the outbox; the card says so, and after a reload shows it still waiting.
 */
import { onOutbox, postCard, queue, send, unreachable, waitingFor } from '$lib/outbox/outbox';
import { restoreFields, textFields } from '$lib/outbox/restore';
import { partsOf, renewKey, replaceCard, showError } from './cards';

const NOT_KEPT = 'Not checked: the server could not be reached, and this browser would not keep your answer. Check it again later.';
const NOT_CHECKED = 'That answer could not be checked.';

export function answerCard(section: HTMLElement): void {
	const { form, question } = partsOf(section);
	const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
	const note = form.querySelector<HTMLElement>('.waiting');
	const feedback = () => section.querySelector<HTMLElement>('.feedback-wrap');

	/** The waiting note, and the feedback hidden while a newer answer waits. */
	function showWaiting() {
		const waiting = waitingFor(question).length > 0;
		if (note) note.hidden = !waiting;
		if (waiting) feedback()?.setAttribute('hidden', '');
	}

	/** Kept in the outbox; `why` it waits, when not for the connection (signed out meanwhile). */
	function keepForLater(data: FormData, why: string | null = null) {
		const fields = textFields(data);
		if (queue(form, data, question, 'answer')) {
			showError(form, why);
			renewKey(form);
			// the inputs keep showing what was posted
			restoreFields(form, fields);
		} else showError(form, NOT_KEPT);
		showWaiting();
	}

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const data = new FormData(form, event.submitter);
		// offline, or an earlier answer still waits: this one goes behind it, in order
		if (!navigator.onLine || waitingFor(question).length) {
			keepForLater(data);
			return void send();
		}
		const label = button.textContent;
		button.disabled = true;
		button.textContent = 'Checking…';
		const reply = await postCard(form.action, data);
		button.disabled = false;
		button.textContent = label;
		if (unreachable(reply)) return keepForLater(data);
		// signed out, or someone else signed in, in another tab: it waits, and goes once they are back
		if (reply.status === 401 || reply.wrongOwner) return keepForLater(data, reply.message ?? null);
		if (reply.html === undefined) return showError(form, reply.message || NOT_CHECKED);
		if (reply.status === 200) return void replaceCard(section, reply.html)?.querySelector<HTMLElement>('.feedback-wrap')?.focus();
		// refused (the card says why): what the student entered stays, and so does their place
		const fields = textFields(data);
		const card = replaceCard(section, reply.html, (next) => restoreFields(next.querySelector('form')!, fields));
		card?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
	});

	// what the outbox sent came back: the card as it is now
	const stop = onOutbox((q, settled) => {
		// this form was replaced by the server's card (which has listeners of its own), or the page left
		if (!form.isConnected) return stop();
		if (q !== question) return;
		if (settled?.reply.html !== undefined) replaceCard(section, settled.reply.html);
		else if (settled) showError(form, settled.reply.message || NOT_CHECKED);
		showWaiting();
	});

	// after a reload, the inputs show the answer still waiting
	const last = waitingFor(question).at(-1);
	if (last) restoreFields(form, last.fields);
	showWaiting();
}
