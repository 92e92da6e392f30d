/** FeedbackPanel on its own: the verdict for right, partly right and wrong, and every cited passage. */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import FeedbackPanel from '../../src/lib/components/FeedbackPanel.svelte';
import type { Feedback } from '../../src/lib/feedback';

const base = (over: Partial<Feedback>): Feedback => ({
	questionId: 'q',
	correct: false,
	points: 0,
	given: ['a'],
	key: ['a', 'b'],
	saved: true,
	explanation: 'Two of the four are named in the report, in these words of ours.',
	citations: [
		{
			source: '010',
			title: 'First Test Report',
			sentences: [{ id: 4, text: 'The fourth sentence names A.' }],
			href: '/sources/010?hl=4#s-4'
		}
	],
	...over
});

afterEach(() => cleanup());

describe('FeedbackPanel', () => {
	test('says "Partly right." for partial credit, styled neither right nor plain wrong text', () => {
		render(FeedbackPanel, { feedback: base({ correct: false, points: 0.5 }) });
		const status = screen.getByRole('status');
		expect(status).toHaveTextContent('Partly right.');
		expect(status).not.toHaveTextContent('Not quite.');
		expect(status).not.toHaveTextContent(/Right\./);
		expect(status).toHaveClass('wrong');
		expect(status).not.toHaveClass('right');
	});

	test('says "Not quite." when nothing earned a point', () => {
		render(FeedbackPanel, { feedback: base({ correct: false, points: 0 }) });
		expect(screen.getByRole('status')).toHaveTextContent('Not quite.');
		expect(screen.getByRole('status')).not.toHaveTextContent('Partly right.');
	});

	test('says "Right." when correct', () => {
		render(FeedbackPanel, { feedback: base({ correct: true, points: 1, given: ['a', 'b'] }) });
		const status = screen.getByRole('status');
		expect(status).toHaveTextContent('Right.');
		expect(status).not.toHaveTextContent(/Partly|Not quite/);
		expect(status).toHaveClass('right');
	});

	test('says the answer is saved only when it was stored', () => {
		render(FeedbackPanel, { feedback: base({ saved: true }) });
		expect(screen.getByRole('status')).toHaveTextContent('Your answer is saved.');
		cleanup();
		render(FeedbackPanel, { feedback: base({ saved: false }) });
		expect(screen.getByRole('status')).not.toHaveTextContent(/saved/i);
	});

	test('keeps the verdict symbols out of the accessible text', () => {
		const { container } = render(FeedbackPanel, { feedback: base({ points: 0.5 }) });
		const symbol = container.querySelector('.verdict [aria-hidden="true"]');
		expect(symbol).toHaveTextContent('◐');
	});

	test('shows the explanation and every cited passage with its title, source id and highlight link', () => {
		const fb = base({
			citations: [
				{
					source: '010',
					title: 'First Test Report',
					sentences: [
						{ id: 4, text: 'The fourth sentence names A.' },
						{ id: 5, text: 'The fifth names B.' }
					],
					href: '/sources/010?hl=4,5#s-4'
				},
				{
					source: '011',
					title: 'Second Test Report',
					sentences: [{ id: 9, text: 'A ninth sentence agrees.' }],
					href: '/sources/011?hl=9#s-9'
				}
			]
		});
		const { container } = render(FeedbackPanel, { feedback: fb });
		expect(screen.getByText(fb.explanation)).toBeInTheDocument();
		const figures = container.querySelectorAll('figure');
		expect(figures).toHaveLength(2);
		fb.citations.forEach((c, i) => {
			const fig = figures[i] as HTMLElement;
			expect(fig.querySelector('blockquote')).toHaveTextContent(c.sentences.map((s) => s.text).join(' '));
			expect(fig.querySelector('cite')).toHaveTextContent(c.title);
			expect(fig).toHaveTextContent(`(source ${c.source})`);
			const link = within(fig).getByRole('link', { name: `Read it highlighted in the article: ${c.title}` });
			expect(link).toHaveAttribute('href', c.href);
		});
	});
});
