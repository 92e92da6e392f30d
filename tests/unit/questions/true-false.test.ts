import { describe, expect, it } from 'vitest';
import { answerSchema, questionSchema, toPublic } from '../../../src/lib/questions/true-false/schema';
import { score } from '../../../src/lib/questions/true-false/score';

const q = { id: 'tf', type: 'true-false', skill: 'recall', prompt: 'True?', answer: false, explanation: 'No.', cite: [{ source: '000', quote: 'S.' }] };

describe('true/false', () => {
	it('schema needs a boolean answer, not the string "false"', () => {
		expect(questionSchema.safeParse(q).success).toBe(true);
		expect(questionSchema.safeParse({ ...q, answer: 'false' }).error?.issues[0]?.message).toBe('answer must be true or false');
	});

	it('answer schema maps "true"/"false" to booleans and rejects anything else', () => {
		expect(answerSchema.parse({ choice: ['true'] })).toBe(true);
		expect(answerSchema.parse({ choice: ['false'] })).toBe(false);
		expect(answerSchema.safeParse({ choice: ['maybe'] }).error?.issues[0]?.message).toBe('Choose True or False.');
	});

	it('scores', () => {
		expect(score(false, false).correct).toBe(true);
		expect(score(true, false)).toEqual({ correct: false, points: 0 });
	});

	it('offers True and False as public choices without revealing which is right', () => {
		const pub = toPublic(questionSchema.parse(q));
		expect(pub.choices.map((c) => c.id)).toEqual(['true', 'false']);
		expect(Object.keys(pub).sort()).toEqual(['choices', 'id', 'prompt', 'type']);
	});
});
