/**
 * The lesson page's script on a question card (src/lib/enhance/answer-card.ts), in jsdom: the
 * card as the server renders it (QuestionCard), the script run on it, and a stand-in for the
 * network that answers as the card address does (`x-card: html` with a card, or `x-card:
 * message`). The real address and the real browser are covered by tests/e2e/question-types and
 * tests/e2e/outbox.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/components/QuestionCard.svelte';
import { answerCard } from '../../src/lib/enhance/answer-card';
import { onNewCard } from '../../src/lib/enhance/cards';
import { notePageOwner } from '../../src/lib/outbox/outbox';
import type { Feedback } from '../../src/lib/feedback';
import { single } from './fixtures';


const feedback = (given: string[], correct: boolean): Feedback => ({
	questionId: single.id,
	correct,
	points: correct ? 1 : 0,
	given,
	key: ['banana'],
	saved: true,
	explanation: 'Why bananas, in our own words.',
	citations: [{ source: '007', title: 'A Test Article', sentences: [{ id: 3, text: 'Bananas turn yellow.' }], href: '/sources/007?hl=3#s-3' }]
});

const KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';
const NEXT_KEY = 'deadbeef-1234-4abc-8def-0123456789ab';

/** The card as the server renders it, as HTML. */
function cardHtml(props: { feedback?: Feedback; error?: string; formKey?: string }): string {
	const { container, unmount } = render(QuestionCard, { question: single, number: 1, formKey: props.formKey ?? NEXT_KEY, ...props });
	const html = container.innerHTML;
	unmount();
	return html;
}

const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>();
const reply = (status: number, body: string, kind: 'html' | 'message') => new Response(body, { status, headers: { 'x-card': kind } });

let section: HTMLElement;
beforeEach(() => {
	localStorage.clear();
	document.cookie = 'bc_owner=; path=/; max-age=0';
	notePageOwner();
	vi.stubGlobal('fetch', fetchMock);
	onNewCard(answerCard);
	document.body.innerHTML = `<ol><li>${cardHtml({ formKey: KEY })}</li></ol>`;
	section = document.querySelector<HTMLElement>('section[data-card]')!;
	answerCard(section);
});
afterEach(() => {
	cleanup();
	fetchMock.mockReset();
	vi.unstubAllGlobals();
	document.body.innerHTML = '';
});

const card = () => document.querySelector<HTMLElement>('section[data-card]')!;
const pick = (id: string) => fireEvent.click(card().querySelector<HTMLInputElement>(`input[value="${id}"]`)!);
const check = () => fireEvent.click(screen.getByRole('button', { name: /Check/ }));

describe("a question card with the lesson page's script", () => {
	test('posts the form to the card address, says it is checking, then shows the card the server rendered, with focus on the feedback', async () => {
		let release: (r: Response) => void = () => {};
		fetchMock.mockImplementation(() => new Promise((resolve) => (release = resolve)));
		await pick('cherry');
		const form = card().querySelector('form');
		await check();
		await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
		const [url, init] = fetchMock.mock.calls[0]!;
		expect(new URL(url, location.href).pathname).toMatch(/\/card$/);
		const body = init.body as FormData;
		expect([body.get('question'), body.getAll('choice'), body.get('idem')]).toEqual(['fruit-colour', ['cherry'], KEY]);
		expect(screen.getByRole('button', { name: 'Checking…' })).toBeDisabled();

		release(reply(200, cardHtml({ feedback: feedback(['cherry'], false) }), 'html'));
		await waitFor(() => expect(card().querySelector('.feedback-wrap')).not.toBeNull());
		// the same section (a Read aloud player in it reads it) with the server's content
		expect(card()).toBe(section);
		expect(card().querySelector('form')).not.toBe(form);
		expect(document.activeElement).toBe(card().querySelector('.feedback-wrap'));
		expect(card()).toHaveTextContent('Not quite.');
		expect(card().querySelector<HTMLInputElement>('input[name="idem"]')!.value).toBe(NEXT_KEY);
		// the new card is the script's too: it posts again without a reload
		fetchMock.mockResolvedValue(reply(200, cardHtml({ feedback: feedback(['banana'], true) }), 'html'));
		await pick('banana');
		await check();
		await waitFor(() => expect(card()).toHaveTextContent('Right.'));
		expect(fetchMock).toHaveBeenCalledTimes(2);
	});

	test("a refusal comes back as the card with the server's message in an alert", async () => {
		fetchMock.mockResolvedValue(reply(400, cardHtml({ error: 'Choose an answer first.', formKey: KEY }), 'html'));
		await pick('grape');
		await check();
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Choose an answer first.'));
		expect(card().querySelector('.feedback-wrap')).toBeNull();
		// what the student picked is still picked, and the keyboard is where it was, on Check
		expect(card().querySelector<HTMLInputElement>('input[value="grape"]')!.checked).toBe(true);
		expect(document.activeElement).toBe(card().querySelector('button[type="submit"]'));
	});

	test('the "saved on this device" note is the same live region before and after the card is rendered again', async () => {
		const note = card().querySelector('p.waiting[role="status"]');
		expect(note).not.toBeNull();
		fetchMock.mockResolvedValue(reply(200, cardHtml({ feedback: feedback(['grape'], false) }), 'html'));
		await pick('grape');
		await check();
		await waitFor(() => expect(card()).toHaveTextContent('Not quite.'));
		expect(card().querySelector('p.waiting[role="status"]')).toBe(note);
	});

	test('someone else signed in in another tab: the answer names whom the page was made for, and waits for them', async () => {
		document.cookie = 'bc_owner=uFIRST; path=/';
		notePageOwner();
		document.cookie = 'bc_owner=uSECOND; path=/';
		fetchMock.mockResolvedValue(new Response('This answer was made by someone else than who is signed in now.', { status: 409, headers: { 'x-card': 'wrong-owner' } }));
		await pick('cherry');
		await check();
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('made by someone else'));
		expect(new Headers(fetchMock.mock.calls[0]![1].headers).get('x-outbox-owner')).toBe('uFIRST');
		const kept = JSON.parse(localStorage.getItem('bc-outbox')!) as { key: string; owner: string }[];
		expect(kept.map((e) => [e.key, e.owner])).toEqual([[KEY, 'uFIRST']]);
	});

	test('signed out in another tab (401): the answer waits in the outbox, and the card says why in words', async () => {
		document.cookie = 'bc_owner=uSTUDENT; path=/';
		fetchMock.mockResolvedValue(reply(401, 'Log in as a student to review: your answer is kept in this browser until you do.', 'message'));
		await pick('cherry');
		await check();
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('your answer is kept in this browser until you do'));
		const kept = JSON.parse(localStorage.getItem('bc-outbox')!) as { key: string; fields: [string, string][] }[];
		expect(kept.map((e) => e.key)).toEqual([KEY]);
		expect(card().querySelector<HTMLInputElement>('input[value="cherry"]')!.checked).toBe(true);
	});

	test('a message without a card is shown in this card, which keeps its key', async () => {
		fetchMock.mockResolvedValue(reply(404, 'That question is not part of this lesson. Reload the page and try again.', 'message'));
		await pick('grape');
		await check();
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('not part of this lesson'));
		expect(card()).toBe(section);
		expect(section.querySelector<HTMLInputElement>('input[name="idem"]')!.value).toBe(KEY);
	});

	test('no answer from the server: the answer waits in the outbox with its key, the card says so and keeps the pick', async () => {
		fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
		await pick('cherry');
		await check();
		await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved on this device — it will be checked when you are back online'));
		const kept = JSON.parse(localStorage.getItem('bc-outbox')!) as { key: string; question: string; fields: [string, string][] }[];
		expect(kept.map((e) => [e.key, e.question])).toEqual([[KEY, 'fruit-colour']]);
		expect(kept[0]!.fields).toContainEqual(['choice', 'cherry']);
		expect(section.querySelector<HTMLInputElement>('input[value="cherry"]')!.checked).toBe(true);
		// the next answer is a new one
		expect(section.querySelector<HTMLInputElement>('input[name="idem"]')!.value).not.toBe(KEY);
	});

	test('a page from something else than the server (a captive portal) is not taken for an answer: it waits', async () => {
		fetchMock.mockResolvedValue(new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 }));
		await pick('banana');
		await check();
		await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved on this device'));
		expect(card()).toBe(section);
	});
});
