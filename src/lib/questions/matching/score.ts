import type { Score } from '../common';
import type { MatchingAnswer, MatchingKey } from './schema';

/** Partial credit per pair; right only when every pair is. */
export function score(answer: MatchingAnswer, key: MatchingKey): Score {
	const lefts = Object.keys(key);
	const hits = lefts.filter((l) => answer[l] === key[l]).length;
	return { correct: hits === lefts.length, points: lefts.length ? hits / lefts.length : 0 };
}
