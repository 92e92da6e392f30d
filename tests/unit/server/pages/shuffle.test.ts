import { describe, expect, test } from 'vitest';
import { postedShuffle, shuffled } from '../../../../src/lib/server/pages/shuffle';
import { modules } from '../../../../src/lib/server/content';

const form = (shuffle?: string) => {
	const data = new FormData();
	if (shuffle !== undefined) data.set('shuffle', shuffle);
	return data;
};

describe('postedShuffle', () => {
	test('an attempt count the card was shuffled by', () => {
		expect([postedShuffle(form('0')), postedShuffle(form('7'))]).toEqual([0, 7]);
	});
	test("anything else means the lesson's own order, never an error", () => {
		for (const bad of [undefined, '', '-1', '2.5', 'x', '1e9', ' ']) expect(postedShuffle(form(bad)), String(bad)).toBeNull();
	});
});

describe('shuffled', () => {
	const q = modules.flatMap((m) => m.lessons.flatMap((l) => l.questions)).find((x) => x.type === 'single' && x.choices.length >= 4)!;
	const ids = (p: ReturnType<typeof shuffled>) => ('choices' in p ? p.choices.map((c) => c.id) : []);
	test('the same learner and attempt give the same order; the choices are all there', () => {
		const who = { userId: 'u1', guestId: null };
		expect(ids(shuffled(q, who, 3))).toEqual(ids(shuffled(q, who, 3)));
		expect([...ids(shuffled(q, who, 3))].sort()).toEqual(q.type === 'single' ? q.choices.map((c) => c.id).sort() : []);
	});
	test('attempts and learners give other orders', () => {
		const orders = new Set(Array.from({ length: 12 }, (_, n) => ids(shuffled(q, { userId: null, guestId: `g${n % 3}` }, n)).join()));
		expect(orders.size).toBeGreaterThan(1);
	});
});
