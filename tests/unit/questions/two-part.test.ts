import { describe, expect, it } from 'vitest';
import { formPost } from './fixtures';
import type { QuestionContext, Resolved } from '../../../src/lib/questions/common';
import { answerSchema, DEFAULT_PART_B, keyOf, questionSchema, toPublic, type TwoPartPublic, type TwoPartQuestion } from '../../../src/lib/questions/two-part/schema';
import { part } from '../../../src/lib/questions/two-part/parts';
import { score } from '../../../src/lib/questions/two-part/score';
import { grade, reshuffle, shownAnswer, shownKey, shownTexts, toPublic as publicOf, type Question } from '../../../src/lib/questions/registry';

const raw = {
	id: 'why-direct',
	type: 'two-part',
	skill: 'inference',
	prompt: 'Part A: What does the report suggest led the US to talk to Hamas directly?',
	choices: [
		{ id: 'stalled', text: 'Talks between Israel and Hamas had stalled.' },
		{ id: 'asked', text: 'Qatar asked the US to stop mediating.' },
		{ id: 'law', text: 'A new US law required direct talks.' }
	],
	answer: 'stalled',
	source: '004',
	proving: ['The talks stalled in March.'],
	explanation: 'The report ties the direct talks to the stalled ceasefire talks.',
	cite: [{ source: '004', quote: 'The talks stalled in March.' }]
};

const paragraphs = [
	{ sentences: [{ id: 1, text: 'A title line.' }, { id: 2, text: 'Delegations met.' }] },
	{ sentences: [{ id: 3, text: 'The talks stalled in March.' }, { id: 4, text: 'The US then met Hamas.' }] }
];
const ctx: QuestionContext = { source: (id) => (id === '004' ? { id, title: 'Direct talks', paragraphs } : undefined) };

/** as the loader resolves it: the proving quote is sentence 3 */
const resolvedQ = (extra: object = {}): Resolved<TwoPartQuestion> => {
	const q = questionSchema.parse({ ...raw, ...extra });
	return { ...q, cite: [{ source: '004', quote: raw.cite[0]!.quote, sentenceIds: [3] }], proving: [{ quote: raw.proving[0]!, sentenceIds: [3] }] };
};
const q = resolvedQ() as Question;
const post = (choice?: string, sentence?: string) =>
	formPost(raw.id, [...(choice === undefined ? [] : [['choice', choice]]), ...(sentence === undefined ? [] : [['sentence', sentence]])] as [string, string][]);
const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];

describe('two-part question schema', () => {
	it('accepts a valid question, with or without its own Part B prompt', () => {
		expect(questionSchema.safeParse(raw).success).toBe(true);
		expect(questionSchema.safeParse({ ...raw, partB: 'Which sentence shows why?' }).success).toBe(true);
	});

	it('refuses an answer that is no choice, a missing source, no proving sentence and an unknown skill', () => {
		expect(issue({ ...raw, answer: 'nope' })).toMatchObject({ path: ['answer'], message: 'answer must be the id of one of the choices' });
		const { source: _s, ...noSource } = raw;
		expect(issue(noSource)?.path).toEqual(['source']);
		expect(issue({ ...raw, proving: [] })).toMatchObject({ path: ['proving'], message: 'list at least one proving sentence' });
		expect(issue({ ...raw, skill: 'guess' })).toMatchObject({ path: ['skill'], message: 'skill must be one of: recall, inference, compare, evaluate' });
	});
});

describe('two-part answer schema', () => {
	it('reads Part A and Part B of a form post', () => {
		expect(answerSchema.parse(post('stalled', '3'))).toEqual({ choice: 'stalled', sentence: 3 });
	});

	it('says which part is missing', () => {
		expect(answerSchema.safeParse(post(undefined, '3')).error?.issues[0]?.message).toBe('Answer Part A before checking.');
		expect(answerSchema.safeParse(post('stalled')).error?.issues[0]?.message).toBe('Pick a sentence for Part B before checking.');
		expect(answerSchema.safeParse(post('stalled', 's-3')).error?.issues[0]?.message).toBe('Pick a sentence for Part B before checking.');
	});
});

describe('two-part score', () => {
	const key = { choice: 'stalled', sentences: [3, 5] };
	it('gives full credit for both parts, half for Part A alone, nothing when Part A is wrong', () => {
		expect(score({ choice: 'stalled', sentence: 5 }, key)).toEqual({ correct: true, points: 1 });
		expect(score({ choice: 'stalled', sentence: 4 }, key)).toEqual({ correct: false, points: 0.5 });
		expect(score({ choice: 'asked', sentence: 3 }, key)).toEqual({ correct: false, points: 0 });
		expect(score({ choice: 'asked', sentence: 4 }, key)).toEqual({ correct: false, points: 0 });
	});
});

describe('two-part public part and key', () => {
	it('shows the choices, the Part B prompt and the article, and no key', () => {
		const pub = toPublic(resolvedQ(), ctx);
		expect(pub).toEqual({
			id: raw.id,
			type: 'two-part',
			prompt: raw.prompt,
			choices: raw.choices,
			partB: DEFAULT_PART_B,
			source: { id: '004', title: 'Direct talks' },
			paragraphs
		});
		const text = JSON.stringify(pub);
		for (const secret of ['answer', 'proving', 'explanation', 'cite', 'sentenceIds']) expect(text).not.toContain(`"${secret}":`);
	});

	it('keys on the right choice and the proving sentences', () => {
		expect(keyOf(resolvedQ())).toEqual({ choice: 'stalled', sentences: [3] });
	});
});

describe('two-part through the registry', () => {
	it('grades full, half and zero credit, showing each part', () => {
		expect(grade(q, post('stalled', '3'))).toEqual({
			ok: true,
			correct: true,
			points: 1,
			answer: { choice: 'stalled', sentence: 3 },
			given: ['a:stalled', 'b:3'],
			key: ['a:stalled', 'b:3']
		});
		expect(grade(q, post('stalled', '4'))).toMatchObject({ ok: true, correct: false, points: 0.5, given: ['a:stalled', 'b:4'] });
		expect(grade(q, post('law', '3'))).toMatchObject({ ok: true, correct: false, points: 0 });
		expect(grade(q, post())).toEqual({ ok: false, message: 'Answer Part A before checking.' });
	});

	it('shows a stored answer and the key, split by part, and words them for teachers', () => {
		expect(shownAnswer(q, { choice: 'asked', sentence: 2 })).toEqual(['a:asked', 'b:2']);
		expect(shownKey(q)).toEqual(['a:stalled', 'b:3']);
		expect(part(['a:asked', 'b:2', 'b:7'], 'b')).toEqual(['2', '7']);
		expect(part(undefined, 'a')).toBeUndefined();
		const pub = publicOf(q, ctx);
		expect(shownTexts(pub, ['a:asked', 'b:2'])).toEqual(['Part A: Qatar asked the US to stop mediating.', 'Part B: s-2: Delegations met.']);
	});

	it('reshuffles the choices of Part A on a retry and keeps the article in order', () => {
		const pub = publicOf(q, ctx) as TwoPartPublic;
		const orders = new Set(
			['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => {
				const again = reshuffle(q, pub, seed) as TwoPartPublic;
				expect(again.paragraphs).toEqual(pub.paragraphs);
				return again.choices.map((c) => c.id).join();
			})
		);
		expect(orders.size).toBeGreaterThan(1);
	});
});
