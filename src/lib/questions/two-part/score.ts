import type { Score } from '../common';
import type { TwoPartAnswer, TwoPartKey } from './schema';

/** Both parts right: full credit. Part A right with a wrong Part B: half. Part A wrong: nothing, since Part B supports Part A. */
export function score(answer: TwoPartAnswer, key: TwoPartKey): Score {
	if (answer.choice !== key.choice) return { correct: false, points: 0 };
	const correct = key.sentences.includes(answer.sentence);
	return { correct, points: correct ? 1 : 0.5 };
}
