/** A deterministic shuffle: the same seed (learner, question, attempt) gives the same order. */
import { createHash } from 'node:crypto';

export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
	const bytes = createHash('sha256').update(seed).digest();
	let i = 0;
	// 32 bits at a time from the hash, re-hashed when used up
	let pool = bytes;
	const next = () => {
		if (i + 4 > pool.length) {
			pool = createHash('sha256').update(pool).digest();
			i = 0;
		}
		const v = pool.readUInt32BE(i);
		i += 4;
		return v / 2 ** 32;
	};
	const out = [...items];
	for (let k = out.length - 1; k > 0; k--) {
		const j = Math.floor(next() * (k + 1));
		[out[k], out[j]] = [out[j]!, out[k]!];
	}
	return out;
}
