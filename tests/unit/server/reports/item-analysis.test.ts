import { describe, expect, it } from 'vitest';
import {
	analyseItems,
	choiceDistribution,
	countedAttempt,
	groupSize,
	type StudentAttempt
} from '../../../../src/lib/server/reports/item-analysis';

let clock = 0;
/** One attempt; each call is a minute after the previous one, so the order written is the order in time. */
const at = (studentId: string, questionId: string, correct: boolean, points = correct ? 1 : 0): StudentAttempt => ({
	studentId,
	questionId,
	correct,
	points,
	at: new Date(Date.UTC(2026, 2, 1, 9, clock++)).toISOString()
});

describe('countedAttempt', () => {
	const a = { correct: false, points: 0, at: '2026-03-01T09:00:00.000Z', n: 1 };
	const b = { correct: true, points: 1, at: '2026-03-01T09:05:00.000Z', n: 2 };
	const c = { correct: false, points: 0.5, at: '2026-03-01T09:10:00.000Z', n: 3 };

	it('first, best and latest, whatever order the attempts come in', () => {
		for (const list of [
			[a, b, c],
			[c, b, a]
		]) {
			expect(countedAttempt(list, 'first')?.n).toBe(1);
			expect(countedAttempt(list, 'best')?.n).toBe(2);
			expect(countedAttempt(list, 'latest')?.n).toBe(3);
		}
	});

	it('best: on equal points a right answer wins, then the earlier one', () => {
		const early = { correct: true, points: 1, at: '2026-03-01T09:00:00.000Z', n: 1 };
		const late = { correct: true, points: 1, at: '2026-03-01T10:00:00.000Z', n: 2 };
		expect(countedAttempt([late, early], 'best')?.n).toBe(1);
		const partlyWrong = { correct: false, points: 1, at: '2026-03-01T08:00:00.000Z', n: 3 };
		expect(countedAttempt([partlyWrong, late], 'best')?.n).toBe(2);
	});

	it('nothing for no attempts', () => {
		expect(countedAttempt([], 'latest')).toBeUndefined();
	});
});

describe('groupSize (27%, rounded, at least one; none below two students)', () => {
	it.each([
		[0, 0],
		[1, 0],
		[2, 1],
		[3, 1],
		[4, 1],
		[6, 2],
		[10, 3],
		[30, 8],
		[100, 27]
	])('%i students → %i in each group', (n, k) => expect(groupSize(n)).toBe(k));
});

describe('analyseItems: a hand-computed class', () => {
	/*
	 * Six students, four questions; x, y, z are worth 1 or 0, w is a multiple-select question
	 * with partial credit (only 1 point counts as right). s4 answered x twice: right, then wrong.
	 *
	 *        x       y   z   w          total (latest)
	 *   s1   ✓       ✓   ✗   1    ✓     3
	 *   s2   ✓       ✓   ✗   0.75 ✗     2.75
	 *   s3   ✓       ✗   ✓   0.5  ✗     2.5
	 *   s4   ✓ → ✗   ✓   ✗   0.25 ✗     1.25
	 *   s5   ✓       ✗   ✗   0.1  ✗     1.1
	 *   s6   ✗       ✗   ✓   0    ✗     1
	 *
	 * Groups: round(6 × 0.27) = round(1.62) = 2 → upper {s1, s2}, lower {s5, s6}.
	 *
	 *   x: right (latest) s1 s2 s3 s5        facility 4/6;  first try s1 s2 s3 s4 s5 → 5/6
	 *      upper 2/2, lower 1/2 (s5)         D = 1 − 0.5 = 0.5
	 *   y: right s1 s2 s4                    facility 3/6 = 0.5;  upper 2/2, lower 0/2 → D = 1
	 *   z: right s3 s6                       facility 2/6;  upper 0/2, lower 1/2 → D = −0.5
	 *   w: right s1                          facility 1/6;  upper 1/2, lower 0/2 → D = 0.5
	 */
	clock = 0;
	const attempts = [
		at('s1', 'x', true),
		at('s1', 'y', true),
		at('s1', 'z', false),
		at('s1', 'w', true, 1),
		at('s2', 'x', true),
		at('s2', 'y', true),
		at('s2', 'z', false),
		at('s2', 'w', false, 0.75),
		at('s3', 'x', true),
		at('s3', 'y', false),
		at('s3', 'z', true),
		at('s3', 'w', false, 0.5),
		at('s4', 'x', true),
		at('s4', 'x', false),
		at('s4', 'y', true),
		at('s4', 'z', false),
		at('s4', 'w', false, 0.25),
		at('s5', 'x', true),
		at('s5', 'y', false),
		at('s5', 'z', false),
		at('s5', 'w', false, 0.1),
		at('s6', 'x', false),
		at('s6', 'y', false),
		at('s6', 'z', true),
		at('s6', 'w', false, 0)
	];

	it('facility, first try and discrimination per question (counting the latest attempt)', () => {
		const [x, y, z, w] = analyseItems(['x', 'y', 'z', 'w'], attempts, 'latest');
		expect(x).toMatchObject({ questionId: 'x', answered: 6, groupSize: 2, upperRight: 2, lowerRight: 1 });
		expect(x!.facility).toBeCloseTo(4 / 6);
		expect(x!.firstTry).toBeCloseTo(5 / 6);
		expect(x!.discrimination).toBeCloseTo(0.5);
		expect(y).toMatchObject({ facility: 0.5, discrimination: 1 });
		expect(z!.facility).toBeCloseTo(2 / 6);
		expect(z!.discrimination).toBeCloseTo(-0.5);
		expect(w!.facility).toBeCloseTo(1 / 6);
		expect(w!.discrimination).toBeCloseTo(0.5);
	});

	it('counting the best attempt: s4 is right on x (total 2.25), the groups stay the same', () => {
		const [x] = analyseItems(['x'], attempts, 'best');
		expect(x!.facility).toBeCloseTo(5 / 6);
		expect(x!.discrimination).toBeCloseTo(0.5);
	});

	it('follows the order of the ids given and ignores attempts at other questions', () => {
		const out = analyseItems(['y', 'gone'], attempts, 'latest');
		expect(out.map((s) => s.questionId)).toEqual(['y', 'gone']);
		expect(out[1]).toMatchObject({ answered: 0, facility: null, firstTry: null, discrimination: null, groupSize: 0 });
	});
});

describe('analyseItems: small classes', () => {
	it('no discrimination index with one student', () => {
		const [q] = analyseItems(['q'], [at('solo', 'q', true)], 'latest');
		expect(q).toMatchObject({ answered: 1, facility: 1, discrimination: null });
	});

	it('two students: the weaker one right and the stronger one wrong gives −1', () => {
		// eve: a ✓ b ✓ c ✗ → 2; fay: a ✗ b ✗ c ✓ → 1. One in each group: c: 0 − 1 = −1, a: 1 − 0 = 1
		const list = [at('eve', 'a', true), at('eve', 'b', true), at('eve', 'c', false), at('fay', 'a', false), at('fay', 'b', false), at('fay', 'c', true)];
		const [a, , c] = analyseItems(['a', 'b', 'c'], list, 'latest');
		expect(a!.discrimination).toBe(1);
		expect(c!.discrimination).toBe(-1);
		expect(c!.facility).toBe(0.5);
	});

	it('ties at the cut are broken by student id, so the result never changes between runs', () => {
		// both total 1; "amy" ranks above "bob": upper {amy} right, lower {bob} wrong on q
		const list = [at('bob', 'q', false), at('bob', 'r', true), at('amy', 'q', true), at('amy', 'r', false)];
		expect(analyseItems(['q'], list, 'latest')[0]!.discrimination).toBe(1);
		expect(analyseItems(['q'], [...list].reverse(), 'latest')[0]!.discrimination).toBe(1);
	});
});

describe('choiceDistribution', () => {
	const choices = [
		{ id: 'egypt', text: 'Egypt' },
		{ id: 'qatar', text: 'Qatar' },
		{ id: 'norway', text: 'Norway' }
	];

	it('counts each student once per choice, marks the right ones, skips unknown ids', () => {
		const d = choiceDistribution(choices, ['egypt', 'qatar'], [['egypt', 'qatar'], ['egypt', 'egypt'], ['norway', 'gone'], []]);
		expect(d.students).toBe(4);
		expect(d.choices).toEqual([
			{ id: 'egypt', text: 'Egypt', right: true, count: 2, share: 0.5 },
			{ id: 'qatar', text: 'Qatar', right: true, count: 1, share: 0.25 },
			{ id: 'norway', text: 'Norway', right: false, count: 1, share: 0.25 }
		]);
	});

	it('shares are 0 when nobody answered', () => {
		expect(choiceDistribution(choices, ['egypt'], []).choices.every((c) => c.share === 0 && c.count === 0)).toBe(true);
	});
});

describe('analyseItems: a question scored 0…n (a written answer, 6 rubric points), computed by hand', () => {
	// points of w are the rubric points over 6; s5's written answer waits for its teacher
	const w = (s: string, total: number): StudentAttempt => ({ ...at(s, 'w', total === 6, total / 6) });
	const list = [
		at('s1', 'a', true),
		w('s1', 6), // total 1 + 1 = 2
		at('s2', 'a', true),
		w('s2', 3), // 1 + 0.5 = 1.5
		at('s3', 'a', false),
		w('s3', 4), // 0 + 0.667
		at('s4', 'a', false),
		w('s4', 2), // 0 + 0.333
		at('s5', 'a', false),
		{ ...w('s5', 0), waiting: true } // not scored yet: left out everywhere
	];

	it('facility is the mean score over the maximum; D is the upper group’s mean minus the lower group’s', () => {
		const [a, q] = analyseItems(['a', 'w'], list, 'latest', new Set(['w']));
		// w: 4 scored answers, groups of round(4 × 0.27) = 1; facility (6 + 3 + 4 + 2) / 6 / 4 = 0.625
		expect(q!.scaled).toBe(true);
		expect(q!.answered).toBe(4);
		expect(q!.facility).toBeCloseTo(0.625, 10);
		expect(q!.firstTry).toBeCloseTo(0.625, 10);
		// ranked by lesson total: s1 (2) … s4 (0.333): upper s1 scored 6/6, lower s4 scored 2/6 → D = 1 − 1/3
		expect(q!.groupSize).toBe(1);
		expect(q!.upperRight).toBeCloseTo(1, 10);
		expect(q!.lowerRight).toBeCloseTo(1 / 3, 10);
		expect(q!.discrimination).toBeCloseTo(2 / 3, 10);
		// a stays right-or-wrong: 2 of 5 right; upper s1 ✓, lower s5 ✗
		expect(a!.scaled).toBe(false);
		expect(a!.facility).toBe(0.4);
		expect(a!.discrimination).toBe(1);
	});

	it('the same answers read as right-or-wrong give other numbers: the scale is what changes them', () => {
		const [, q] = analyseItems(['a', 'w'], list, 'latest');
		// only s1's 6/6 is wholly right
		expect(q!.facility).toBe(0.25);
		expect(q!.discrimination).toBe(1);
	});
});
