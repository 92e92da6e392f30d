/**
 * QuestionCard's enhanced submit (JavaScript on). The real `enhance` from `$app/forms` needs a
 * started SvelteKit client to decode action results, which jsdom does not have, so this file
 * replaces `$app/forms` with a small stand-in that keeps enhance's contract: on submit it
 * prevents the page load, calls the card's submit function with the form data, and hands the
 * callback the ActionResult the test chose. The real enhance is covered by tests/e2e/lesson.test.ts.
 */
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/components/QuestionCard.svelte';
import type { Feedback } from '../../src/lib/feedback';
import type { PublicQuestion } from '../../src/lib/questions/registry';

const server = vi.hoisted(() => ({
	/** what the "server" answers to a post; each test sets it */
	respond: vi.fn<(data: FormData) => Promise<ActionResult>>(),
	applyAction: vi.fn(async (result: unknown) => void result)
}));

vi.mock('$app/forms', () => ({
	applyAction: server.applyAction,
	enhance(form: HTMLFormElement, submit: SubmitFunction) {
		const onSubmit = async (event: SubmitEvent) => {
			event.preventDefault();
			const formData = new FormData(form);
			const action = new URL(form.getAttribute('action')!, 'http://localhost/modules/m/l');
			const callback = await submit({
				action,
				formData,
				formElement: form,
				controller: new AbortController(),
				submitter: event.submitter,
				cancel: () => {}
			});
			const result = await server.respond(formData);
			if (typeof callback === 'function') {
				await callback({ action, formData, formElement: form, result, update: async () => {} });
			}
		};
		form.addEventListener('submit', onSubmit);
		return { destroy: () => form.removeEventListener('submit', onSubmit) };
	}
}));

const single: PublicQuestion = {
	id: 'fruit-colour',
	type: 'single',
	prompt: 'Which fruit is usually yellow when ripe?',
	choices: [
		{ id: 'banana', text: 'Banana' },
		{ id: 'cherry', text: 'Cherry' },
		{ id: 'grape', text: 'Grape' }
	]
};

const multiple: PublicQuestion = {
	id: 'even-numbers',
	type: 'multiple',
	prompt: 'Which of these numbers are even?',
	choices: [
		{ id: 'two', text: 'Two' },
		{ id: 'four', text: 'Four' },
		{ id: 'five', text: 'Five' }
	]
};

function feedback(question: PublicQuestion, given: string[], key: string[], correct: boolean): Feedback {
	return {
		questionId: question.id,
		correct,
		points: correct ? 1 : 0,
		given,
		key,
		saved: true,
		explanation: `Why ${question.id} has this answer, in our own words.`,
		citations: [
			{
				source: '007',
				title: 'Another Test Article',
				sentences: [{ id: 3, text: `The article's third sentence, about ${question.id}.` }],
				href: '/sources/007?hl=3#s-3'
			}
		]
	};
}

const KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idem = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[name="idem"]')!.value;

const input = (container: HTMLElement, id: string) =>
	container.querySelector<HTMLInputElement>(`input[name="choice"][value="${id}"]`)!;
const row = (container: HTMLElement, id: string) => input(container, id).closest('label')!;

afterEach(() => {
	cleanup();
	server.respond.mockReset();
	server.applyAction.mockClear();
});

describe('the enhanced answer form', () => {
	test('posts the question id and the chosen answer, says it is checking, then shows the feedback and focuses it', async () => {
		const fb = feedback(single, ['cherry'], ['banana'], false);
		let release: (r: ActionResult) => void = () => {};
		server.respond.mockImplementation(() => new Promise((resolve) => (release = resolve)));
		const { container } = render(QuestionCard, { question: single, formKey: KEY, number: 1 });

		await fireEvent.click(input(container, 'cherry'));
		await fireEvent.submit(container.querySelector('form')!);

		await waitFor(() => expect(server.respond).toHaveBeenCalledTimes(1));
		const posted = server.respond.mock.calls[0]![0];
		expect(posted.get('question')).toBe('fruit-colour');
		expect(posted.getAll('choice')).toEqual(['cherry']);
		expect(posted.get('idem')).toBe(KEY);

		// while the answer is being checked the button says so and cannot be pressed twice
		await waitFor(() => expect(screen.getByRole('button', { name: 'Checking…' })).toBeDisabled());
		expect(screen.queryByRole('status')).toBeNull();

		release({ type: 'success', status: 200, data: { feedback: fb } });
		const status = await screen.findByRole('status');
		expect(status).toHaveTextContent('Not quite.');
		expect(status).toHaveTextContent(fb.explanation);
		expect(status.querySelector('blockquote')).toHaveTextContent(fb.citations[0]!.sentences[0]!.text);
		expect(row(container, 'banana')).toHaveTextContent('✓ right answer');
		expect(row(container, 'cherry')).toHaveTextContent('✗ your answer');
		const wrap = container.querySelector('.feedback-wrap');
		expect(wrap?.contains(status)).toBe(true);
		await waitFor(() => expect(document.activeElement).toBe(wrap));
		expect(screen.getByRole('button', { name: 'Check again' })).toBeEnabled();
		expect(server.applyAction).not.toHaveBeenCalled();
	});

	test('a stored answer renews the submission key, so the next answer is stored as a new one', async () => {
		server.respond.mockResolvedValue({ type: 'success', status: 200, data: { feedback: feedback(single, ['banana'], ['banana'], true) } });
		const { container } = render(QuestionCard, { question: single, formKey: KEY, number: 1 });
		await fireEvent.click(input(container, 'banana'));
		await fireEvent.submit(container.querySelector('form')!);
		await screen.findByRole('status');
		const renewed = idem(container);
		expect(renewed).not.toBe(KEY);
		expect(renewed).toMatch(UUID);

		await fireEvent.click(input(container, 'cherry'));
		await fireEvent.submit(container.querySelector('form')!);
		await waitFor(() => expect(server.respond).toHaveBeenCalledTimes(2));
		expect(server.respond.mock.calls[1]![0].get('idem')).toBe(renewed);
		expect(server.respond.mock.calls[0]![0].get('idem')).toBe(KEY);
	});

	test('a failed check keeps the submission key (nothing was stored under it)', async () => {
		server.respond.mockResolvedValue({ type: 'failure', status: 400, data: { questionId: multiple.id, message: 'No.' } });
		const { container } = render(QuestionCard, { question: multiple, formKey: KEY, number: 1 });
		await fireEvent.submit(container.querySelector('form')!);
		await screen.findByRole('alert');
		expect(idem(container)).toBe(KEY);
	});

	test('shows the message of a failed check as an alert, without feedback', async () => {
		const message = 'Choose at least one answer before checking.';
		server.respond.mockResolvedValue({ type: 'failure', status: 400, data: { questionId: multiple.id, message } });
		const { container } = render(QuestionCard, { question: multiple, formKey: KEY, number: 1 });
		await fireEvent.submit(container.querySelector('form')!);
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent(message);
		expect(container.querySelector('fieldset')).toHaveAttribute('aria-describedby', alert.id);
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.getByRole('button', { name: 'Check answer' })).toBeEnabled();
	});

	test('falls back to a general message when a failure carries none', async () => {
		server.respond.mockResolvedValue({ type: 'failure', status: 400, data: {} });
		const { container } = render(QuestionCard, { question: single, formKey: KEY, number: 1 });
		await fireEvent.submit(container.querySelector('form')!);
		expect(await screen.findByRole('alert')).toHaveTextContent('That answer could not be checked.');
	});

	test('replaces an earlier error (and earlier server feedback) with the new feedback', async () => {
		const fb = feedback(multiple, ['two', 'four'], ['two', 'four'], true);
		server.respond.mockResolvedValue({ type: 'success', status: 200, data: { feedback: fb } });
		const { container } = render(QuestionCard, { question: multiple, formKey: KEY, number: 1, error: 'An earlier error.' });
		expect(screen.getByRole('alert')).toHaveTextContent('An earlier error.');
		await fireEvent.click(input(container, 'two'));
		await fireEvent.click(input(container, 'four'));
		await fireEvent.submit(container.querySelector('form')!);
		expect(await screen.findByRole('status')).toHaveTextContent('Right.');
		expect(screen.queryByRole('alert')).toBeNull();
		expect(row(container, 'two')).toHaveTextContent('✓ your answer, right');
		expect(row(container, 'four')).toHaveTextContent('✓ your answer, right');
		expect(row(container, 'five').querySelector('.badge')).toBeNull();
	});

	test('hands redirects and errors to applyAction instead of showing feedback', async () => {
		const result: ActionResult = { type: 'error', status: 500, error: new Error('boom') };
		server.respond.mockResolvedValue(result);
		const { container } = render(QuestionCard, { question: single, formKey: KEY, number: 1 });
		await fireEvent.click(input(container, 'banana'));
		await fireEvent.submit(container.querySelector('form')!);
		await waitFor(() => expect(server.applyAction).toHaveBeenCalledWith(result));
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.queryByRole('alert')).toBeNull();
		expect(screen.getByRole('button', { name: 'Check answer' })).toBeEnabled();
	});
});
