/**
 * QuestionCard with the numeric, ordering, matching, find-evidence and two-part types: the fields a plain
 * post carries, their accessible names, the per-row feedback in words, and the enhanced
 * Move up / Move down of the ordering list (jsdom runs onMount, so the list is enhanced here).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { ordering as enhanceOrdering } from '../../src/lib/enhance/ordering';
import QuestionCard from '../../src/lib/components/QuestionCard.svelte';
import type { Feedback } from '../../src/lib/feedback';
import type { PublicQuestion } from '../../src/lib/questions/registry';

const numeric: PublicQuestion = {
	id: 'hostages-released',
	type: 'numeric',
	prompt: 'How many hostages were released in the first phase?',
	unit: 'people'
};

/** shown shuffled: the right order is talks, draft, truce */
const ordering: PublicQuestion = {
	id: 'ceasefire-steps',
	type: 'ordering',
	prompt: 'Put the steps of the ceasefire in order.',
	items: [
		{ id: 'truce', text: 'The truce starts' },
		{ id: 'talks', text: 'Talks begin' },
		{ id: 'draft', text: 'A draft is agreed' }
	]
};

const matching: PublicQuestion = {
	id: 'who-does-what',
	type: 'matching',
	prompt: 'Match each party to its role.',
	left: [
		{ id: 'qatar', text: 'Qatar' },
		{ id: 'egypt', text: 'Egypt' },
		{ id: 'red-cross', text: 'The Red Cross' }
	],
	options: [
		{ id: 'a', text: 'Borders Gaza at Rafah' },
		{ id: 'b', text: 'Carries out the handovers' },
		{ id: 'c', text: 'Hosts the political bureau' }
	]
};

const findEvidence: PublicQuestion = {
	id: 'who-hosts',
	type: 'find-evidence',
	prompt: 'Find the sentence that shows Qatar hosts the talks.',
	source: { id: '004', title: 'Talks Resume in Doha' },
	paragraphs: [
		{
			sentences: [
				{ id: 11, text: 'The talks resumed on Monday.' },
				{ id: 12, text: 'Qatar hosts the talks.' }
			]
		},
		{ sentences: [{ id: 13, text: 'Egypt joined later.' }] }
	]
};

const twoPart: PublicQuestion = {
	id: 'why-direct',
	type: 'two-part',
	prompt: 'Part A: What does the report suggest led to the direct talks?',
	choices: [
		{ id: 'stalled', text: 'The ceasefire talks had stalled.' },
		{ id: 'law', text: 'A new law required them.' }
	],
	partB: 'Which sentence of the article best supports your answer to Part A?',
	source: { id: '004', title: 'Talks Resume in Doha' },
	paragraphs: findEvidence.type === 'find-evidence' ? findEvidence.paragraphs : []
};

function feedback(question: PublicQuestion, given: string[], key: string[], correct: boolean, points: number): Feedback {
	return {
		questionId: question.id,
		correct,
		points,
		given,
		key,
		saved: true,
		explanation: `Our own words about ${question.id}.`,
		citations: [{ source: '004', title: 'Talks Resume in Doha', sentences: [{ id: 12, text: 'Qatar hosts the talks.' }], href: '/sources/004?hl=12#s-12' }]
	};
}

/** the idempotency key the server gives each form */
const KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';

/** What a plain post of this form would carry, as [name, value] pairs, without the card's own hidden fields. */
function posted(container: HTMLElement): [string, string][] {
	const form = container.querySelector('form')!;
	return [...new FormData(form).entries()]
		.filter(([name]) => name !== 'question' && name !== 'idem')
		.map(([name, value]) => [name, String(value)]);
}

const optionsOf = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => ({ value: o.value, text: o.text }));
/** the position select of the ordering item with this text */
const position = (text: string) => screen.getByRole('combobox', { name: new RegExp(`^Position of: ${text}`) }) as HTMLSelectElement;
/** the list rows of the ordering question, top to bottom, as item texts */
const orderShown = (container: HTMLElement) => [...container.querySelectorAll('ol.ordering > li .text')].map((el) => el.textContent);

afterEach(() => cleanup());

describe('every new type inside the card', () => {
	test.each([numeric, ordering, matching, findEvidence, twoPart])('$type: posts with the question id and submission key, under its prompt', (question) => {
		const { container } = render(QuestionCard, { question, formKey: KEY, number: 4 });
		const form = container.querySelector('form')!;
		expect(form.getAttribute('action')).toBe(`?/answer#q-${question.id}`);
		const data = new FormData(form);
		expect(data.get('question')).toBe(question.id);
		expect(data.get('idem')).toBe(KEY);
		expect(screen.getByRole('group', { name: new RegExp(question.prompt) })).toBe(container.querySelector('fieldset'));
		expect(within(form).getByRole('button', { name: 'Check answer' })).toHaveAttribute('type', 'submit');
		expect(container.querySelector('.badge')).toBeNull();
		expect(screen.queryByRole('status')).toBeNull();
	});
});

describe('a numeric question', () => {
	test('has one text field "value" labelled "Your answer", with the unit beside it', () => {
		const { container } = render(QuestionCard, { question: numeric, formKey: KEY, number: 1 });
		const input = screen.getByRole('textbox', { name: 'Your answer' });
		expect(screen.getByLabelText('Your answer')).toBe(input);
		expect(input).toHaveAttribute('name', 'value');
		expect(input).toHaveAttribute('inputmode', 'decimal');
		expect(input).toBeRequired();
		expect(input).toHaveValue('');
		expect(container.querySelector('.unit')).toHaveTextContent('people');
		expect(screen.getByText('Type a number in digits, like 35 or 2,000.')).toBeInTheDocument();
		expect(posted(container)).toEqual([['value', '']]);
	});

	test('posts what was typed', async () => {
		const { container } = render(QuestionCard, { question: numeric, formKey: KEY, number: 1 });
		await fireEvent.input(screen.getByRole('textbox', { name: 'Your answer' }), { target: { value: '2,000' } });
		expect(posted(container)).toEqual([['value', '2,000']]);
	});

	test('says a right answer is right, with the unit', () => {
		render(QuestionCard, { question: numeric, formKey: KEY, number: 1, feedback: feedback(numeric, ['33'], ['33'], true, 1) });
		expect(screen.getByRole('textbox', { name: 'Your answer' })).toHaveValue('33');
		expect(screen.getByText('✓ 33 people is right')).toBeInTheDocument();
		expect(screen.queryByText(/✗/)).toBeNull();
		expect(screen.getByRole('status')).toHaveTextContent('Right.');
	});

	test('says a wrong answer is wrong and gives the right one', () => {
		render(QuestionCard, { question: numeric, formKey: KEY, number: 1, feedback: feedback(numeric, ['30'], ['33'], false, 0) });
		expect(screen.getByRole('textbox', { name: 'Your answer' })).toHaveValue('30');
		expect(screen.getByText('✗ your answer: 30 people')).toBeInTheDocument();
		expect(screen.getByText('✓ right answer: 33 people')).toBeInTheDocument();
		expect(screen.getByRole('status')).toHaveTextContent('Not quite.');
	});

	test('does not call an answer within the tolerance wrong', () => {
		// the server graded 34 right (tolerance 1) and sends given ['34'], key ['33'], correct: true
		const { container } = render(QuestionCard, {
			question: numeric,
			formKey: KEY,
			number: 1,
			feedback: feedback(numeric, ['34'], ['33'], true, 1)
		});
		expect(screen.getByRole('status')).toHaveTextContent('Right.');
		expect(container.querySelector('fieldset')).not.toHaveTextContent('✗');
	});
});

describe('an ordering question', () => {
	test('has one position select per item, named pos-<id>, with positions 1..n and the shown position selected', () => {
		const { container } = render(QuestionCard, { question: ordering, formKey: KEY, number: 1 });
		const selects = screen.getAllByRole('combobox');
		expect(selects).toHaveLength(3);
		ordering.items.forEach((item, i) => {
			const select = position(item.text);
			expect(select).toBe(selects[i]);
			expect(select).toHaveAttribute('name', `pos-${item.id}`);
			expect(optionsOf(select)).toEqual([
				{ value: '1', text: '1' },
				{ value: '2', text: '2' },
				{ value: '3', text: '3' }
			]);
			expect(select).toHaveValue(String(i + 1));
		});
		expect(posted(container)).toEqual([
			['pos-truce', '1'],
			['pos-talks', '2'],
			['pos-draft', '3']
		]);
		expect(orderShown(container)).toEqual(['The truce starts', 'Talks begin', 'A draft is agreed']);
	});

	test('says for each row whether it is in the right place, in the order given', () => {
		// given: talks, truce, draft; right: talks, draft, truce
		const fb = feedback(ordering, ['talks', 'truce', 'draft'], ['talks', 'draft', 'truce'], false, 2 / 3);
		const { container } = render(QuestionCard, { question: ordering, formKey: KEY, number: 1, feedback: fb });
		expect(orderShown(container)).toEqual(['Talks begin', 'The truce starts', 'A draft is agreed']);
		const rows = [...container.querySelectorAll<HTMLElement>('ol.ordering > li')];
		expect(rows[0]).toHaveTextContent('✓ right place');
		expect(rows[0]).toHaveClass('right');
		expect(rows[1]).toHaveTextContent('✗ belongs in position 3');
		expect(rows[1]).toHaveClass('wrong');
		expect(rows[2]).toHaveTextContent('✗ belongs in position 2');
		expect(rows[2]).toHaveClass('wrong');
		// the selects show the given order, so "Check again" posts it unchanged
		expect(posted(container)).toEqual([
			['pos-talks', '1'],
			['pos-truce', '2'],
			['pos-draft', '3']
		]);
		// after feedback there is nothing to move
		expect(screen.queryByRole('button', { name: /Move (up|down)/ })).toBeNull();
		expect(screen.getByRole('status')).toHaveTextContent('Partly right.');
	});

	test('says every row is in the right place for a right answer', () => {
		const fb = feedback(ordering, ['talks', 'draft', 'truce'], ['talks', 'draft', 'truce'], true, 1);
		const { container } = render(QuestionCard, { question: ordering, formKey: KEY, number: 1, feedback: fb });
		for (const row of container.querySelectorAll('ol.ordering > li')) expect(row).toHaveTextContent('✓ right place');
		expect(container.querySelector('ol.ordering')).not.toHaveTextContent('✗');
	});

	describe('with JavaScript', () => {
		// the card as the server renders it, then what the lesson page's script does to its list
		const enhanced = () => {
			const result = render(QuestionCard, { question: ordering, formKey: KEY, number: 1 });
			enhanceOrdering(result.container.querySelector<HTMLElement>('[data-ordering]')!);
			return result;
		};
		test('offers Move up and Move down for each item, the first Move up and last Move down disabled', () => {
			enhanced();
			expect(screen.getByText('Use Move up and Move down, or choose a position.', { exact: false })).toBeInTheDocument();
			for (const item of ordering.items) {
				expect(screen.getByRole('button', { name: `Move up: ${item.text}` })).toHaveAttribute('type', 'button');
				expect(screen.getByRole('button', { name: `Move down: ${item.text}` })).toHaveAttribute('type', 'button');
			}
			expect(screen.getByRole('button', { name: 'Move up: The truce starts' })).toBeDisabled();
			expect(screen.getByRole('button', { name: 'Move down: The truce starts' })).toBeEnabled();
			expect(screen.getByRole('button', { name: 'Move up: A draft is agreed' })).toBeEnabled();
			expect(screen.getByRole('button', { name: 'Move down: A draft is agreed' })).toBeDisabled();
		});

		test('Move up reorders the list and the position selects follow', async () => {
			const { container } = enhanced();
			await fireEvent.click(screen.getByRole('button', { name: 'Move up: Talks begin' }));
			await tick();
			expect(orderShown(container)).toEqual(['Talks begin', 'The truce starts', 'A draft is agreed']);
			expect(position('Talks begin')).toHaveValue('1');
			expect(position('The truce starts')).toHaveValue('2');
			expect(position('A draft is agreed')).toHaveValue('3');
			expect(Object.fromEntries(posted(container))).toEqual({ 'pos-talks': '1', 'pos-truce': '2', 'pos-draft': '3' });
			// the moved item is now first, so it cannot move up any more
			expect(screen.getByRole('button', { name: 'Move up: Talks begin' })).toBeDisabled();
			expect(screen.getByRole('button', { name: 'Move up: The truce starts' })).toBeEnabled();
			// and the move is announced
			expect(screen.getByText('Talks begin: now in position 1 of 3.')).toBeInTheDocument();
		});

		test('Move down, then a position chosen in a select, reorder the list the same way', async () => {
			const { container } = enhanced();
			await fireEvent.click(screen.getByRole('button', { name: 'Move down: The truce starts' }));
			await tick();
			expect(orderShown(container)).toEqual(['Talks begin', 'The truce starts', 'A draft is agreed']);
			await fireEvent.change(position('A draft is agreed'), { target: { value: '2' } });
			await tick();
			expect(orderShown(container)).toEqual(['Talks begin', 'A draft is agreed', 'The truce starts']);
			expect(Object.fromEntries(posted(container))).toEqual({ 'pos-talks': '1', 'pos-draft': '2', 'pos-truce': '3' });
		});

		test('the disabled first Move up does nothing', async () => {
			const { container } = enhanced();
			await fireEvent.click(screen.getByRole('button', { name: 'Move up: The truce starts' }));
			await tick();
			expect(orderShown(container)).toEqual(['The truce starts', 'Talks begin', 'A draft is agreed']);
			expect(position('The truce starts')).toHaveValue('1');
		});
	});
});

describe('a matching question', () => {
	test('lists the descriptions by letter', () => {
		render(QuestionCard, { question: matching, formKey: KEY, number: 1 });
		const list = screen.getByRole('list', { name: 'Descriptions' });
		expect(within(list).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
			'A. Borders Gaza at Rafah',
			'B. Carries out the handovers',
			'C. Hosts the political bureau'
		]);
	});

	test('has one select per item, named match-<left id>, labelled by the item, with "Choose…" and the lettered options', () => {
		const { container } = render(QuestionCard, { question: matching, formKey: KEY, number: 1 });
		expect(screen.getAllByRole('combobox')).toHaveLength(3);
		for (const item of matching.left) {
			const select = screen.getByRole('combobox', { name: item.text });
			expect(screen.getByLabelText(item.text)).toBe(select);
			expect(select).toHaveAttribute('name', `match-${item.id}`);
			expect(select).toBeRequired();
			expect(optionsOf(select)).toEqual([
				{ value: '', text: 'Choose…' },
				{ value: 'a', text: 'A. Borders Gaza at Rafah' },
				{ value: 'b', text: 'B. Carries out the handovers' },
				{ value: 'c', text: 'C. Hosts the political bureau' }
			]);
			expect(select).toHaveValue('');
		}
		expect(posted(container)).toEqual([
			['match-qatar', ''],
			['match-egypt', ''],
			['match-red-cross', '']
		]);
	});

	test('posts the chosen letters', async () => {
		const { container } = render(QuestionCard, { question: matching, formKey: KEY, number: 1 });
		await fireEvent.change(screen.getByRole('combobox', { name: 'Qatar' }), { target: { value: 'c' } });
		await fireEvent.change(screen.getByRole('combobox', { name: 'Egypt' }), { target: { value: 'a' } });
		expect(posted(container)).toEqual([
			['match-qatar', 'c'],
			['match-egypt', 'a'],
			['match-red-cross', '']
		]);
	});

	test('says for each item whether its match was right, naming the right match', () => {
		const fb = feedback(matching, ['qatar:c', 'egypt:b', 'red-cross:a'], ['qatar:c', 'egypt:a', 'red-cross:b'], false, 1 / 3);
		render(QuestionCard, { question: matching, formKey: KEY, number: 1, feedback: fb });
		const row = (text: string) => screen.getByRole('combobox', { name: text }).closest('li')!;
		expect(row('Qatar')).toHaveTextContent('✓ right');
		expect(row('Qatar')).not.toHaveTextContent('✗');
		expect(row('Qatar')).toHaveClass('right');
		expect(row('Egypt')).toHaveTextContent('✗ right match: A. Borders Gaza at Rafah');
		expect(row('Egypt')).toHaveClass('wrong');
		expect(row('The Red Cross')).toHaveTextContent('✗ right match: B. Carries out the handovers');
		// the selects keep the given answer
		expect(screen.getByRole('combobox', { name: 'Qatar' })).toHaveValue('c');
		expect(screen.getByRole('combobox', { name: 'Egypt' })).toHaveValue('b');
		expect(screen.getByRole('combobox', { name: 'The Red Cross' })).toHaveValue('a');
		expect(screen.getByRole('status')).toHaveTextContent('Partly right.');
	});

	test('says every item is right for a right answer', () => {
		const pairs = ['qatar:c', 'egypt:a', 'red-cross:b'];
		const { container } = render(QuestionCard, { question: matching, formKey: KEY, number: 1, feedback: feedback(matching, pairs, pairs, true, 1) });
		expect(container.querySelectorAll('ul.pairs .badge.right')).toHaveLength(3);
		expect(container.querySelector('ul.pairs')).not.toHaveTextContent('✗');
	});
});

describe('a find-evidence question', () => {
	const sentences = findEvidence.type === 'find-evidence' ? findEvidence.paragraphs.flatMap((p) => p.sentences) : [];

	test('offers one radio "sentence" per sentence, named by its text, in a group named by the article', () => {
		const { container } = render(QuestionCard, { question: findEvidence, formKey: KEY, number: 1 });
		expect(screen.getByRole('radiogroup', { name: 'Talks Resume in Doha' })).toBeInTheDocument();
		const radios = screen.getAllByRole('radio');
		expect(radios).toHaveLength(sentences.length);
		sentences.forEach((s, i) => {
			const radio = screen.getByRole('radio', { name: s.text });
			expect(radio).toBe(radios[i]);
			expect(screen.getByLabelText(s.text)).toBe(radio);
			expect(radio).toHaveAttribute('name', 'sentence');
			expect(radio).toHaveAttribute('value', String(s.id));
			expect(radio).toBeRequired();
			expect(radio).not.toBeChecked();
		});
		// the sentences stay in their paragraphs
		expect(container.querySelectorAll('.article .paragraph')).toHaveLength(2);
		expect(posted(container)).toEqual([]);
	});

	test('posts the picked sentence id', async () => {
		const { container } = render(QuestionCard, { question: findEvidence, formKey: KEY, number: 1 });
		await fireEvent.click(screen.getByRole('radio', { name: 'Qatar hosts the talks.' }));
		expect(posted(container)).toEqual([['sentence', '12']]);
	});

	test('says a wrong pick is wrong and which sentence proves it', () => {
		render(QuestionCard, { question: findEvidence, formKey: KEY, number: 1, feedback: feedback(findEvidence, ['11'], ['12'], false, 0) });
		const row = (text: string) => screen.getByRole('radio', { name: new RegExp(`^${text}`) }).closest('label')!;
		expect(row('The talks resumed on Monday.')).toHaveTextContent('✗ your pick');
		expect(row('The talks resumed on Monday.')).toHaveClass('wrong');
		expect(row('Qatar hosts the talks.')).toHaveTextContent('✓ this sentence proves it');
		expect(row('Qatar hosts the talks.')).toHaveClass('right');
		expect(row('Egypt joined later.').querySelector('.badge')).toBeNull();
		expect(screen.getByRole('radio', { name: /^The talks resumed on Monday\./ })).toBeChecked();
		expect(screen.getByRole('status')).toHaveTextContent('Not quite.');
	});

	test('says a right pick proves it', () => {
		render(QuestionCard, { question: findEvidence, formKey: KEY, number: 1, feedback: feedback(findEvidence, ['12'], ['12'], true, 1) });
		const radio = screen.getByRole('radio', { name: /^Qatar hosts the talks\./ });
		expect(radio).toBeChecked();
		expect(radio.closest('label')).toHaveTextContent('✓ your pick proves it');
		expect(screen.queryByText(/✗/)).toBeNull();
		expect(screen.getByRole('status')).toHaveTextContent('Right.');
	});
});

describe('a two-part question', () => {
	test('says how it is scored, then offers Part A choices and Part B sentences, each in a named group', () => {
		const { container } = render(QuestionCard, { question: twoPart, formKey: KEY, number: 1 });
		expect(container.querySelector('.scoring')).toHaveTextContent(
			'Two parts. Both right: full credit. Part A right but Part B wrong: half credit. Part A wrong: no credit.'
		);
		expect(screen.getByRole('group', { name: 'Part A Choose one answer.' })).toBeInTheDocument();
		const partB = screen.getByRole('group', { name: `Part B ${twoPart.type === 'two-part' ? twoPart.partB : ''}` });
		expect(within(partB).getByRole('radiogroup', { name: /Part B .* Talks Resume in Doha/ })).toBeInTheDocument();
		expect(screen.getAllByRole('radio').map((r) => r.getAttribute('name'))).toEqual(['choice', 'choice', 'sentence', 'sentence', 'sentence']);
		for (const r of screen.getAllByRole('radio')) expect(r).toBeRequired();
	});

	test('posts the choice and the sentence', async () => {
		const { container } = render(QuestionCard, { question: twoPart, formKey: KEY, number: 1 });
		await fireEvent.click(screen.getByRole('radio', { name: 'The ceasefire talks had stalled.' }));
		await fireEvent.click(screen.getByRole('radio', { name: 'Egypt joined later.' }));
		expect(posted(container)).toEqual([
			['choice', 'stalled'],
			['sentence', '13']
		]);
	});

	test('half credit: Part A marked right, the Part B pick wrong and the proving sentence shown, in words', () => {
		const fb = feedback(twoPart, ['a:stalled', 'b:13'], ['a:stalled', 'b:12'], false, 0.5);
		render(QuestionCard, { question: twoPart, formKey: KEY, number: 1, feedback: fb });
		expect(screen.getByRole('radio', { name: /^The ceasefire talks had stalled\./ }).closest('label')).toHaveTextContent('✓ your answer, right');
		expect(screen.getByRole('radio', { name: /^Egypt joined later\./ }).closest('label')).toHaveTextContent('✗ your pick');
		expect(screen.getByRole('radio', { name: /^Qatar hosts the talks\./ }).closest('label')).toHaveTextContent('✓ this sentence proves it');
		expect(screen.getByRole('status')).toHaveTextContent('Partly right.');
		expect(screen.getByRole('status')).toHaveTextContent('This answer earns 50 % credit.');
	});

	test('no credit: a wrong Part A is marked wrong and the right choice named', () => {
		render(QuestionCard, { question: twoPart, formKey: KEY, number: 1, feedback: feedback(twoPart, ['a:law', 'b:12'], ['a:stalled', 'b:12'], false, 0) });
		expect(screen.getByRole('radio', { name: /^A new law required them\./ }).closest('label')).toHaveTextContent('✗ your answer');
		expect(screen.getByRole('radio', { name: /^The ceasefire talks had stalled\./ }).closest('label')).toHaveTextContent('✓ right answer');
		expect(screen.getByRole('status')).toHaveTextContent('Not quite.');
		expect(screen.getByRole('status')).not.toHaveTextContent('credit');
	});
});
