import type { Score } from '../common';
import type { SingleAnswer, SingleKey } from './schema';

export function score(answer: SingleAnswer, key: SingleKey): Score {
	const correct = answer === key;
	return { correct, points: correct ? 1 : 0 };
}
