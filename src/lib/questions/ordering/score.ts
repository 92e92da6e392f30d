import type { Score } from '../common';
import type { OrderingAnswer, OrderingKey } from './schema';

/** Right only in exactly the right order; partial credit = share of item pairs in the right relative order. */
export function score(answer: OrderingAnswer, key: OrderingKey): Score {
	const at = new Map(answer.map((id, i) => [id, i]));
	let pairs = 0;
	let inOrder = 0;
	for (let i = 0; i < key.length; i++) {
		for (let j = i + 1; j < key.length; j++) {
			pairs++;
			const a = at.get(key[i]!);
			const b = at.get(key[j]!);
			if (a !== undefined && b !== undefined && a < b) inOrder++;
		}
	}
	const correct = answer.length === key.length && answer.every((id, i) => id === key[i]);
	return { correct, points: correct ? 1 : pairs ? inOrder / pairs : 0 };
}
