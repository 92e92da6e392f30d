import type { Score } from '../common';
import type { NumericAnswer, NumericKey } from './schema';

/** Right within the tolerance; no partial credit for being close. */
export function score(answer: NumericAnswer, key: NumericKey): Score {
	// a tiny epsilon so 0.1 + 0.2 style float noise never turns a right answer wrong
	const correct = Math.abs(answer - key.answer) <= key.tolerance + 1e-9;
	return { correct, points: correct ? 1 : 0 };
}
