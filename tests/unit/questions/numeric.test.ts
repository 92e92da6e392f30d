import { describe, expect, it } from 'vitest';
import { formPost, resolved } from './fixtures';
import { answerSchema, keyOf, questionSchema, toPublic } from '../../../src/lib/questions/numeric/schema';
import { score } from '../../../src/lib/questions/numeric/score';
import { grade, shownAnswer, shownKey, shownTexts } from '../../../src/lib/questions/registry';

const raw = {
	id: 'hostages-released',
	type: 'numeric',
	skill: 'recall',
	prompt: 'How many hostages were released in the first phase?',
	answer: 33,
	tolerance: 0,
	unit: 'people',
	explanation: 'The first phase freed 33.',
	cite: [{ source: '004', quote: 'Thirty-three hostages were released.' }]
};


/** a form post as the browser sends it: the card's hidden fields and the typed value */
const post = (value?: string) => formPost(raw.id, value === undefined ? [] : [['value', value]]);

const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];

describe('numeric question schema', () => {
	it('accepts a valid question and defaults the tolerance to 0', () => {
		expect(questionSchema.safeParse(raw).success).toBe(true);
		const { tolerance: _, ...noTolerance } = raw;
		expect(questionSchema.parse(noTolerance).tolerance).toBe(0);
		const { unit: __, ...noUnit } = raw;
		expect(questionSchema.safeParse(noUnit).success).toBe(true);
	});

	it('refuses a negative tolerance on the tolerance path', () => {
		expect(issue({ ...raw, tolerance: -1 })).toMatchObject({ path: ['tolerance'], message: 'tolerance cannot be negative' });
	});

	it('refuses an answer that is not a number', () => {
		expect(issue({ ...raw, answer: '33' })).toMatchObject({ path: ['answer'], message: 'answer must be a number' });
		expect(issue({ ...raw, answer: undefined })).toMatchObject({ path: ['answer'], message: 'answer must be a number' });
		expect(issue({ ...raw, answer: Infinity })?.path).toEqual(['answer']);
		expect(issue({ ...raw, answer: Number.NaN })?.path).toEqual(['answer']);
	});

	it('refuses a tolerance that is not a number', () => {
		expect(issue({ ...raw, tolerance: 'two' })).toMatchObject({ path: ['tolerance'], message: 'tolerance must be a number' });
	});

	it('refuses an empty unit', () => {
		expect(issue({ ...raw, unit: '  ' })).toMatchObject({ path: ['unit'], message: 'unit is empty' });
	});

	it('refuses empty shared fields with readable messages', () => {
		expect(issue({ ...raw, prompt: ' ' })).toMatchObject({ path: ['prompt'], message: 'the prompt is empty' });
		expect(issue({ ...raw, explanation: '' })).toMatchObject({ path: ['explanation'], message: 'the explanation is empty' });
		expect(issue({ ...raw, cite: [] })).toMatchObject({ path: ['cite'], message: 'cite at least one sentence' });
		expect(issue({ ...raw, id: 'Hostages Released' })?.path).toEqual(['id']);
	});

	it('refuses unknown fields', () => {
		expect(issue({ ...raw, answers: [33] })?.code).toBe('unrecognized_keys');
	});
});

describe('numeric answer schema', () => {
	it.each([
		['33', 33],
		['2,000', 2000],
		['2 000', 2000],
		['2\u00a0000', 2000],
		['1,000,000', 1_000_000],
		['2,000.5', 2000.5],
		['1.5', 1.5],
		['0.25', 0.25],
		['-3', -3],
		['−3', -3],
		['  42  ', 42],
		['0', 0]
	])('reads %j from a form post as %d', (typed, expected) => {
		expect(answerSchema.parse(post(typed))).toBe(expected);
	});

	it.each(['about 30', '2,5', '12,34', '1,0000', '30%', '1e5', '.5', '1.', '3 4', '--3', 'thirty'])(
		'refuses %j with a message asking for digits',
		(typed) => {
			expect(answerSchema.safeParse(post(typed)).error?.issues[0]?.message).toBe('Type a number in digits, like 35 or 2,000.');
		}
	);

	it('asks for a number when the field is empty or blank', () => {
		expect(answerSchema.safeParse(post('')).error?.issues[0]?.message).toBe('Type a number before checking.');
		expect(answerSchema.safeParse(post('   ')).error?.issues[0]?.message).toBe('Type a number before checking.');
	});

	it('asks for a number when the post has no value field at all', () => {
		expect(answerSchema.safeParse(post()).error?.issues[0]?.message).toBe('Type a number before checking.');
	});

	it('refuses a number longer than the input allows', () => {
		const messages = answerSchema.safeParse(post('1'.repeat(31))).error?.issues.map((i) => i.message);
		expect(messages).toContain('That number is too long.');
	});

	it('reads only the first value when the field is posted twice', () => {
		expect(answerSchema.parse(formPost(raw.id, [['value', '7'], ['value', '8']]))).toBe(7);
	});
});

describe('numeric score', () => {
	it('is right for the exact answer with no tolerance and wrong otherwise', () => {
		expect(score(33, { answer: 33, tolerance: 0 })).toEqual({ correct: true, points: 1 });
		expect(score(34, { answer: 33, tolerance: 0 })).toEqual({ correct: false, points: 0 });
		expect(score(32.5, { answer: 33, tolerance: 0 })).toEqual({ correct: false, points: 0 });
	});

	it('counts both edges of the tolerance as right and just beyond them as wrong, with no partial credit', () => {
		const key = { answer: 30, tolerance: 2 };
		expect(score(32, key)).toEqual({ correct: true, points: 1 });
		expect(score(28, key)).toEqual({ correct: true, points: 1 });
		expect(score(31.2, key)).toEqual({ correct: true, points: 1 });
		expect(score(32.001, key)).toEqual({ correct: false, points: 0 });
		expect(score(27.999, key)).toEqual({ correct: false, points: 0 });
		expect(score(-30, key)).toEqual({ correct: false, points: 0 });
	});

	it('does not let float noise turn a right answer at the edge wrong', () => {
		// |1.3 - 1.2| is 0.10000000000000009 in floating point
		expect(score(1.3, { answer: 1.2, tolerance: 0.1 }).correct).toBe(true);
		expect(score(0.1 + 0.2, { answer: 0.3, tolerance: 0 }).correct).toBe(true);
	});

	it('handles negative answers', () => {
		expect(score(-3, { answer: -3, tolerance: 0 }).correct).toBe(true);
		expect(score(3, { answer: -3, tolerance: 0 }).correct).toBe(false);
	});
});

describe('numeric public part and key', () => {
	it('holds no key: no answer, tolerance, explanation or citation', () => {
		const pub = toPublic(questionSchema.parse(raw));
		expect(pub).toEqual({ id: raw.id, type: 'numeric', prompt: raw.prompt, unit: 'people' });
		expect(JSON.stringify(pub)).not.toContain('33');
	});

	it('leaves out the unit when there is none', () => {
		const { unit: _, ...noUnit } = raw;
		expect(Object.keys(toPublic(questionSchema.parse(noUnit))).sort()).toEqual(['id', 'prompt', 'type']);
	});

	it('keys on the answer and the tolerance', () => {
		expect(keyOf(questionSchema.parse({ ...raw, tolerance: 1.5 }))).toEqual({ answer: 33, tolerance: 1.5 });
	});
});

describe('numeric through the registry', () => {
	const q = resolved(raw);

	it('grades a right answer', () => {
		expect(grade(q, post('33'))).toEqual({ ok: true, correct: true, points: 1, answer: 33, given: ['33'], key: ['33'] });
	});

	it('grades a wrong answer and shows the typed number normalised', () => {
		expect(grade(q, post('2,000'))).toEqual({ ok: true, correct: false, points: 0, answer: 2000, given: ['2000'], key: ['33'] });
	});

	it('grades within the tolerance as right', () => {
		expect(grade(resolved({ ...raw, tolerance: 2 }), post('35'))).toMatchObject({ ok: true, correct: true, given: ['35'], key: ['33'] });
	});

	it('returns the readable message for an answer that is not a number', () => {
		expect(grade(q, post('about 30'))).toEqual({ ok: false, message: 'Type a number in digits, like 35 or 2,000.' });
		expect(grade(q, post())).toEqual({ ok: false, message: 'Type a number before checking.' });
	});

	it('shows a stored answer and the key as strings', () => {
		expect(shownAnswer(q, 1.5)).toEqual(['1.5']);
		expect(shownKey(q)).toEqual(['33']);
	});

	it('words shown values with the unit, and without one when there is none', () => {
		expect(shownTexts(toPublic(questionSchema.parse(raw)), ['33'])).toEqual(['33 people']);
		const { unit: _, ...noUnit } = raw;
		expect(shownTexts(toPublic(questionSchema.parse(noUnit)), ['33', '2000'])).toEqual(['33', '2000']);
	});
});
