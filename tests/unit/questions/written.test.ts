import { describe, expect, it } from 'vitest';
import { formPost } from './fixtures';
import type { QuestionContext, Resolved } from '../../../src/lib/questions/common';
import { answerSchema, CLAIM_MAX, draftSchema, EVIDENCE_MAX, keyOf, maxPoints, questionSchema, REASONING_MAX, toPublic, type WrittenQuestion } from '../../../src/lib/questions/written/schema';
import { checkEvidence, rubricScore, score } from '../../../src/lib/questions/written/score';
import { grade, questionSchema as anyQuestion, shownTexts, toPublic as publicOf, type Question } from '../../../src/lib/questions/registry';

const level = (points: number, text: string) => ({ points, text });
const rubric = [
	{ id: 'claim', name: 'Claim', levels: [level(0, 'No claim'), level(1, 'A vague claim'), level(2, 'A clear claim')] },
	{ id: 'evidence', name: 'Evidence', levels: [level(0, 'None'), level(2, 'One sentence from each report')] },
	{ id: 'reasoning', name: 'Reasoning', levels: [level(0, 'None'), level(1, 'Some'), level(3, 'Links each sentence to the claim')] }
];
const raw = {
	id: 'break-with-policy',
	type: 'written',
	skill: 'evaluate',
	prompt: 'Was talking to Hamas directly a break with US policy? Use one sentence from each report.',
	sources: ['003', '004'],
	rubric,
	model: 'A model answer for teachers.',
	proving: [
		{ source: '004', quote: 'The US refused direct contact.' },
		{ source: '003', quote: 'Critics said the policy failed.' }
	],
	explanation: 'A strong answer sets the two reports side by side.',
	cite: [{ source: '004', quote: 'The US refused direct contact.' }]
};
const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];

/** as the loader resolves it: 004 s-3 and 003 s-2 prove a good claim */
const resolvedQ = (): Resolved<WrittenQuestion> => ({
	...questionSchema.parse(raw),
	cite: [{ source: '004', quote: raw.cite[0]!.quote, sentenceIds: [3] }],
	proving: [
		{ source: '004', quote: raw.proving[0]!.quote, sentenceIds: [3] },
		{ source: '003', quote: raw.proving[1]!.quote, sentenceIds: [2] }
	]
});
const article = (title: string) => [{ sentences: [{ id: 1, text: `${title}, first.` }, { id: 2, text: `${title}, second.` }, { id: 3, text: `${title}, third.` }] }];
const ctx: QuestionContext = { source: (id) => ({ id, title: `Report ${id}`, paragraphs: article(`Report ${id}`) }) };

describe('written: the lesson file', () => {
	it('accepts a full question through the registry', () => {
		expect(anyQuestion.safeParse(raw).success).toBe(true);
	});
	it('refuses levels out of order, a proving sentence from another article, repeated ids, too few criteria', () => {
		expect(issue({ ...raw, rubric: [{ ...rubric[0]!, levels: [level(2, 'a'), level(1, 'b')] }, rubric[1]] })?.message).toMatch(/fewest points/);
		expect(issue({ ...raw, proving: [{ source: '001', quote: 'x' }] })?.message).toMatch(/one of sources/);
		expect(issue({ ...raw, rubric: [rubric[0], rubric[0]] })?.message).toMatch(/unique/);
		expect(issue({ ...raw, rubric: [rubric[0]] })?.message).toMatch(/2 to 4 criteria/);
		expect(issue({ ...raw, sources: ['001', '002', '003'] })?.message).toMatch(/one or two sources/);
		expect(issue({ ...raw, model: undefined })?.message).toMatch(/model/);
	});
	it('the most points are the top level of each criterion', () => {
		expect(maxPoints(rubric)).toBe(2 + 2 + 3);
	});
});

describe('written: what the browser gets', () => {
	const pub = toPublic(resolvedQ(), ctx);
	it('the prompt, the rubric and both articles, but neither the model answer nor the proving sentences', () => {
		expect(pub.articles.map((a) => a.source.id)).toEqual(['003', '004']);
		expect(pub.rubric).toEqual(rubric);
		const text = JSON.stringify(pub);
		expect(text).not.toContain(raw.model);
		expect(text).not.toContain('proving');
		expect(text).not.toContain(raw.explanation);
		expect(pub.limits).toEqual({ claim: CLAIM_MAX, reasoning: REASONING_MAX, evidence: EVIDENCE_MAX });
	});
	it('the key is the proving sentences as source:sentence, sorted', () => {
		expect(keyOf(resolvedQ())).toEqual(['003:2', '004:3']);
	});
	it('shown texts name the source and the sentence', () => {
		expect(shownTexts(publicOf(resolvedQ() as Question, ctx), ['004:3'])).toEqual(['004 s-3: Report 004, third.']);
	});
	it('is never graded as an answer: it is saved as a draft or a submission', () => {
		const g = grade(resolvedQ() as Question, formPost(raw.id, [['claim', 'x']]));
		expect(g).toEqual({ ok: false, message: expect.stringMatching(/Submit for grading/) });
	});
});

describe('written: drafts and submissions', () => {
	const post = (fields: [string, string][]) => formPost(raw.id, fields);
	it('a draft may be empty; a submission needs all three parts, each named', () => {
		expect(draftSchema.parse(post([]))).toEqual({ claim: '', evidence: [], reasoning: '' });
		const r = answerSchema.safeParse(post([['claim', '  ']]));
		expect(r.error?.issues.map((i) => i.path[0])).toEqual(['claim', 'evidence', 'reasoning']);
		expect(r.error?.issues[1]?.message).toBe('Pick at least one evidence sentence before submitting.');
	});
	it('lengths are counted as the browser counts them and refused with the length in words', () => {
		expect(draftSchema.safeParse(post([['claim', 'x'.repeat(CLAIM_MAX)]])).success).toBe(true);
		const r = draftSchema.safeParse(post([['claim', 'x'.repeat(CLAIM_MAX + 1)]]));
		expect(r.error?.issues[0]?.message).toBe('Your claim is 301 characters long; keep it to 300.');
		expect(draftSchema.safeParse(post([['reasoning', 'y'.repeat(REASONING_MAX + 5)]])).error?.issues[0]?.message).toBe('Your reasoning is 2,005 characters long; keep it to 2,000.');
	});
	it('evidence: repeated picks count once, at most six, each a source:sentence ref', () => {
		expect(draftSchema.parse(post([['evidence', '004:3'], ['evidence', '004:3'], ['evidence', '003:2']])).evidence).toEqual(['004:3', '003:2']);
		const seven = Array.from({ length: 7 }, (_, i) => ['evidence', `004:${i + 1}`] as [string, string]);
		expect(draftSchema.safeParse(post(seven)).error?.issues[0]?.message).toMatch(/at most 6/);
		expect(draftSchema.safeParse(post([['evidence', '<script>']])).error?.issues[0]?.message).toMatch(/not a sentence/);
	});
	it('Unicode: lone surrogates become U+FFFD and NUL goes, bidi marks and joiners stay, line ends are \\n', () => {
		const claim = `A\uD800B\u0000C \u200F\u05E9\u05DC\u05D5\u05DD\u200E and \u{1F469}\u200D\u{1F4BB}\r\nnext`;
		const out = draftSchema.parse(post([['claim', claim]])).claim;
		expect(out).toBe(`A\uFFFDBC \u200F\u05E9\u05DC\u05D5\u05DD\u200E and \u{1F469}\u200D\u{1F4BB}\nnext`);
		expect(out.isWellFormed()).toBe(true);
	});
});

describe('written: scoring', () => {
	it('the evidence check says which picks can prove a claim of this kind', () => {
		expect(checkEvidence(['004:3', '004:1'], ['003:2', '004:3'])).toEqual([
			{ ref: '004:3', proves: true },
			{ ref: '004:1', proves: false }
		]);
		// no points of its own: the points are the teacher's
		expect(score({ claim: 'c', evidence: ['004:3'], reasoning: 'r' }, ['004:3'])).toEqual({ correct: true, points: 0 });
	});
	it('a rubric score needs a level of every criterion, each one of its levels', () => {
		expect(rubricScore(rubric, { claim: '2', evidence: '0', reasoning: '3' })).toEqual({ ok: true, scores: { claim: 2, evidence: 0, reasoning: 3 }, total: 5, max: 7 });
		const r = rubricScore(rubric, { claim: '2', evidence: '1', reasoning: undefined });
		expect(r).toEqual({
			ok: false,
			errors: { evidence: '“Evidence” has no level worth 1 points; pick one of 0, 2.', reasoning: 'Pick a level for “Reasoning”.' }
		});
		expect(rubricScore(rubric, { claim: '-1', evidence: '0', reasoning: '0' }).ok).toBe(false);
		expect(rubricScore(rubric, { claim: '1e0', evidence: '0', reasoning: '0' }).ok).toBe(false);
	});
});
