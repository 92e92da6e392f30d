/** One-time password codes: strength, alphabet, and how typed codes are read. */
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_BITS, newCode, normalizeCode } from '../../../../src/lib/server/auth/one-time-code';

describe('one-time codes', () => {
	it('carry at least 40 bits, from an alphabet without look-alikes', () => {
		expect(CODE_BITS).toBeGreaterThanOrEqual(40);
		for (const c of '01OIL') expect(CODE_ALPHABET).not.toContain(c);
		const codes = new Set(Array.from({ length: 2000 }, newCode));
		expect(codes.size).toBe(2000);
		for (const c of codes) expect([...c].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
		// every symbol turns up: the draw is not stuck on part of the alphabet
		expect(new Set([...codes].join('')).size).toBe(CODE_ALPHABET.length);
	});

	it('are read the way students type them', () => {
		expect(normalizeCode(' k7qxp-3mz9a ')).toBe('K7QXP3MZ9A');
	});
});

