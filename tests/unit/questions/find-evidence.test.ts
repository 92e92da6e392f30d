import { describe, expect, it } from 'vitest';
import { formPost, resolved } from './fixtures';
import { type QuestionContext, type Resolved } from '../../../src/lib/questions/common';
import { answerSchema, keyOf, questionSchema, toPublic, type FindEvidenceQuestion } from '../../../src/lib/questions/find-evidence/schema';
import { score } from '../../../src/lib/questions/find-evidence/score';
import {
	grade,
	reshuffle,
	shownAnswer,
	shownKey,
	shownTexts,
	toPublic as publicOf,
	type Question
} from '../../../src/lib/questions/registry';

const raw = {
	id: 'who-hosts',
	type: 'find-evidence',
	skill: 'recall',
	prompt: 'Find the sentence that shows Qatar hosts the talks.',
	source: '004',
	proving: ['Qatar hosts the talks.'],
	explanation: 'The article says so in its second paragraph.',
	cite: [{ source: '004', quote: 'Qatar hosts the talks.' }]
};

const paragraphs004 = [
	{
		sentences: [
			{ id: 1, text: 'The talks resumed on Monday.' },
			{ id: 2, text: 'Both sides sent delegations.' }
		]
	},
	{
		sentences: [
			{ id: 3, text: 'Qatar hosts the talks.' },
			{ id: 4, text: 'Egypt joined later.' }
		]
	}
];
const sources: Record<string, ReturnType<QuestionContext['source']>> = {
	'004': { id: '004', title: 'Talks Resume in Doha', paragraphs: paragraphs004 },
	'007': { id: '007', title: 'Another Article', paragraphs: [{ sentences: [{ id: 1, text: 'Unrelated.' }] }] }
};
const ctx: QuestionContext = { source: (id) => sources[id] };

/** a find-evidence question as the loader resolves it: its proving sentences are the cited ones of its source */
const resolvedWith = (cite: Resolved<FindEvidenceQuestion>['cite'], extra: object = {}): Resolved<FindEvidenceQuestion> => {
	const q = questionSchema.parse({ ...raw, ...extra });
	return { ...q, cite, proving: cite.filter((c) => c.source === q.source).map(({ quote, sentenceIds }) => ({ quote, sentenceIds })) };
};

/** a form post as the browser sends it: hidden fields and the picked radio */
const post = (sentence?: string) => formPost(raw.id, sentence === undefined ? [] : [['sentence', sentence]]);

const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];
const NO_PICK = 'Pick the sentence that proves the claim before checking.';

describe('find-evidence question schema', () => {
	it('accepts a valid question', () => {
		expect(questionSchema.safeParse(raw).success).toBe(true);
	});

	it('refuses a missing or empty source with a message saying what to write', () => {
		const { source: _, ...noSource } = raw;
		expect(issue(noSource)).toMatchObject({ path: ['source'], message: 'name the source to search, like "004"' });
		expect(issue({ ...raw, source: '' })).toMatchObject({ path: ['source'], message: 'name the source to search, like "004"' });
		expect(issue({ ...raw, source: 4 })).toMatchObject({ path: ['source'], message: 'name the source to search, like "004"' });
	});

	it('refuses a question without a citation', () => {
		expect(issue({ ...raw, cite: [] })).toMatchObject({ path: ['cite'], message: 'cite at least one sentence' });
		expect(issue({ ...raw, cite: [{ source: '004', quote: ' ' }] })).toMatchObject({ path: ['cite', 0, 'quote'], message: 'the quote is empty' });
	});

	it('refuses a question without proving sentences', () => {
		const { proving: _, ...noProving } = raw;
		expect(issue(noProving)?.path).toEqual(['proving']);
		expect(issue({ ...raw, proving: [] })).toMatchObject({ path: ['proving'], message: 'list at least one proving sentence' });
	});

	it('refuses unknown fields such as an answer written into the question', () => {
		expect(issue({ ...raw, answer: 3 })?.code).toBe('unrecognized_keys');
	});
});

describe('find-evidence answer schema', () => {
	it('reads the picked sentence of a form post as its id', () => {
		expect(answerSchema.parse(post('3'))).toBe(3);
		expect(answerSchema.parse(post('1204'))).toBe(1204);
	});

	it('asks for a pick when nothing was picked', () => {
		expect(answerSchema.safeParse(post()).error?.issues[0]?.message).toBe(NO_PICK);
		expect(answerSchema.safeParse(post('')).error?.issues[0]?.message).toBe(NO_PICK);
	});

	it('refuses a value that is no sentence id', () => {
		for (const bad of ['s-3', '-1', '1.5', 'three', '12345']) expect(answerSchema.safeParse(post(bad)).error?.issues[0]?.message).toBe(NO_PICK);
	});
});

describe('find-evidence score', () => {
	it('is right for any cited sentence and wrong for any other', () => {
		expect(score(3, [3])).toEqual({ correct: true, points: 1 });
		expect(score(5, [3, 5])).toEqual({ correct: true, points: 1 });
		expect(score(4, [3, 5])).toEqual({ correct: false, points: 0 });
		expect(score(3, [])).toEqual({ correct: false, points: 0 });
	});
});

describe('find-evidence public part and key', () => {
	it('lists the source paragraphs from the context, with its title, and holds no key', () => {
		const pub = toPublic(resolvedWith([{ source: '004', quote: 'Qatar hosts the talks.', sentenceIds: [3] }]), ctx);
		expect(pub).toEqual({
			id: raw.id,
			type: 'find-evidence',
			prompt: raw.prompt,
			source: { id: '004', title: 'Talks Resume in Doha' },
			paragraphs: paragraphs004
		});
		const text = JSON.stringify(pub);
		expect(text).not.toContain('cite');
		expect(text).not.toContain('explanation');
		expect(text).not.toContain('sentenceIds');
	});

	it('falls back to the source id and no paragraphs for a source the context does not know', () => {
		const pub = toPublic(resolvedWith([{ source: '999', quote: 'x', sentenceIds: [1] }], { source: '999' }), ctx);
		expect(pub.source).toEqual({ id: '999', title: '999' });
		expect(pub.paragraphs).toEqual([]);
	});

	it('keys on its proving sentences only, not on cites that give context', () => {
		const q = { ...resolvedWith([{ source: '004', quote: 'Egypt joined later.', sentenceIds: [4] }]), proving: [{ quote: 'Qatar hosts the talks.', sentenceIds: [3] }] };
		expect(keyOf(q)).toEqual([3]);
	});

	it('keys on the proving sentence ids, sorted and without repeats', () => {
		const q = resolvedWith([
			{ source: '004', quote: 'Egypt joined later.', sentenceIds: [4] },
			{ source: '007', quote: 'Unrelated.', sentenceIds: [1] },
			{ source: '004', quote: 'Both sides sent delegations. Qatar hosts the talks.', sentenceIds: [2, 3] },
			{ source: '004', quote: 'Qatar hosts the talks.', sentenceIds: [3] }
		]);
		expect(keyOf(q)).toEqual([2, 3, 4]);
	});

	it('has an empty key when it has no proving sentence of its own source', () => {
		expect(keyOf(resolvedWith([{ source: '007', quote: 'Unrelated.', sentenceIds: [1] }]))).toEqual([]);
	});
});

describe('find-evidence through the registry', () => {
	const q = resolved(raw);

	it('grades the cited sentence as right', () => {
		expect(grade(q, post('3'))).toEqual({ ok: true, correct: true, points: 1, answer: 3, given: ['3'], key: ['3'] });
	});

	it('grades another sentence as wrong', () => {
		expect(grade(q, post('1'))).toEqual({ ok: true, correct: false, points: 0, answer: 1, given: ['1'], key: ['3'] });
	});

	it('returns the readable message when nothing was picked', () => {
		expect(grade(q, post())).toEqual({ ok: false, message: NO_PICK });
	});

	it('builds the public part from the context', () => {
		expect(publicOf(q, ctx)).toMatchObject({ type: 'find-evidence', source: { id: '004', title: 'Talks Resume in Doha' } });
	});

	it('shows a stored answer and the key as sentence id strings', () => {
		expect(shownAnswer(q, 4)).toEqual(['4']);
		expect(shownKey(q)).toEqual(['3']);
		const two = { ...q, proving: [{ quote: 'x', sentenceIds: [4, 2] }] } as Question;
		expect(shownKey(two)).toEqual(['2', '4']);
	});

	it('words sentence ids as "s-<id>: <text>", keeping unknown ids', () => {
		const pub = publicOf(q, ctx);
		expect(shownTexts(pub, ['3'])).toEqual(['s-3: Qatar hosts the talks.']);
		expect(shownTexts(pub, ['1', '99'])).toEqual(['s-1: The talks resumed on Monday.', '99']);
	});

	it('keeps the article in its order on a retry', () => {
		const pub = publicOf(q, ctx);
		expect(reshuffle(q, pub, 'user-1:who-hosts:1')).toEqual(pub);
	});
});
