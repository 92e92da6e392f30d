/** Join codes: short enough for a board, from an alphabet without look-alikes (no 0/O, 1/I/L), from a CSPRNG. */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export function newJoinCode(length = CODE_LENGTH): string {
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** K7QXP3 → K7Q-XP3, easier to read aloud and copy from a board. */
export const formatCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;
