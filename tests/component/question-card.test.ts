/**
 * QuestionCard with each question type: the plain form (which must work without JavaScript),
 * the feedback rendered from a `feedback` prop, the error from an `error` prop, and the
 * enhanced submit (the real `$app/forms` enhance, with only the network stubbed).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { stringify } from 'devalue';
import { afterEach, describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/components/QuestionCard.svelte';
import type { Feedback } from '../../src/lib/feedback';
import type { PublicQuestion } from '../../src/lib/questions/registry';

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
		{ id: 'five', text: 'Five' },
		{ id: 'seven', text: 'Seven' }
	]
};

const trueFalse: PublicQuestion = {
	id: 'sky-green',
	type: 'true-false',
	prompt: 'True or false: on a clear day the sky is green.',
	choices: [
		{ id: 'true', text: 'True' },
		{ id: 'false', text: 'False' }
	]
};

function feedback(question: PublicQuestion, given: string[], key: string[], correct: boolean, points: number): Feedback {
	return {
		questionId: question.id,
		correct,
		points,
		given,
		key,
		explanation: `Our own words about ${question.id}: the article settles it.`,
		citations: [
			{
				source: '042',
				title: 'A Small Test Article',
				sentences: [
					{ id: 7, text: `Sentence seven about ${question.id}.` },
					{ id: 8, text: 'Sentence eight follows it.' }
				],
				href: '/sources/042?hl=7,8#s-7'
			}
		]
	};
}

/** The label (the whole choice row) of the choice with this text. */
const row = (text: string) => screen.getByLabelText(text).closest('label')!;

afterEach(() => {
	cleanup();
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe.each([
	{ question: single, kind: 'radio' as const, hint: 'Choose one answer.' },
	{ question: multiple, kind: 'checkbox' as const, hint: 'Choose every answer that applies.' },
	{ question: trueFalse, kind: 'radio' as const, hint: 'Is this statement true or false, according to the source?' }
])('a $question.type question', ({ question, kind, hint }) => {
	test('shows its number and prompt as the legend of a group named by it', () => {
		const { container } = render(QuestionCard, { question, number: 3 });
		const legend = container.querySelector('fieldset > legend');
		expect(legend).not.toBeNull();
		expect(legend).toHaveTextContent(`Question 3 ${question.prompt}`);
		expect(screen.getByRole('group', { name: new RegExp(escapeRegExp(question.prompt)) })).toBe(
			container.querySelector('fieldset')
		);
		// the section is labelled by the prompt too, so it is a named landmark region
		expect(screen.getByRole('region', { name: new RegExp(escapeRegExp(question.prompt)) })).toHaveAttribute(
			'id',
			`q-${question.id}`
		);
		expect(screen.getByText(hint)).toBeInTheDocument();
	});

	test(`offers every choice as a ${kind} named "choice"`, () => {
		render(QuestionCard, { question, number: 1 });
		const inputs = screen.getAllByRole(kind);
		expect(inputs).toHaveLength(question.choices.length);
		const other = kind === 'radio' ? 'checkbox' : 'radio';
		expect(screen.queryAllByRole(other)).toHaveLength(0);
		question.choices.forEach((choice, i) => {
			const input = inputs[i] as HTMLInputElement;
			expect(input).toHaveAttribute('name', 'choice');
			expect(input).toHaveAttribute('value', choice.id);
			expect(input).not.toBeChecked();
			expect(screen.getByLabelText(choice.text)).toBe(input);
			// radios are required so the browser blocks an empty answer; checkboxes cannot be
			if (kind === 'radio') expect(input).toBeRequired();
			else expect(input).not.toBeRequired();
		});
	});

	test('is a form that posts to the answer action of its own question, with the question id hidden', () => {
		const { container } = render(QuestionCard, { question, number: 1 });
		const form = container.querySelector('form')!;
		expect(form.getAttribute('method')?.toLowerCase()).toBe('post');
		expect(form.getAttribute('action')).toBe(`?/answer#q-${question.id}`);
		const hidden = form.querySelectorAll<HTMLInputElement>('input[name="question"]');
		expect(hidden).toHaveLength(1);
		expect(hidden[0]!.type).toBe('hidden');
		expect(hidden[0]!.value).toBe(question.id);
		// every choice is inside this form, so a plain post carries the answer
		for (const input of screen.getAllByRole(kind)) expect(form.contains(input)).toBe(true);
		expect(within(form).getByRole('button', { name: 'Check answer' })).toHaveAttribute('type', 'submit');
	});

	test('shows no verdict, badge or alert before an answer', () => {
		const { container } = render(QuestionCard, { question, number: 1 });
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.queryByRole('alert')).toBeNull();
		expect(container.querySelector('.badge')).toBeNull();
		expect(container.querySelector('blockquote')).toBeNull();
		expect(container.querySelector('fieldset')).not.toHaveAttribute('aria-describedby');
	});

	test('shows a wrong answer: verdict, explanation, cited sentences, highlight link and badges', () => {
		const [right, wrong] = [question.choices[0]!, question.choices[1]!];
		const fb = feedback(question, [wrong.id], [right.id], false, 0);
		const { container } = render(QuestionCard, { question, number: 1, feedback: fb });

		const status = screen.getByRole('status');
		expect(status).toHaveTextContent('Not quite.');
		expect(status).not.toHaveTextContent(/Right\.|Partly right/);
		expect(status).toHaveTextContent(fb.explanation);

		const quote = status.querySelector('blockquote');
		expect(quote).not.toBeNull();
		expect(quote).toHaveTextContent(`Sentence seven about ${question.id}. Sentence eight follows it.`);
		expect(quote).toHaveAttribute('cite', '/sources/042?hl=7,8#s-7');

		const link = within(status).getByRole('link', { name: /Read it highlighted in the article/ });
		expect(link).toHaveAttribute('href', '/sources/042?hl=7,8#s-7');
		expect(link.getAttribute('href')).toMatch(/^\/sources\/[^/?#]+\?hl=\d+(,\d+)*#s-\d+$/);
		expect(link).toHaveAccessibleName(/A Small Test Article/);

		expect(row(wrong.text)).toHaveTextContent('✗ your answer');
		expect(row(wrong.text)).not.toHaveTextContent('right');
		expect(row(right.text)).toHaveTextContent('✓ right answer');
		expect(row(right.text)).not.toHaveTextContent('your answer');
		for (const other of question.choices.slice(2)) expect(row(other.text).querySelector('.badge')).toBeNull();

		expect(screen.getByLabelText(wrong.text)).toBeChecked();
		expect(screen.getByLabelText(right.text)).not.toBeChecked();
		expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
		// the panel sits in a focusable wrapper so the enhanced form can move focus to it
		expect(container.querySelector('.feedback-wrap')).toHaveAttribute('tabindex', '-1');
		expect(container.querySelector('.feedback-wrap')?.contains(status)).toBe(true);
	});

	test('shows a right answer with the "your answer, right" badge', () => {
		const right = question.choices[0]!;
		render(QuestionCard, { question, number: 1, feedback: feedback(question, [right.id], [right.id], true, 1) });
		expect(screen.getByRole('status')).toHaveTextContent('Right.');
		expect(screen.getByRole('status')).not.toHaveTextContent('Not quite.');
		expect(row(right.text)).toHaveTextContent('✓ your answer, right');
		expect(screen.getByLabelText(right.text)).toBeChecked();
		for (const other of question.choices.slice(1)) {
			expect(row(other.text).querySelector('.badge')).toBeNull();
			expect(screen.getByLabelText(other.text)).not.toBeChecked();
		}
	});

	test('shows an error as an alert that describes the group, and no feedback', () => {
		const message = `Nothing was chosen for ${question.id}.`;
		const { container } = render(QuestionCard, { question, number: 1, error: message });
		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent(message);
		expect(alert.id).toBe(`q-${question.id}-error`);
		expect(container.querySelector('fieldset')).toHaveAttribute('aria-describedby', alert.id);
		expect(screen.getByRole('group')).toHaveAccessibleDescription(message);
		expect(screen.queryByRole('status')).toBeNull();
	});
});

describe('a multiple-select question with a mixed answer', () => {
	test('badges each choice by whether it was picked and whether it is right', () => {
		// picked: two (right), five (wrong); key: two, four
		const fb = feedback(multiple, ['two', 'five'], ['two', 'four'], false, 0);
		render(QuestionCard, { question: multiple, number: 2, feedback: fb });
		expect(row('Two')).toHaveTextContent('✓ your answer, right');
		expect(row('Four')).toHaveTextContent('✓ right answer');
		expect(row('Four')).not.toHaveTextContent('your answer');
		expect(row('Five')).toHaveTextContent('✗ your answer');
		expect(row('Seven').querySelector('.badge')).toBeNull();
		expect(screen.getByLabelText('Two')).toBeChecked();
		expect(screen.getByLabelText('Five')).toBeChecked();
		expect(screen.getByLabelText('Four')).not.toBeChecked();
		expect(screen.getByLabelText('Seven')).not.toBeChecked();
		expect(row('Two')).toHaveClass('right');
		expect(row('Five')).toHaveClass('wrong');
		expect(row('Seven')).not.toHaveClass('right');
		expect(row('Seven')).not.toHaveClass('wrong');
	});

	test('shows "Partly right." for partial credit', () => {
		const fb = feedback(multiple, ['two'], ['two', 'four'], false, 0.5);
		render(QuestionCard, { question: multiple, number: 2, feedback: fb });
		expect(screen.getByRole('status')).toHaveTextContent('Partly right.');
		expect(screen.getByRole('status')).not.toHaveTextContent('Not quite.');
	});
});

describe('the enhanced form (JavaScript on)', () => {
	/** A SvelteKit action response as the server sends it to use:enhance. */
	const actionResponse = (type: 'success' | 'failure', status: number, data: unknown) =>
		new Response(JSON.stringify({ type, status, data: stringify(data) }), {
			headers: { 'content-type': 'application/json' }
		});

	test('posts the chosen answer, shows the returned feedback in place and moves focus to it', async () => {
		const fb = feedback(single, ['cherry'], ['banana'], false, 0);
		let release: (r: Response) => void = () => {};
		const fetchMock = vi.fn<typeof fetch>(() => new Promise<Response>((resolve) => (release = resolve)));
		vi.stubGlobal('fetch', fetchMock);
		const { container } = render(QuestionCard, { question: single, number: 1 });

		await fireEvent.click(screen.getByLabelText('Cherry'));
		await fireEvent.submit(container.querySelector('form')!);

		await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
		const [url, init] = fetchMock.mock.calls[0]!;
		const target = new URL(String(url));
		expect(target.search).toBe('?/answer');
		expect(target.hash).toBe('#q-fruit-colour');
		expect(init?.method).toBe('POST');
		const body = new URLSearchParams(String(init?.body));
		expect(body.get('question')).toBe('fruit-colour');
		expect(body.getAll('choice')).toEqual(['cherry']);

		// while the answer is being checked the button says so and cannot be pressed twice
		const button = screen.getByRole('button', { name: 'Checking…' });
		expect(button).toBeDisabled();

		release(actionResponse('success', 200, { feedback: fb }));
		const status = await screen.findByRole('status');
		expect(status).toHaveTextContent('Not quite.');
		expect(status).toHaveTextContent(fb.explanation);
		expect(row('Banana')).toHaveTextContent('✓ right answer');
		expect(row('Cherry')).toHaveTextContent('✗ your answer');
		await waitFor(() => expect(document.activeElement).toBe(container.querySelector('.feedback-wrap')));
		expect(container.querySelector('.feedback-wrap')?.contains(status)).toBe(true);
		expect(screen.getByRole('button', { name: 'Check again' })).toBeEnabled();
	});

	test('shows the message of a failed check as an alert', async () => {
		const message = 'Choose at least one answer before checking.';
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => actionResponse('failure', 400, { questionId: multiple.id, message }))
		);
		const { container } = render(QuestionCard, { question: multiple, number: 1 });
		await fireEvent.submit(container.querySelector('form')!);
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent(message);
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.getByRole('button', { name: 'Check answer' })).toBeEnabled();
	});

	test('replaces an earlier error with the feedback once the answer is accepted', async () => {
		const fb = feedback(multiple, ['two', 'four'], ['two', 'four'], true, 1);
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => actionResponse('success', 200, { feedback: fb }))
		);
		const { container } = render(QuestionCard, { question: multiple, number: 1, error: 'An earlier error.' });
		expect(screen.getByRole('alert')).toHaveTextContent('An earlier error.');
		await fireEvent.click(screen.getByLabelText('Two'));
		await fireEvent.click(screen.getByLabelText('Four'));
		await fireEvent.submit(container.querySelector('form')!);
		expect(await screen.findByRole('status')).toHaveTextContent('Right.');
		expect(screen.queryByRole('alert')).toBeNull();
		expect(row('Two')).toHaveTextContent('✓ your answer, right');
		expect(row('Four')).toHaveTextContent('✓ your answer, right');
	});
});

function escapeRegExp(s: string) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
