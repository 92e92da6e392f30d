import { describe, expect, it } from 'vitest';
import { seededShuffle, shuffledAway } from '../../../src/lib/questions/shuffle';

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
