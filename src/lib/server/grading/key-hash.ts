/** A version of a question's key: stored with each answer, so an edited lesson never silently regrades history. */
import { createHash } from 'node:crypto';
import { keyOf } from '$lib/questions/registry';
import type { LessonQuestion } from '$lib/content/load';

const cache = new WeakMap<object, string>();

export function keyHash(q: LessonQuestion): string {
	let hash = cache.get(q);
	if (!hash) {
		hash = createHash('sha256').update(JSON.stringify({ type: q.type, key: keyOf(q) })).digest('hex').slice(0, 32);
		cache.set(q, hash);
	}
	return hash;
}
