/**
 * One-time codes for setting a password: 10 symbols from 31 that cannot be mistaken for one
 * another on paper (no 0/O, 1/I/L), drawn with node's CSPRNG: 10 × log2(31) ≈ 49.5 bits.
 */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

export function newCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** As printed: two groups of five, easier to copy by hand. */
export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** What a student typed, in the stored form: case, spaces and dashes do not matter. */
export const normalizeCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

export const isCodeShape = (code: string) => code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
