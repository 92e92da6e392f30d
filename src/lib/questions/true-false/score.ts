import type { Score } from '../common';
import type { TrueFalseAnswer, TrueFalseKey } from './schema';

export function score(answer: TrueFalseAnswer, key: TrueFalseKey): Score {
	const correct = answer === key;
	return { correct, points: correct ? 1 : 0 };
}
