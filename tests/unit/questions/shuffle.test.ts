import { describe, expect, it } from 'vitest';
import { firstShownOrder, seededShuffle, shuffledAway } from '../../../src/lib/questions/shuffle';
import { course } from '../server/exports/course';

const items = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('seededShuffle', () => {
	it('is deterministic per seed and a permutation', () => {
		const x = seededShuffle(items, 'u:q:1');
		expect(seededShuffle(items, 'u:q:1')).toEqual(x);
		expect([...x].sort()).toEqual(items);
	});

	it('differs between attempts (over several seeds, not always the same order)', () => {
		const orders = new Set(Array.from({ length: 10 }, (_, i) => seededShuffle(items, `u:q:${i}`).join('')));
		expect(orders.size).toBeGreaterThan(5);
	});

	it('does not change its input', () => {
		const copy = [...items];
		seededShuffle(copy, 's');
		expect(copy).toEqual(items);
	});
});

describe('shuffledAway', () => {
	it('never returns the order it was given, for any seed', () => {
		for (let i = 0; i < 200; i++) {
			const out = shuffledAway(['a', 'b', 'c'], `seed-${i}`);
			expect(out.join('')).not.toBe('abc');
			expect([...out].sort()).toEqual(['a', 'b', 'c']);
		}
		expect(shuffledAway(['only'], 'x')).toEqual(['only']);
	});
});

describe('firstShownOrder', () => {
	it('on the course: the right choice of a one-answer question is first about as often as chance says, not as authored', () => {
		const questions = course().modules.flatMap((m) => m.lessons.flatMap((l) => l.questions));
		let asked = 0;
		let authoredFirst = 0;
		let shownFirst = 0;
		for (const q of questions) {
			if (q.type !== 'single' && q.type !== 'two-part') continue;
			asked++;
			if (q.choices[0]!.id === q.answer) authoredFirst++;
			const shown = firstShownOrder(q.choices, q.id);
			expect(shown.map((c) => c.id).sort()).toEqual(q.choices.map((c) => c.id).sort());
			// the same order every time it is asked for (one page for everyone)
			expect(firstShownOrder(q.choices, q.id)).toEqual(shown);
			if (shown[0]!.id === q.answer) shownFirst++;
		}
		console.log(`one-answer questions: right choice authored first in ${authoredFirst} of ${asked}, shown first in ${shownFirst}`);
		expect(shownFirst / asked).toBeLessThan(0.5);
	});
});
