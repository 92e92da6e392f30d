import { describe, expect, it } from 'vitest';
import { fold, matchQuote, nearestSentence, similarity } from '../../../src/lib/content/citations';
import { splitSource } from '../../../src/lib/content/sentences';

const { sentences } = splitSource(
	[
		'Title',
		'The envoy sits in the State Department. He is supported by many diplomats.',
		'Hamas released 33 hostages in the first phase.',
		'junk line'
	].join('\n'),
	[{ line: 'junk line', why: 'debris' }]
);

describe('fold', () => {
	it('folds runs of white space and trims', () => {
		expect(fold('  a \n\t b  ')).toBe('a b');
	});
});

describe('matchQuote', () => {
	it('accepts one whole sentence verbatim', () => {
		expect(matchQuote('Hamas released 33 hostages in the first phase.', sentences)).toEqual({ ok: true, ids: [4] });
	});

	it('accepts consecutive sentences, also across paragraphs, with white space folded', () => {
		const q = 'He is supported by many diplomats.\n   Hamas released 33 hostages in the first phase.';
		expect(matchQuote(q, sentences)).toEqual({ ok: true, ids: [3, 4] });
	});

	it('rejects a changed character and names the nearest sentence with its score', () => {
		const m = matchQuote('Hamas released 34 hostages in the first phase.', sentences);
		expect(m.ok).toBe(false);
		if (m.ok) return;
		expect(m.reason).toBe('not-verbatim');
		expect(m.nearest?.ids).toEqual([4]);
		expect(m.nearest?.text).toBe('Hamas released 33 hostages in the first phase.');
		expect(m.nearest?.score).toBeGreaterThan(0.95);
		expect(m.nearest?.score).toBeLessThan(1);
	});

	it('rejects a fragment of a sentence as partial', () => {
		const m = matchQuote('released 33 hostages', sentences);
		expect(m).toMatchObject({ ok: false, reason: 'partial', nearest: { ids: [4] } });
	});

	it('rejects page debris even when verbatim', () => {
		expect(matchQuote('junk line', sentences)).toMatchObject({ ok: false, reason: 'debris' });
	});

	it('rejects curly/straight quote swaps: verbatim means verbatim', () => {
		const { sentences: s } = splitSource('T\n“We do,” he said.');
		expect(matchQuote('"We do," he said.', s).ok).toBe(false);
		expect(matchQuote('“We do,” he said.', s).ok).toBe(true);
	});
});

describe('nearestSentence', () => {
	it('prefers a run of sentences for a multi-sentence quote', () => {
		const n = nearestSentence('The envoy sits in the State Dept. He is supported by many diplomats.', sentences);
		expect(n?.ids).toEqual([2, 3]);
	});

	it('never offers debris as the nearest sentence', () => {
		expect(nearestSentence('junk lines', sentences)?.ids).not.toContain(5);
	});
});

describe('similarity', () => {
	it('is 1 for equal strings and lower the more they differ', () => {
		expect(similarity('abc', 'abc')).toBe(1);
		expect(similarity('abc', 'abd')).toBeCloseTo(2 / 3);
		expect(similarity('', '')).toBe(1);
	});
});
