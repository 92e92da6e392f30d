import type { Score } from '../common';
import type { FindEvidenceAnswer, FindEvidenceKey } from './schema';

/** Any one of the cited sentences proves the claim. */
export function score(answer: FindEvidenceAnswer, key: FindEvidenceKey): Score {
	const correct = key.includes(answer);
	return { correct, points: correct ? 1 : 0 };
}
