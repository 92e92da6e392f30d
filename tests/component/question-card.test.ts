/**
 * QuestionCard with each question type, rendered as the server renders it: the plain form
 * (which must work without JavaScript), the feedback from a `feedback` prop and the error
 * from an `error` prop. What the lesson page's script does with it is tested in
 * answer-card-enhance.test.ts.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import QuestionCard from '../../src/lib/components/QuestionCard.svelte';
import type { Feedback } from '../../src/lib/feedback';
import type { PublicQuestion } from '../../src/lib/questions/registry';
import { single } from './fixtures';


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
		saved: true,
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

/** the idempotency key the server gives each form */
const KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';

/** The input of the choice whose label starts with this text (after grading the label also holds a badge). */
const choice = (text: string) => screen.getByLabelText(new RegExp(`^${escapeRegExp(text)}(\\s|$)`));
/** The label (the whole choice row) of the choice with this text. */
const row = (text: string) => choice(text).closest('label')!;

afterEach(() => cleanup());

describe.each([
	{ question: single, kind: 'radio' as const, hint: 'Choose one answer.' },
	{ question: multiple, kind: 'checkbox' as const, hint: 'Choose every answer that applies.' },
	{ question: trueFalse, kind: 'radio' as const, hint: 'Is this statement true or false, according to the source?' }
])('a $question.type question', ({ question, kind, hint }) => {
	test('shows its number and prompt as the legend of a group named by it', () => {
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 3 });
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
		render(QuestionCard, { question, formKey: KEY, number: 1 });
		const inputs = screen.getAllByRole(kind);
		expect(inputs).toHaveLength(question.choices.length);
		const other = kind === 'radio' ? 'checkbox' : 'radio';
		expect(screen.queryAllByRole(other)).toHaveLength(0);
		question.choices.forEach((c, i) => {
			const input = inputs[i] as HTMLInputElement;
			expect(input).toHaveAttribute('name', 'choice');
			expect(input).toHaveAttribute('value', c.id);
			expect(input).not.toBeChecked();
			expect(input).toHaveAccessibleName(c.text);
			// radios are required so the browser blocks an empty answer; checkboxes cannot be
			if (kind === 'radio') expect(input).toBeRequired();
			else expect(input).not.toBeRequired();
		});
	});

	test('is a form that posts to the answer action of its own question, with the question id and submission key hidden', () => {
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 1 });
		const form = container.querySelector('form')!;
		expect(form.getAttribute('method')?.toLowerCase()).toBe('post');
		expect(form.getAttribute('action')).toBe(`?/answer#q-${question.id}`);
		const hidden = form.querySelectorAll<HTMLInputElement>('input[name="question"]');
		expect(hidden).toHaveLength(1);
		expect(hidden[0]!.type).toBe('hidden');
		expect(hidden[0]!.value).toBe(question.id);
		const idem = form.querySelectorAll<HTMLInputElement>('input[name="idem"]');
		expect(idem).toHaveLength(1);
		expect(idem[0]!.type).toBe('hidden');
		expect(idem[0]!.value).toBe(KEY);
		// every choice is inside this form, so a plain post carries the answer
		for (const input of screen.getAllByRole(kind)) expect(form.contains(input)).toBe(true);
		expect(within(form).getByRole('button', { name: 'Check answer' })).toHaveAttribute('type', 'submit');
	});

	test('shows no verdict, badge or alert before an answer', () => {
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 1 });
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.queryByRole('alert')).toBeNull();
		expect(container.querySelector('.badge')).toBeNull();
		expect(container.querySelector('blockquote')).toBeNull();
		expect(container.querySelector('fieldset')).not.toHaveAttribute('aria-describedby');
	});

	test('shows a wrong answer: verdict, explanation, cited sentences, highlight link and badges', () => {
		const [right, wrong] = [question.choices[0]!, question.choices[1]!];
		const fb = feedback(question, [wrong.id], [right.id], false, 0);
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 1, feedback: fb });

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

		expect(choice(wrong.text)).toBeChecked();
		expect(choice(right.text)).not.toBeChecked();
		expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
		// the panel sits in a focusable wrapper so the enhanced form can move focus to it
		expect(container.querySelector('.feedback-wrap')).toHaveAttribute('tabindex', '-1');
		expect(container.querySelector('.feedback-wrap')?.contains(status)).toBe(true);
	});

	test('shows a right answer with the "your answer, right" badge', () => {
		const right = question.choices[0]!;
		render(QuestionCard, { question, formKey: KEY, number: 1, feedback: feedback(question, [right.id], [right.id], true, 1) });
		expect(screen.getByRole('status')).toHaveTextContent('Right.');
		expect(screen.getByRole('status')).not.toHaveTextContent('Not quite.');
		expect(row(right.text)).toHaveTextContent('✓ your answer, right');
		expect(choice(right.text)).toBeChecked();
		for (const other of question.choices.slice(1)) {
			expect(row(other.text).querySelector('.badge')).toBeNull();
			expect(choice(other.text)).not.toBeChecked();
		}
	});

	test('shows an error as an alert that describes the group, and no feedback', () => {
		const message = `Nothing was chosen for ${question.id}.`;
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 1, error: message });
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
		render(QuestionCard, { question: multiple, formKey: KEY, number: 2, feedback: fb });
		expect(row('Two')).toHaveTextContent('✓ your answer, right');
		expect(row('Four')).toHaveTextContent('✓ right answer');
		expect(row('Four')).not.toHaveTextContent('your answer');
		expect(row('Five')).toHaveTextContent('✗ your answer');
		expect(row('Seven').querySelector('.badge')).toBeNull();
		expect(choice('Two')).toBeChecked();
		expect(choice('Five')).toBeChecked();
		expect(choice('Four')).not.toBeChecked();
		expect(choice('Seven')).not.toBeChecked();
		expect(row('Two')).toHaveClass('right');
		expect(row('Five')).toHaveClass('wrong');
		expect(row('Seven')).not.toHaveClass('right');
		expect(row('Seven')).not.toHaveClass('wrong');
	});

	test('shows "Partly right." for partial credit', () => {
		const fb = feedback(multiple, ['two'], ['two', 'four'], false, 0.5);
		render(QuestionCard, { question: multiple, formKey: KEY, number: 2, feedback: fb });
		expect(screen.getByRole('status')).toHaveTextContent('Partly right.');
		expect(screen.getByRole('status')).not.toHaveTextContent('Not quite.');
	});
});

function escapeRegExp(s: string) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
