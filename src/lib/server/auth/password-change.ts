/** Changing a password: the current one is checked (and tries are limited), then every other session ends. */
import type { z } from 'zod';
import type { passwordChangeSchema } from '$lib/schemas/account';
import { getDb } from '../db';
import { hit, limitKeys } from '../db/rate-limit';
import { createSession, replacePassword, type NewSession } from '../db/sessions';
import { findPasswordHash } from '../db/users';
import { hashPassword, verifyPassword } from './password';
import { minutesToWait } from './wait';

/** the same budget as logging in: a stolen session must not become a way to guess the password */
export const PASSWORD_CHANGE_LIMIT = { max: 5, windowMs: 15 * 60_000 };

export type PasswordChangeResult =
	| ({ ok: true } & NewSession)
	| { ok: false; status: 400 | 429; field: 'current' | 'form'; message: string };

export async function changePassword(userId: string, values: z.output<typeof passwordChangeSchema>): Promise<PasswordChangeResult> {
	const { db } = await getDb();
	const limited = await hit(db, limitKeys.passwordChange(userId), PASSWORD_CHANGE_LIMIT);
	if (!limited.allowed) {
		return { ok: false, status: 429, field: 'form', message: `Too many tries. Please wait ${minutesToWait(limited.retryAfterMs)} and try again.` };
	}
	const stored = await findPasswordHash(db, userId);
	if (!stored || !(await verifyPassword(stored, values.current))) {
		return { ok: false, status: 400, field: 'current', message: 'That is not your current password.' };
	}
	await replacePassword(db, userId, await hashPassword(values.password));
	return { ok: true, ...(await createSession(db, userId)) };
}
