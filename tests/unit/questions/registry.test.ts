import { describe, expect, it } from 'vitest';
import { formFields } from '../../../src/lib/questions/common';
import { grade, questionSchema, type Question } from '../../../src/lib/questions/registry';

const resolved = (raw: unknown) => ({ ...questionSchema.parse(raw), cite: [{ source: '000', quote: 'A sentence.', sentenceIds: [1] }] }) as Question;

const single = resolved({
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
});

const form = (entries: [string, string][]) => {
	const fd = new FormData();
	for (const [k, v] of entries) fd.append(k, v);
	return formFields(fd);
};

describe('grade', () => {
	it('grades a posted answer by choice id and reveals the key only in the result', () => {
		expect(grade(single, form([['choice', 'pentagon']]))).toEqual({
			ok: true,
			correct: false,
			points: 0,
			answer: 'pentagon',
			given: ['pentagon'],
			key: ['state']
		});
	});

	it('returns a readable message for a missing answer', () => {
		expect(grade(single, form([]))).toEqual({ ok: false, message: 'Choose an answer before checking.' });
	});

	it('grades an unknown choice id as wrong, not as an error', () => {
		expect(grade(single, form([['choice', 'nope']]))).toMatchObject({ ok: true, correct: false });
	});
});

describe('formFields', () => {
	it('keeps every value of repeated fields and ignores files', () => {
		const fd = new FormData();
		fd.append('choice', 'a');
		fd.append('choice', 'b');
		fd.append('upload', new Blob(['x']), 'x.txt');
		expect(formFields(fd)).toEqual({ choice: ['a', 'b'] });
	});

	it('treats fields named like built-in properties (__proto__, constructor) as plain fields', () => {
		const fields = form([
			['__proto__', 'x'],
			['constructor', 'y'],
			['toString', 'z'],
			['choice', 'state']
		]);
		expect(Object.keys(fields).sort()).toEqual(['__proto__', 'choice', 'constructor', 'toString']);
		expect(fields.constructor).toEqual(['y']);
		expect(grade(single, fields)).toMatchObject({ ok: true, correct: true });
	});
});
