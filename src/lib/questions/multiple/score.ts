import type { Score } from '../common';
import type { MultipleAnswer, MultipleKey } from './schema';

/** Right only when exactly the right set is chosen; partial credit = hits minus wrong picks. */
export function score(answer: MultipleAnswer, key: MultipleKey): Score {
	const picked = new Set(answer);
	const hits = key.filter((k) => picked.has(k)).length;
	const wrong = [...picked].filter((p) => !key.includes(p)).length;
	const correct = hits === key.length && wrong === 0;
	return { correct, points: Math.max(0, (hits - wrong) / key.length) };
}
