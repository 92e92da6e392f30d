import { describe, expect, it } from 'vitest';
import { answerSchema, questionSchema, toPublic } from '../../../src/lib/questions/multiple/schema';
import { score } from '../../../src/lib/questions/multiple/score';

const q = {
	id: 'who',
	type: 'multiple',
	skill: 'recall',
	prompt: 'Who?',
	choices: [
		{ id: 'qatar', text: 'Qatar' },
		{ id: 'egypt', text: 'Egypt' },
		{ id: 'peru', text: 'Peru' }
	],
	answers: ['qatar', 'egypt'],
	explanation: 'Both mediate.',
	cite: [{ source: '001', quote: 'A sentence.' }]
};

describe('multiple select', () => {
	it('schema requires every answer to be a choice and at least one answer', () => {
		expect(questionSchema.safeParse(q).success).toBe(true);
		expect(questionSchema.safeParse({ ...q, answers: ['qatar', 'chile'] }).error?.issues[0]?.path).toEqual(['answers']);
		expect(questionSchema.safeParse({ ...q, answers: [] }).success).toBe(false);
	});

	it('answer schema dedupes and needs at least one choice', () => {
		expect(answerSchema.parse({ choice: ['egypt', 'qatar', 'egypt'] })).toEqual(['egypt', 'qatar']);
		expect(answerSchema.safeParse({}).error?.issues[0]?.message).toBe('Choose at least one answer before checking.');
	});

	it('is right only for exactly the right set; partial credit subtracts wrong picks', () => {
		expect(score(['egypt', 'qatar'], ['egypt', 'qatar'])).toEqual({ correct: true, points: 1 });
		expect(score(['qatar'], ['egypt', 'qatar'])).toEqual({ correct: false, points: 0.5 });
		expect(score(['qatar', 'peru'], ['egypt', 'qatar'])).toEqual({ correct: false, points: 0 });
		expect(score(['qatar', 'egypt', 'peru'], ['egypt', 'qatar'])).toEqual({ correct: false, points: 0.5 });
	});

	it('the public part holds no key', () => {
		expect(Object.keys(toPublic(questionSchema.parse(q))).sort()).toEqual(['choices', 'id', 'prompt', 'type']);
	});
});
