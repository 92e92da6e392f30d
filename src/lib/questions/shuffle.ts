/**
 * A deterministic shuffle: the same seed gives the same order. Pure (no node:crypto), so the
 * question types can use it; it hides nothing by itself, since public parts are built on the
 * server from content that never reaches the browser.
 */

/** FNV-1a: a 32-bit seed from text. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: small, fast, and well distributed for shuffling a handful of items. */
function random(seed: string): () => number {
	let a = hash(seed);
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
	const next = random(seed);
	const out = [...items];
	for (let k = out.length - 1; k > 0; k--) {
		const j = Math.floor(next() * (k + 1));
		[out[k], out[j]] = [out[j]!, out[k]!];
	}
	return out;
}

/** A shuffle that never gives back the order it was handed (which may be the answer). */
export function shuffledAway<T>(items: readonly T[], seed: string): T[] {
	const out = seededShuffle(items, seed);
	if (items.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}

/**
 * The order of a choice question's choices on its first showing (the page, the worksheet, an
 * export). Authors write the right answer first (64 of the 65 single-choice questions did), so
 * the authored order would teach "pick the first one": this is a fixed shuffle seeded by the
 * question's id, the same for everyone (the page cache serves one page to all).
 */
export const firstShownOrder = <T>(choices: readonly T[], questionId: string): T[] => seededShuffle(choices, `first:${questionId}`);

/** The types whose choices are shown in firstShownOrder (true/false keeps True before False). */
export const SHUFFLED_FIRST = new Set(['single', 'multiple', 'two-part']);
