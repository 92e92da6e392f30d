import { describe, expect, it } from 'vitest';
import { formPost, resolved } from './fixtures';
import { answerSchema, keyOf, questionSchema, toPublic } from '../../../src/lib/questions/ordering/schema';
import { score } from '../../../src/lib/questions/ordering/score';
import {
	grade,
	reshuffle,
	shownAnswer,
	shownKey,
	shownTexts 
} from '../../../src/lib/questions/registry';

const raw = {
	id: 'ceasefire-steps',
	type: 'ordering',
	skill: 'recall',
	prompt: 'Put the steps of the ceasefire in order.',
	items: [
		{ id: 'talks', text: 'Talks begin' },
		{ id: 'draft', text: 'A draft is agreed' },
		{ id: 'truce', text: 'The truce starts' },
		{ id: 'swap', text: 'Prisoners are swapped' }
	],
	explanation: 'Talks come first, the swap last.',
	cite: [{ source: '004', quote: 'Talks began before the draft.' }]
};
const rightOrder = raw.items.map((i) => i.id);


/** a form post as the browser sends it: hidden fields, then one position select per item */
const post = (positions: Record<string, string>) => formPost(raw.id, Object.entries(positions).map(([id, pos]) => [`pos-${id}`, pos]));

const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];

describe('ordering question schema', () => {
	it('accepts three to six items', () => {
		expect(questionSchema.safeParse(raw).success).toBe(true);
		expect(questionSchema.safeParse({ ...raw, items: raw.items.slice(0, 3) }).success).toBe(true);
		const six = Array.from({ length: 6 }, (_, i) => ({ id: `step-${i}`, text: `Step ${i}` }));
		expect(questionSchema.safeParse({ ...raw, items: six }).success).toBe(true);
	});

	it('refuses two items', () => {
		expect(issue({ ...raw, items: raw.items.slice(0, 2) })).toMatchObject({ path: ['items'], message: 'give at least three items' });
	});

	it('refuses seven items', () => {
		const seven = Array.from({ length: 7 }, (_, i) => ({ id: `step-${i}`, text: `Step ${i}` }));
		expect(issue({ ...raw, items: seven })).toMatchObject({ path: ['items'], message: 'give at most six items' });
	});

	it('refuses duplicate item ids', () => {
		const items = [...raw.items.slice(0, 3), { id: 'talks', text: 'Talks again' }];
		expect(issue({ ...raw, items })).toMatchObject({ path: ['items'], message: 'item ids must be unique' });
	});

	it('points at the item with an empty text or a bad id', () => {
		const emptyText = raw.items.map((it, i) => (i === 2 ? { ...it, text: '  ' } : it));
		expect(issue({ ...raw, items: emptyText })).toMatchObject({ path: ['items', 2, 'text'], message: 'the choice text is empty' });
		const badId = raw.items.map((it, i) => (i === 1 ? { ...it, id: 'A Draft' } : it));
		expect(issue({ ...raw, items: badId })?.path).toEqual(['items', 1, 'id']);
	});

	it('refuses items that are not a list with a message saying what to write', () => {
		expect(issue({ ...raw, items: 'talks, draft, truce' })).toMatchObject({
			path: ['items'],
			message: 'items must be a list of { id, text }, in the right order'
		});
	});
});

describe('ordering answer schema', () => {
	it('reads the position selects of a form post as item ids in order', () => {
		expect(answerSchema.parse(post({ truce: '3', talks: '1', swap: '4', draft: '2' }))).toEqual(rightOrder);
		expect(answerSchema.parse(post({ talks: '4', draft: '3', truce: '2', swap: '1' }))).toEqual(['swap', 'truce', 'draft', 'talks']);
	});

	it('sorts positions as numbers, not as text', () => {
		const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`i${i}`, String(11 - i)]));
		expect(answerSchema.parse(post(many))[0]).toBe('i10');
		expect(answerSchema.parse(post(many)).at(-1)).toBe('i0');
	});

	it('refuses a position used twice, naming the position', () => {
		expect(answerSchema.safeParse(post({ talks: '1', draft: '2', truce: '2', swap: '4' })).error?.issues[0]?.message).toBe(
			'Each position can be used once, but two items are in position 2.'
		);
		expect(answerSchema.safeParse(post({ talks: '3', draft: '3', truce: '1', swap: '2' })).error?.issues[0]?.message).toBe(
			'Each position can be used once, but two items are in position 3.'
		);
	});

	it('asks for every position when a select is empty or not a number', () => {
		const message = 'Give every item a position before checking.';
		expect(answerSchema.safeParse(post({ talks: '1', draft: '', truce: '3', swap: '4' })).error?.issues[0]?.message).toBe(message);
		expect(answerSchema.safeParse(post({ talks: '1', draft: 'two', truce: '3', swap: '4' })).error?.issues[0]?.message).toBe(
			message
		);
	});

	it('asks for every position when the post has no position fields', () => {
		expect(answerSchema.safeParse(post({})).error?.issues[0]?.message).toBe('Give every item a position before checking.');
		expect(answerSchema.safeParse(post({ talks: '1' })).error?.issues[0]?.message).toBe('Give every item a position before checking.');
	});
});

describe('ordering score', () => {
	const key = ['a', 'b', 'c', 'd'];

	it('is right only in exactly the right order', () => {
		expect(score(['a', 'b', 'c', 'd'], key)).toEqual({ correct: true, points: 1 });
	});

	it('gives the share of item pairs in the right relative order', () => {
		// one swap of neighbours breaks one pair of six
		expect(score(['b', 'a', 'c', 'd'], key)).toEqual({ correct: false, points: 5 / 6 });
		// last moved to the front breaks three pairs of six
		expect(score(['d', 'a', 'b', 'c'], key)).toEqual({ correct: false, points: 3 / 6 });
		expect(score(['b', 'a', 'd', 'c'], key)).toEqual({ correct: false, points: 4 / 6 });
	});

	it('gives nothing for the reverse order', () => {
		expect(score(['d', 'c', 'b', 'a'], key)).toEqual({ correct: false, points: 0 });
	});

	it('counts pairs with a missing or unknown item as out of order and is never right then', () => {
		expect(score(['a', 'b', 'c'], key)).toEqual({ correct: false, points: 3 / 6 });
		expect(score(['a', 'b', 'c', 'x'], key)).toEqual({ correct: false, points: 3 / 6 });
		expect(score(['a', 'b', 'c', 'd', 'x'], key)).toMatchObject({ correct: false });
	});

	it('with three items', () => {
		expect(score(['b', 'a', 'c'], ['a', 'b', 'c'])).toEqual({ correct: false, points: 2 / 3 });
		expect(score(['c', 'b', 'a'], ['a', 'b', 'c'])).toEqual({ correct: false, points: 0 });
	});
});

describe('ordering public part and key', () => {
	it('holds no key: only id, type, prompt and items', () => {
		const pub = toPublic(questionSchema.parse(raw));
		expect(Object.keys(pub).sort()).toEqual(['id', 'items', 'prompt', 'type']);
		expect([...pub.items].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...raw.items].sort((a, b) => a.id.localeCompare(b.id)));
		for (const item of pub.items) expect(Object.keys(item).sort()).toEqual(['id', 'text']);
	});

	it('never lists the items in the right order, across many question ids and lengths', () => {
		for (let n = 3; n <= 6; n++) {
			const items = Array.from({ length: n }, (_, i) => ({ id: `step-${i}`, text: `Step ${i}` }));
			for (let k = 0; k < 300; k++) {
				const pub = toPublic(questionSchema.parse({ ...raw, id: `q-${n}-${k}`, items }));
				expect(pub.items.map((i) => i.id)).not.toEqual(items.map((i) => i.id));
				expect(pub.items).toHaveLength(n);
			}
		}
	});

	it('is stable: the same question gives the same order', () => {
		const q = questionSchema.parse(raw);
		expect(toPublic(q)).toEqual(toPublic(q));
	});

	it('keys on the item ids in the written order', () => {
		expect(keyOf(questionSchema.parse(raw))).toEqual(rightOrder);
	});
});

describe('ordering through the registry', () => {
	const q = resolved(raw);

	it('grades the right order', () => {
		expect(grade(q, post({ swap: '4', truce: '3', draft: '2', talks: '1' }))).toEqual({
			ok: true,
			correct: true,
			points: 1,
			answer: rightOrder,
			given: rightOrder,
			key: rightOrder
		});
	});

	it('grades a wrong order with partial credit, given in the posted order', () => {
		expect(grade(q, post({ talks: '2', draft: '1', truce: '3', swap: '4' }))).toEqual({
			ok: true,
			correct: false,
			points: 5 / 6,
			answer: ['draft', 'talks', 'truce', 'swap'],
			given: ['draft', 'talks', 'truce', 'swap'],
			key: rightOrder
		});
	});

	it('returns the readable message for a position used twice', () => {
		expect(grade(q, post({ talks: '1', draft: '1', truce: '3', swap: '4' }))).toEqual({
			ok: false,
			message: 'Each position can be used once, but two items are in position 1.'
		});
	});

	it('shows a stored answer and the key as item ids', () => {
		expect(shownAnswer(q, ['swap', 'talks'])).toEqual(['swap', 'talks']);
		expect(shownKey(q)).toEqual(rightOrder);
	});

	it('words an order as the item texts joined by arrows, keeping unknown ids', () => {
		const pub = toPublic(questionSchema.parse(raw));
		expect(shownTexts(pub, rightOrder)).toEqual(['Talks begin → A draft is agreed → The truce starts → Prisoners are swapped']);
		expect(shownTexts(pub, ['swap', 'gone'])).toEqual(['Prisoners are swapped → gone']);
	});

	it('a retry reshuffles the same items', () => {
		const pub = toPublic(questionSchema.parse(raw));
		const again = reshuffle(q, pub, 'user-1:ceasefire-steps:1');
		expect(again.type).toBe('ordering');
		if (again.type !== 'ordering') return;
		expect([...again.items].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...pub.items].sort((a, b) => a.id.localeCompare(b.id)));
	});

	it('a retry never shows the items in the right order either', () => {
		// the lesson and review pages reshuffle a missed question for each attempt
		const three = resolved({ ...raw, items: raw.items.slice(0, 3) });
		const pub = toPublic(questionSchema.parse({ ...raw, items: raw.items.slice(0, 3) }));
		const key = rightOrder.slice(0, 3).join(',');
		const inRightOrder = Array.from({ length: 60 }, (_, attempt) => reshuffle(three, pub, `user-1:${raw.id}:${attempt}`))
			.map((p) => (p.type === 'ordering' ? p.items.map((i) => i.id).join(',') : ''))
			.filter((order) => order === key);
		expect(inRightOrder).toEqual([]);
	});
});
