/**
 * Slots: placeholders a cached page holds where each response puts its own values (the
 * student's name, one submission key per question form, the CSP nonce). The token is random
 * per process and never leaves it (every response has its slots filled), so nothing a student
 * types can pose as a slot.
 */
import { randomBytes } from 'node:crypto';

export const TOKEN = randomBytes(9).toString('hex');

export const NAME_SLOT = `bc${TOKEN}nz`;
export const NONCE_SLOT = `bc${TOKEN}cz`;
export const keySlot = (index: number) => `bc${TOKEN}k${index}z`;

/** Every slot in a text; group 1 is `n`, `c` or `k<index>`. */
export const slotPattern = () => new RegExp(`bc${TOKEN}(n|c|k\\d+)z`, 'g');
