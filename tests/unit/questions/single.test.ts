import { describe, expect, it } from 'vitest';
import { answerSchema, questionSchema, toPublic } from '../../../src/lib/questions/single/schema';
import { score } from '../../../src/lib/questions/single/score';

const q = {
	id: 'where',
	type: 'single',
	skill: 'recall',
	prompt: 'Where?',
	choices: [
		{ id: 'state', text: 'State' },
		{ id: 'pentagon', text: 'Pentagon' }
	],
	answer: 'state',
	explanation: 'Because.',
	cite: [{ source: '000', quote: 'A sentence.' }]
};

describe('single choice', () => {
	it('schema accepts a valid question and rejects an answer that is not a choice', () => {
		expect(questionSchema.safeParse(q).success).toBe(true);
		const bad = questionSchema.safeParse({ ...q, answer: 'justice' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0]).toMatchObject({ path: ['answer'], message: 'answer must be the id of one of the choices' });
	});

	it('schema rejects duplicate choice ids and unknown fields', () => {
		expect(questionSchema.safeParse({ ...q, choices: [q.choices[0], q.choices[0]] }).success).toBe(false);
		expect(questionSchema.safeParse({ ...q, answers: ['state'] }).success).toBe(false);
	});

	it('answer schema takes exactly one choice, with a readable message otherwise', () => {
		expect(answerSchema.parse({ choice: ['state'] })).toBe('state');
		expect(answerSchema.safeParse({}).error?.issues[0]?.message).toBe('Choose an answer before checking.');
		expect(answerSchema.safeParse({ choice: ['a', 'b'] }).error?.issues[0]?.message).toBe('Choose exactly one answer.');
	});

	it('scores by choice id', () => {
		expect(score('state', 'state')).toEqual({ correct: true, points: 1 });
		expect(score('pentagon', 'state')).toEqual({ correct: false, points: 0 });
	});

	it('the public part holds no key, explanation or citation', () => {
		const pub = toPublic(questionSchema.parse(q));
		expect(Object.keys(pub).sort()).toEqual(['choices', 'id', 'prompt', 'type']);
		expect(JSON.stringify(pub)).not.toMatch(/Because|A sentence|answer/);
	});
});
