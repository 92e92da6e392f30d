/**
 * WrittenCard as the server renders it: the plain form (drafts and submitting work without
 * JavaScript), what a guest, a teacher and a student see, the evidence check and the teacher's
 * scores after submitting, and the student's text always shown as text.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import WrittenCard from '../../src/lib/components/WrittenCard.svelte';
import type { WrittenPublic } from '../../src/lib/questions/written/schema';
import type { WrittenState } from '../../src/lib/written';

const question: WrittenPublic = {
	id: 'argue',
	type: 'written',
	prompt: 'Was it a break with policy? Use one sentence from each report.',
	rubric: [
		{ id: 'claim', name: 'Claim', levels: [{ points: 0, text: 'No claim' }, { points: 2, text: 'A clear claim' }] },
		{ id: 'reasoning', name: 'Reasoning', levels: [{ points: 0, text: 'None' }, { points: 2, text: 'Linked' }] }
	],
	articles: [
		{ source: { id: '003', title: 'Report three' }, paragraphs: [{ sentences: [{ id: 1, text: 'Three one.' }, { id: 2, text: 'Three two.' }] }] },
		{ source: { id: '004', title: 'Report four' }, paragraphs: [{ sentences: [{ id: 5, text: 'Four five.' }] }] }
	],
	limits: { claim: 300, reasoning: 2000, evidence: 6 }
};

const text = { claim: 'My claim <b>is bold?</b>', evidence: ['003:2', '004:5'], reasoning: 'Because\nof both.' };
const state = (over: Partial<WrittenState>): WrittenState => ({
	questionId: 'argue',
	text,
	status: 'draft',
	draftAt: '2026-03-02T09:15:00.000Z',
	submittedAt: null,
	revising: false,
	evidence: [],
	grade: null,
	model: null,
	hasTeacher: true,
	...over
});
const base = { question, number: 3, formKey: 'k'.repeat(20), timeZone: 'Europe/Vienna' };

afterEach(cleanup);

describe('WrittenCard', () => {
	test('a draft: the plain form posts to ?/write with both buttons, the text and picks filled in, the time in the student’s zone', () => {
		const { container } = render(WrittenCard, { ...base, state: state({}), viewer: 'student' });
		const form = container.querySelector('form')!;
		expect(form.getAttribute('method')).toBe('POST');
		expect(form.getAttribute('action')).toBe('?/write#q-argue');
		expect(screen.getByRole('button', { name: 'Save draft' }).getAttribute('value')).toBe('draft');
		expect(screen.getByRole('button', { name: 'Submit for grading' }).getAttribute('value')).toBe('submit');
		expect((screen.getByLabelText(/Your claim/) as HTMLTextAreaElement).value).toBe(text.claim);
		expect((screen.getByLabelText(/Your reasoning/) as HTMLTextAreaElement).value).toBe(text.reasoning);
		const picked = [...container.querySelectorAll<HTMLInputElement>('input[name="evidence"]')].filter((i) => i.checked).map((i) => i.value);
		expect(picked).toEqual(['003:2', '004:5']);
		// 09:15 UTC is 10:15 in Vienna in March
		expect(screen.getByRole('status').textContent).toMatch(/Draft saved at 10:15\. Not submitted yet\./);
		// the student's text is never markup
		expect(container.querySelector('b')).toBeNull();
	});

	test('a guest and a teacher see the question, cannot write, and are told why', () => {
		render(WrittenCard, { ...base, state: null, viewer: 'guest' });
		expect(screen.getByText(/Sign up/).closest('p')!.textContent).toMatch(/A teacher scores written answers/);
		expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull();
		expect((screen.getByLabelText(/Your claim/) as HTMLTextAreaElement).disabled).toBe(true);
		cleanup();
		render(WrittenCard, { ...base, state: null, viewer: 'teacher' });
		expect(screen.getByText(/The teacher’s guide shows this question’s rubric and model answer/)).toBeTruthy();
	});

	test('submitted: each evidence sentence checked, waiting for the teacher, no model answer yet', () => {
		const evidence = [
			{ ref: '003:2', source: '003', sentence: 2, text: 'Three two.', proves: true },
			{ ref: '004:5', source: '004', sentence: 5, text: 'Four five.', proves: false }
		];
		render(WrittenCard, { ...base, state: state({ status: 'waiting', submittedAt: '2026-03-02T09:20:00.000Z', evidence }), viewer: 'student' });
		const region = screen.getByRole('region', { name: 'Feedback on your written answer' });
		const items = within(region).getAllByRole('listitem').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
		expect(items[0]).toMatch(/^✓ Can prove a claim like this Three two\. in source 003$/);
		expect(items[1]).toMatch(/^✗ Not one of the sentences that prove a claim like this/);
		expect(region.textContent).toContain('Waiting for your teacher.');
		expect(region.textContent).not.toContain('A model answer');
		expect(screen.getByRole('button', { name: 'Submit changes' })).toBeTruthy();
	});

	test('graded: the scores per part, the total, the comment as text, the model answer; no more editing', () => {
		const grade = {
			id: 'g1',
			criteria: [
				{ id: 'claim', name: 'Claim', points: 2, max: 2, level: 'A clear claim' },
				{ id: 'reasoning', name: 'Reasoning', points: 0, max: 2, level: 'None' }
			],
			total: 2,
			max: 4,
			comment: 'Use the <i>second</i> report too.',
			graderName: 'Ms Okafor',
			at: '2026-03-03T10:00:00.000Z'
		};
		const model = { text: 'A model answer text.', explanation: 'Why it works.', citations: [] };
		const { container } = render(WrittenCard, { ...base, state: state({ status: 'graded', submittedAt: '2026-03-02T09:20:00.000Z', grade, model }), viewer: 'student' });
		const table = screen.getByRole('table', { name: 'Rubric scores' });
		const rows = within(table).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent!.trim()).filter(Boolean).join(' '));
		expect(rows).toEqual(['Part Points Level', 'Claim 2 / 2 A clear claim', 'Reasoning 0 / 2 None', 'Total 2 / 4']);
		expect(screen.getByText('Ms Okafor wrote:')).toBeTruthy();
		expect(container.querySelector('blockquote')!.textContent).toBe('Use the <i>second</i> report too.');
		expect(container.querySelector('i')).toBeNull();
		expect(screen.getByText('A model answer text.')).toBeTruthy();
		expect(screen.queryByRole('button', { name: /Submit|Save/ })).toBeNull();
		expect((screen.getByLabelText(/Your claim/) as HTMLTextAreaElement).disabled).toBe(true);
	});
});
